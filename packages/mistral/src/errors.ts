/**
 * The one error the Mistral client throws. Every failure — HTTP status, timeout, network, an
 * answer that does not parse — is classified here into a code and a `retryable` flag, so the
 * activity can hand it to Temporal as is: retryable failures retry with backoff (honouring
 * `retryAfterMs`), the others become non-retryable failures with `message` shown to the user.
 * Messages never contain the API key or document contents.
 */
import type { ValidationDetail } from './wire';

export type MistralEndpoint = 'ocr' | 'chat';

export type MistralErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'payment_required'
  | 'bad_request'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'server_error'
  | 'http_error'
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'invalid_response'
  | 'invalid_output';

export interface MistralErrorInit {
  code: MistralErrorCode;
  endpoint: MistralEndpoint;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  requestId?: string;
  details?: ValidationDetail[];
  cause?: unknown;
}

export class MistralError extends Error {
  override readonly name = 'MistralError';
  readonly code: MistralErrorCode;
  readonly endpoint: MistralEndpoint;
  readonly retryable: boolean;
  /** HTTP status when Mistral answered; undefined for timeouts and network failures. */
  readonly status: number | undefined;
  /** How long Mistral asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  /** The 422 `detail` array, when Mistral sent one. */
  readonly details: ValidationDetail[] | undefined;

  constructor(message: string, init: MistralErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.retryable = init.retryable;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
    this.details = init.details;
  }
}

const endpointLabel: Record<MistralEndpoint, string> = { ocr: 'Mistral OCR', chat: 'Mistral chat completion' };

/**
 * Retry-After as milliseconds: either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Mistral documents Retry-After on 429 (docs.mistral.ai/resources/error-glossary). Its
 * x-ratelimit-* headers carry limits and remaining budget but no reset time, so there is no
 * other header to derive a wait from.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function describeDetails(details: ValidationDetail[]): string {
  return details
    .slice(0, 5)
    .map((detail) => `${detail.loc.join('.')}: ${detail.msg}`)
    .join('; ');
}

function readBody(text: string): { message?: string; details?: ValidationDetail[]; requestId?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim() === '' ? {} : { message: text.trim().slice(0, 200) };
  }
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const requestId = typeof record.request_id === 'string' ? record.request_id : undefined;
  if (Array.isArray(record.detail)) {
    // `input` is dropped: it can hold the document itself (a data: URL), which must not reach logs.
    const details = record.detail
      .filter(
        (entry): entry is ValidationDetail => typeof entry === 'object' && entry !== null && Array.isArray((entry as ValidationDetail).loc),
      )
      .map(({ type, loc, msg }) => ({ type, loc, msg }));
    return { details, message: describeDetails(details), requestId };
  }
  if (typeof record.message === 'string') return { message: record.message, requestId };
  if (typeof record.detail === 'string') return { message: record.detail, requestId };
  return { requestId };
}

function codeForStatus(status: number): MistralErrorCode {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'payment_required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 422) return 'validation';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'http_error';
}

/** Classifies a non-2xx answer. 408, 429 and 5xx are retryable; any other status is not. */
export function errorFromResponse(
  endpoint: MistralEndpoint,
  status: number,
  headers: Headers,
  bodyText: string,
  now?: number,
): MistralError {
  const code = codeForStatus(status);
  const retryable = status === 408 || status === 429 || status >= 500;
  const { message, details, requestId } = readBody(bodyText);
  const retryAfterMs = retryable ? parseRetryAfter(headers.get('retry-after'), now) : undefined;
  const label = endpointLabel[endpoint];
  const reason = message ? `: ${message}` : '';
  let text: string;
  if (code === 'unauthorized') text = `${label} refused the API key (401)${reason}; check MISTRAL_API_KEY`;
  else if (code === 'rate_limited') {
    const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    text = `${label} is rate limited (429)${reason}${wait}`;
  } else if (retryable) text = `${label} failed on Mistral's side (${status})${reason}; will retry`;
  else text = `${label} rejected the request (${status})${reason}`;
  return new MistralError(text, { code, endpoint, retryable, status, retryAfterMs, requestId, details });
}

/** Classifies a failure to get an answer at all: our timeout, the caller's abort, or the network. */
export function errorFromFailure(endpoint: MistralEndpoint, failure: unknown, timeoutMs: number): MistralError {
  const label = endpointLabel[endpoint];
  const name = failure instanceof Error ? failure.name : '';
  if (name === 'TimeoutError') {
    return new MistralError(`${label} timed out after ${timeoutMs} ms`, { code: 'timeout', endpoint, retryable: true, cause: failure });
  }
  if (name === 'AbortError') {
    return new MistralError(`${label} was aborted`, { code: 'aborted', endpoint, retryable: true, cause: failure });
  }
  const cause = failure instanceof Error && failure.cause instanceof Error ? `: ${failure.cause.message}` : '';
  return new MistralError(`${label} could not be reached${cause}`, { code: 'network', endpoint, retryable: true, cause: failure });
}
