/**
 * Mistral's REST contract for the two endpoints Akount uses, as zod schemas over the wire format
 * (snake_case JSON). The fake server validates requests with the request schemas; the client
 * validates answers with the response schemas. Sources: the API reference at docs.mistral.ai/api
 * and the schemas the official SDK (@mistralai/mistralai 2.7, models/components) sends and
 * accepts. Response schemas are lenient (extra fields pass) so a new field never breaks a scan;
 * request schemas are strict at the top level, as the API answers 422 `extra_forbidden` for
 * unknown body fields. This module only describes shapes; it must never do I/O.
 */
import { z } from 'zod';

export const OCR_PATH = '/v1/ocr';
export const CHAT_PATH = '/v1/chat/completions';

/** `{ type: 'document_url', document_url }` — a public URL or a data: URL (PDF, or any document). */
export const documentUrlChunk = z.object({
  type: z.literal('document_url').default('document_url'),
  document_url: z.string(),
  document_name: z.string().nullable().optional(),
});

/** `{ type: 'image_url', image_url }` — a URL string, or `{ url, detail? }`; data: URLs allowed. */
export const imageUrlChunk = z.object({
  type: z.literal('image_url').default('image_url'),
  image_url: z.union([z.string(), z.object({ url: z.string(), detail: z.string().nullable().optional() })]),
});

/** A file uploaded through the Files API, by id. Akount does not upload files; accepted for completeness. */
export const fileChunk = z.object({ type: z.literal('file').default('file'), file_id: z.string() });

const responseFormat = z.object({
  type: z.enum(['text', 'json_object', 'json_schema']).optional(),
  json_schema: z
    .object({
      name: z.string(),
      description: z.string().nullable().optional(),
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().optional(),
    })
    .nullable()
    .optional(),
});

export const ocrRequest = z.strictObject({
  model: z.string(),
  document: z.union([documentUrlChunk, imageUrlChunk, fileChunk]),
  id: z.string().optional(),
  pages: z
    .union([z.string(), z.array(z.number().int())])
    .nullable()
    .optional(),
  include_image_base64: z.boolean().nullable().optional(),
  image_limit: z.number().int().nullable().optional(),
  image_min_size: z.number().int().nullable().optional(),
  bbox_annotation_format: responseFormat.nullable().optional(),
  document_annotation_format: responseFormat.nullable().optional(),
  document_annotation_prompt: z.string().nullable().optional(),
  table_format: z.enum(['markdown', 'html']).nullable().optional(),
  extract_header: z.boolean().optional(),
  extract_footer: z.boolean().optional(),
  include_blocks: z.boolean().optional(),
  confidence_scores_granularity: z.enum(['word', 'page', 'block']).nullable().optional(),
});
export type OcrRequest = z.infer<typeof ocrRequest>;

const textChunk = z.object({ type: z.literal('text'), text: z.string() }).loose();
const messageContent = z.union([z.string(), z.array(z.union([textChunk, z.object({ type: z.string() }).loose()]))]);

export const chatMessage = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: messageContent }),
  z.object({ role: z.literal('user'), content: messageContent.nullable() }),
  z.object({ role: z.literal('assistant'), content: messageContent.nullable().optional(), prefix: z.boolean().optional() }).loose(),
  z.object({ role: z.literal('tool'), content: messageContent.nullable(), tool_call_id: z.string().nullable().optional() }).loose(),
]);

export const chatRequest = z.strictObject({
  model: z.string(),
  messages: z.array(chatMessage).min(1),
  temperature: z.number().min(0).max(1.5).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_tokens: z.number().int().min(0).nullable().optional(),
  stream: z.boolean().optional(),
  stop: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  random_seed: z.number().int().min(0).nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  response_format: responseFormat.optional(),
  tools: z.array(z.unknown()).nullable().optional(),
  tool_choice: z.unknown().optional(),
  presence_penalty: z.number().nullable().optional(),
  frequency_penalty: z.number().nullable().optional(),
  n: z.number().int().min(1).nullable().optional(),
  prediction: z.unknown().optional(),
  parallel_tool_calls: z.boolean().optional(),
  reasoning_effort: z.string().nullable().optional(),
  prompt_mode: z.string().nullable().optional(),
  guardrails: z.array(z.unknown()).nullable().optional(),
  prompt_cache_key: z.string().nullable().optional(),
  service_tier: z.string().nullable().optional(),
  safe_prompt: z.boolean().optional(),
});
export type ChatRequest = z.infer<typeof chatRequest>;

export const ocrResponse = z.object({
  model: z.string(),
  pages: z.array(
    z.object({
      index: z.number().int(),
      markdown: z.string(),
      images: z.array(z.unknown()).optional(),
      dimensions: z.object({ dpi: z.number(), height: z.number(), width: z.number() }).nullable().optional(),
    }),
  ),
  usage_info: z.object({ pages_processed: z.number().int(), doc_size_bytes: z.number().int().nullable().optional() }),
  document_annotation: z.string().nullable().optional(),
});
export type OcrResponse = z.infer<typeof ocrResponse>;

export const chatResponse = z.object({
  id: z.string(),
  object: z.string(),
  model: z.string(),
  created: z.number().int(),
  usage: z.object({
    prompt_tokens: z.number().int().default(0),
    completion_tokens: z.number().int().default(0),
    total_tokens: z.number().int().default(0),
  }),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.string().optional(), content: messageContent.nullable().optional() }).loose().optional(),
      finish_reason: z.string(),
    }),
  ),
});
export type ChatResponse = z.infer<typeof chatResponse>;

/** One entry of the 422 `detail` array (FastAPI/pydantic shape, as the API and the SDK's HTTPValidationError use). */
export interface ValidationDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** The documented error body (docs.mistral.ai/resources/error-glossary). */
export interface ErrorBody {
  object: 'error';
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}
