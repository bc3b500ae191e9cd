/**
 * A typed REST client for the two Mistral endpoints Akount calls: OCR (/v1/ocr) and chat
 * completions with a JSON schema (/v1/chat/completions). Plain `fetch`, no SDK at run time.
 * Every call goes through the shared rate limiter, has its own timeout, reports usage (pages or
 * tokens, latency, cost) to `onUsage`, and fails with one classified `MistralError`.
 * It never retries: the caller (a Temporal activity) owns retries, using `retryable` and
 * `retryAfterMs`. It never logs and never puts document contents into error messages.
 *
 * Data retention: Mistral has no per-request "do not retain" header. Its zero data retention
 * (ZDR) is an Organization-level setting, available on paid plans, that Mistral enables on
 * request through its Help Center/support; once enabled, Mistral "does not store or log inputs
 * and outputs for supported API requests longer than required to generate the output", and it
 * covers /v1/ocr and /v1/chat/completions but not stateful APIs such as /v1/files, batch,
 * agents or conversations (docs.mistral.ai/admin/monitor-comply/zero-data-retention;
 * help.mistral.ai/en/articles/347612-can-i-activate-zero-data-retention-zdr). Without ZDR,
 * API inputs and outputs are kept for abuse monitoring (30 rolling days, per Mistral's
 * privacy terms as summarised at char.com/blog/mistral-data-retention-policy; not verified
 * against Mistral's own page here). So this client sends no retention header — inventing
 * one would only give false comfort — and keeps documents inline as data: URLs instead of
 * uploading them through /v1/files, which ZDR does not cover. `headers` exists so a header
 * can be added without a code change if Mistral ever documents one.
 */
import { z } from 'zod';
import { errorFromFailure, errorFromResponse, MistralError, type MistralEndpoint } from './errors';
import { costMicros, defaultPrices, type PriceTable } from './prices';
import { sharedRateLimiter, type RateLimiter } from './rate-limiter';
import { CHAT_PATH, chatResponse, OCR_PATH, ocrResponse } from './wire';

export const DEFAULT_BASE_URL = 'https://api.mistral.ai';
export const DEFAULT_TIMEOUT_MS = 120_000;

/** One row's worth of AiUsage: what a successful call consumed and cost. */
export interface MistralUsage {
  endpoint: MistralEndpoint;
  model: string;
  pages?: number;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs: number;
  /** Micro-units of `currency`; 0 when the price table has no price for the model (`priced: false`). */
  costMicros: number;
  currency: string;
  priced: boolean;
}

export interface MistralClientOptions {
  apiKey: string;
  /** MISTRAL_BASE_URL; `/v1/...` is appended. */
  baseUrl?: string;
  /** Per request, from the moment the request is sent (time queued in the limiter is not counted). */
  timeoutMs?: number;
  /** Default: the process-wide `sharedRateLimiter()`. */
  limiter?: RateLimiter;
  prices?: PriceTable;
  /** Awaited after every successful call; if it throws, the call fails with that error. */
  onUsage?: (usage: MistralUsage) => void | Promise<void>;
  /** Extra request headers (never needed today; see the data-retention note above). */
  headers?: Record<string, string>;
}

/** What to read: a public URL or a data: URL. PDFs go as documents, images as images. */
export type OcrDocument = { type: 'document_url'; documentUrl: string; documentName?: string } | { type: 'image_url'; imageUrl: string };

export interface OcrInput {
  document: OcrDocument;
  model: string;
  signal?: AbortSignal;
}

