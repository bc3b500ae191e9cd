/**
 * What the fake Mistral server says when a call succeeds: the default OCR text, a default JSON
 * answer built from the requested JSON schema, and the response bodies in Mistral's documented
 * shapes (the fields the official SDK requires are all present). Test support only.
 */
import type { ChatRequest, OcrRequest } from '../wire';

/** The document as the OCR callback sees it; data: URLs are decoded. */
export interface FakeOcrDocument {
  type: 'document_url' | 'image_url' | 'file';
  url?: string;
  fileId?: string;
  /** For data: URLs. */
  mimeType?: string;
  bytes?: Buffer;
}

/** Returns the markdown of each page, or one string whose pages are separated by form feeds (\f). */
export type OcrTextFn = (document: FakeOcrDocument) => string | string[] | Promise<string | string[]>;

export interface FakeChatRequest {
  model: string;
  messages: ChatRequest['messages'];
  format: 'text' | 'json_object' | 'json_schema';
  name?: string;
  schema?: Record<string, unknown>;
}

/** Returns the answer: a string is sent as is, anything else as JSON. */
export type ChatAnswerFn = (request: FakeChatRequest) => unknown;

export const SAMPLE_RECEIPT = [
  '# SAMPLE TRADING',
  'No. 1, Jalan Contoh, 50000 Kuala Lumpur',
  'Receipt: R-000123',
  'Date: 19/10/2018',
  '| Item | Qty | Amount |',
  '| --- | --- | --- |',
  '| Notebook | 2 | 10.00 |',
  '| Pen | 1 | 3.50 |',
  'Total: 13.50',
].join('\n');

export function describeDocument(document: OcrRequest['document']): FakeOcrDocument {
  if ('file_id' in document) return { type: 'file', fileId: document.file_id };
  const url =
    'document_url' in document
      ? document.document_url
      : typeof document.image_url === 'string'
        ? document.image_url
        : document.image_url.url;
  const type = 'document_url' in document ? 'document_url' : 'image_url';
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!match) return { type, url };
  const mimeType = match[1] || 'text/plain';
  const base64 = (match[2] ?? '').split(';').includes('base64');
  const data = match[3] ?? '';
  const bytes = base64 ? Buffer.from(data, 'base64') : Buffer.from(decodeURIComponent(data), 'utf8');
  return { type, url, mimeType, bytes };
}

/** Default OCR: a text/plain data: URL reads as its own text; anything else as SAMPLE_RECEIPT. */
export const defaultOcrText: OcrTextFn = (document) =>
  document.mimeType?.startsWith('text/plain') && document.bytes ? document.bytes.toString('utf8') : SAMPLE_RECEIPT;

type Schema = Record<string, unknown>;

function resolveRef(ref: string, root: Schema): Schema {
  const path = ref.replace(/^#\//, '').split('/');
  let current: unknown = root;
  for (const key of path) current = (current as Schema | undefined)?.[key];
  return (current as Schema | undefined) ?? {};
}

/**
 * The smallest value a JSON schema allows, preferring null where null is allowed: the default
 * answer says "nothing found", which is always a valid extraction.
 */
export function sampleFromSchema(schema: Schema, root: Schema = schema, depth = 0): unknown {
  if (depth > 20) return null;
  if (typeof schema.$ref === 'string') return sampleFromSchema(resolveRef(schema.$ref, root), root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(options) && options.length > 0) {
    const nullable = options.find((option) => option.type === 'null');
    return nullable ? null : sampleFromSchema(options[0]!, root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return sampleFromSchema(schema.allOf[0] as Schema, root, depth + 1);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  if (types.includes('null')) return null;
  switch (types[0]) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, sampleFromSchema(properties[key] ?? {}, root, depth + 1)]));
    }
    case 'array':
      return [];
    case 'string':
      return schema.format === 'date' ? '2024-01-01' : 'x'.repeat(Number(schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? schema.exclusiveMinimum ?? 0);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

export const defaultChatAnswer: ChatAnswerFn = (request) => {
  if (request.format === 'json_schema' && request.schema) return sampleFromSchema(request.schema);
  if (request.format === 'json_object') return {};
  return 'OK';
};

function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function ocrBody(model: string, pages: string[], docSizeBytes: number | null) {
  return {
    pages: pages.map((markdown, index) => ({ index, markdown, images: [], dimensions: { dpi: 200, height: 2200, width: 1700 } })),
    model,
    document_annotation: null,
    usage_info: { pages_processed: pages.length, doc_size_bytes: docSizeBytes },
  };
}

export function chatBody(model: string, messages: ChatRequest['messages'], content: string, sequence: number) {
  const promptTokens = countTokens(JSON.stringify(messages));
  const completionTokens = countTokens(content);
  return {
    id: `fake-${sequence.toString(16).padStart(8, '0')}`,
    object: 'chat.completion',
    model,
    created: Math.floor(Date.now() / 1000),
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    choices: [{ index: 0, message: { role: 'assistant', content, tool_calls: null, prefix: false }, finish_reason: 'stop' }],
  };
}