export interface OcrResult {
  model: string;
  pages: { index: number; markdown: string }[];
  usage: MistralUsage;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatJsonInput<T> {
  model: string;
  messages: ChatMessage[];
  /** A zod schema (converted to JSON Schema, and the answer parsed with it) or a JSON Schema object. */
  schema: z.ZodType<T> | Record<string, unknown>;
  /** The json_schema name Mistral requires (letters, digits, _ and -). */
  name: string;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface ChatJsonResult<T> {
  model: string;
  value: T;
  usage: MistralUsage;
}

/** A data: URL document for bytes in memory: PDFs as `document_url`, images as `image_url`. */
export function documentFromBytes(bytes: Uint8Array, mimeType: string, documentName?: string): OcrDocument {
  const url = `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
  if (mimeType.startsWith('image/')) return { type: 'image_url', imageUrl: url };
  return documentName === undefined ? { type: 'document_url', documentUrl: url } : { type: 'document_url', documentUrl: url, documentName };
}

function isZodSchema(schema: unknown): schema is z.ZodType {
  return schema instanceof z.ZodType;
}

function jsonSchemaOf(schema: z.ZodType | Record<string, unknown>): Record<string, unknown> {
  if (!isZodSchema(schema)) return schema;
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((chunk: unknown) =>
      typeof chunk === 'object' && chunk !== null && 'text' in chunk ? String((chunk as { text: unknown }).text) : '',
    )
    .join('');
}

export class MistralClient {
  private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly limiter: RateLimiter;
  private readonly prices: PriceTable;
  private readonly onUsage: MistralClientOptions['onUsage'];
  private readonly headers: Record<string, string>;

  constructor(options: MistralClientOptions) {
    if (options.apiKey.trim() === '') throw new Error('MistralClient needs an API key');
    this.apiKey = options.apiKey;
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.limiter = options.limiter ?? sharedRateLimiter();
    this.prices = options.prices ?? defaultPrices;
    this.onUsage = options.onUsage;
    this.headers = options.headers ?? {};
  }

  /** OCR one document; pages come back in Mistral's order with 0-based `index`. */
  async ocr(input: OcrInput): Promise<OcrResult> {
    const document =
      input.document.type === 'image_url'
        ? { type: 'image_url', image_url: input.document.imageUrl }
        : { type: 'document_url', document_url: input.document.documentUrl, document_name: input.document.documentName };
    const { json, latencyMs } = await this.post('ocr', OCR_PATH, { model: input.model, document }, input.signal);
    const parsed = ocrResponse.safeParse(json);
    if (!parsed.success) throw this.invalidResponse('ocr', parsed.error);
    const body = parsed.data;
    const usage = await this.report({ endpoint: 'ocr', model: body.model, pages: body.usage_info.pages_processed, latencyMs });
    return { model: body.model, pages: body.pages.map(({ index, markdown }) => ({ index, markdown })), usage };
  }

  /** A chat completion constrained to `schema` (response_format json_schema, strict), parsed. */
  async chatJson<T>(input: ChatJsonInput<T>): Promise<ChatJsonResult<T>> {
    const request = {
      model: input.model,
      messages: input.messages,
      temperature: input.temperature ?? 0,
      ...(input.maxTokens === undefined ? {} : { max_tokens: input.maxTokens }),
      response_format: { type: 'json_schema', json_schema: { name: input.name, schema: jsonSchemaOf(input.schema), strict: true } },
    };
    const { json, latencyMs } = await this.post('chat', CHAT_PATH, request, input.signal);
    const parsed = chatResponse.safeParse(json);
    if (!parsed.success) throw this.invalidResponse('chat', parsed.error);
    const body = parsed.data;
    const usage = await this.report({
      endpoint: 'chat',
      model: body.model,
      promptTokens: body.usage.prompt_tokens,
      completionTokens: body.usage.completion_tokens,
      latencyMs,
    });
    const choice = body.choices[0];
    const content = textOf(choice?.message?.content);
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      const why = choice?.finish_reason === 'length' ? ' (cut off at max_tokens)' : '';
      throw new MistralError(`Mistral chat completion did not return JSON${why}`, {
        code: 'invalid_output',
        endpoint: 'chat',
        retryable: false,
      });
    }
    if (isZodSchema(input.schema)) {
      const checked = input.schema.safeParse(value);
      if (!checked.success) {
        const first = checked.error.issues[0];
        const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
        throw new MistralError(`Mistral chat completion returned JSON that does not match ${input.name}${where}`, {
          code: 'invalid_output',
          endpoint: 'chat',
          retryable: false,
        });
      }
      return { model: body.model, value: checked.data, usage };
    }
    return { model: body.model, value: value as T, usage };
  }

  private async post(
    endpoint: MistralEndpoint,
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<{ json: unknown; latencyMs: number }> {
    let release: () => void;
    try {
      release = await this.limiter.acquire(signal);
    } catch (failure) {
      throw errorFromFailure(endpoint, failure, this.timeoutMs);
    }
    try {
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const started = performance.now();
      let status: number;
      let headers: Headers;
      let text: string;
      try {
        const response = await fetch(`${this.baseUrl}${path}`, {
          method: 'POST',
          headers: {
            ...this.headers,
            authorization: `Bearer ${this.apiKey}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify(body),
          signal: combined,
        });
        status = response.status;
        headers = response.headers;
        text = await response.text();
      } catch (failure) {
        throw errorFromFailure(endpoint, failure, this.timeoutMs);
      }
      const latencyMs = Math.round(performance.now() - started);
      if (status < 200 || status >= 300) throw errorFromResponse(endpoint, status, headers, text);
      try {
        return { json: JSON.parse(text) as unknown, latencyMs };
      } catch {
        throw new MistralError(`Mistral ${endpoint} answered ${status} with a body that is not JSON`, {
          code: 'invalid_response',
          endpoint,
          retryable: true,
          status,
        });
      }
    } finally {
      release();
    }
  }

  private invalidResponse(endpoint: MistralEndpoint, error: z.ZodError): MistralError {
    const first = error.issues[0];
    const where = first ? `: ${first.path.join('.')} ${first.message}` : '';
    return new MistralError(`Mistral ${endpoint} answer does not match the documented response${where}`, {
      code: 'invalid_response',
      endpoint,
      retryable: true,
    });
  }

  private async report(usage: Omit<MistralUsage, 'costMicros' | 'currency' | 'priced'>): Promise<MistralUsage> {
    const cost = costMicros(this.prices, usage);
    const full: MistralUsage = { ...usage, costMicros: cost ?? 0, currency: this.prices.currency, priced: cost !== undefined };
    await this.onUsage?.(full);
    return full;
  }
}
