/**
 * A fake Mistral API on node:http for tests and benchmarks: POST /v1/ocr and
 * POST /v1/chat/completions with Mistral's request validation, response shapes and error bodies,
 * plus configurable latency and failure injection (429 with Retry-After and rate-limit headers,
 * 5xx, or a request that hangs). Order of checks per request: route → API key (401) → injected
 * failure → JSON and body validation (422) → model (400) → answer. Must never be imported by
 * production code; it listens on loopback only unless told otherwise.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CHAT_PATH, OCR_PATH, type ErrorBody, type ValidationDetail } from '../wire';
import { chatBody, defaultChatAnswer, defaultOcrText, describeDocument, ocrBody, type ChatAnswerFn, type OcrTextFn } from './answers';
import { validateChat, validateOcr } from './validate';

export type FakeEndpoint = 'ocr' | 'chat';

/** One injected failure, answered `times` times (default 1) on matching calls, in list order. */
export type FakeFailure =
  | { kind: 'rate-limit'; times?: number; endpoint?: FakeEndpoint; retryAfterSeconds?: number }
  | { kind: 'server-error'; times?: number; endpoint?: FakeEndpoint; status?: 500 | 502 | 503 | 504 }
  | { kind: 'hang'; times?: number; endpoint?: FakeEndpoint; hangMs?: number };

export interface FakeBehaviour {
  /** Delay before every answer (not hangs). */
  latencyMs: number;
  failures: FakeFailure[];
  ocrText: OcrTextFn;
  chatAnswer: ChatAnswerFn;
  apiKey: string;
  ocrModels: string[];
  chatModels: string[];
  /** Reported in x-ratelimit-limit-req-minute. */
  requestsPerMinute: number;
}

export interface FakeMistralOptions extends Partial<FakeBehaviour> {
  port?: number;
  host?: string;
}

export interface FakeCall {
  endpoint: FakeEndpoint | 'unknown';
  method: string;
  path: string;
  model?: string;
  /** The answered status; 0 while pending or when the call hung until the client gave up. */
  status: number;
  failure?: FakeFailure['kind'];
  body: unknown;
  startedAt: number;
  finishedAt?: number;
}

export interface FakeMistral {
  /** Base URL, e.g. http://127.0.0.1:41234 — the SDK's serverURL and MISTRAL_BASE_URL. */
  url: string;
  calls: FakeCall[];
  setBehaviour(change: Partial<FakeBehaviour>): void;
  close(): Promise<void>;
}

export const FAKE_API_KEY = 'fake-mistral-key';

const defaults: FakeBehaviour = {
  latencyMs: 0,
  failures: [],
  ocrText: defaultOcrText,
  chatAnswer: defaultChatAnswer,
  apiKey: FAKE_API_KEY,
  ocrModels: ['mistral-ocr-latest', 'mistral-ocr-2512', 'mistral-ocr-2505', 'mistral-ocr-2503'],
  chatModels: ['mistral-large-latest', 'mistral-large-2512', 'mistral-large-2411', 'mistral-medium-latest', 'mistral-small-latest'],
  requestsPerMinute: 720,
};

function errorBody(message: string, type: string, code: string | null, param: string | null = null): ErrorBody {
  return { object: 'error', message, type, param, code };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeMistral(options: FakeMistralOptions = {}): Promise<FakeMistral> {
  const { port = 0, host = '127.0.0.1', ...initial } = options;
  const behaviour: FakeBehaviour = { ...defaults, ...initial, failures: (initial.failures ?? []).map((failure) => ({ ...failure })) };
  const calls: FakeCall[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const recent: number[] = [];
  let sequence = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function rateHeaders(): Record<string, string> {
    const now = Date.now();
    while (recent.length > 0 && recent[0]! < now - 60_000) recent.shift();
    const remaining = Math.max(0, behaviour.requestsPerMinute - recent.length);
    return {
      'x-ratelimit-limit-req-minute': String(behaviour.requestsPerMinute),
      'x-ratelimit-remaining-req-minute': String(remaining),
      'x-ratelimit-limit-tokens-minute': '2000000',
      'x-ratelimit-remaining-tokens-minute': String(remaining === 0 ? 0 : 2_000_000 - recent.length * 1000),
    };
  }

  function takeFailure(endpoint: FakeEndpoint): FakeFailure | undefined {
    const failure = behaviour.failures.find((candidate) => (candidate.times ?? 1) > 0 && (candidate.endpoint ?? endpoint) === endpoint);
    if (failure) failure.times = (failure.times ?? 1) - 1;
    return failure;
  }

  async function send(response: ServerResponse, call: FakeCall, status: number, body: unknown, headers: Record<string, string> = {}) {
    if (behaviour.latencyMs > 0) await wait(behaviour.latencyMs);
    call.status = status;
    call.finishedAt = Date.now();
    if (response.destroyed) return;
    const requestId = randomBytes(16).toString('hex');
    response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId, ...headers });
    response.end(JSON.stringify(body));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]!;
    const endpoint: FakeCall['endpoint'] = path === OCR_PATH ? 'ocr' : path === CHAT_PATH ? 'chat' : 'unknown';
    const text = await readBody(request);
    let body: unknown;
    let parseError: ValidationDetail | undefined;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      body = text;
      parseError = {
        type: 'json_invalid',
        loc: ['body', 0],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: (error as Error).message },
      };
    }
    const call: FakeCall = { endpoint, method: request.method ?? 'GET', path, status: 0, body, startedAt: Date.now() };
    if (typeof body === 'object' && body !== null && typeof (body as { model?: unknown }).model === 'string') {
      call.model = (body as { model: string }).model;
    }
    calls.push(call);
    recent.push(call.startedAt);

    if (endpoint === 'unknown') return send(response, call, 404, { detail: 'Not Found' });
    if (request.method !== 'POST') return send(response, call, 405, { detail: 'Method Not Allowed' });
    if (request.headers.authorization !== `Bearer ${behaviour.apiKey}`) {
      return send(response, call, 401, { message: 'Unauthorized', request_id: randomBytes(16).toString('hex') });
    }

    const failure = takeFailure(endpoint);
    if (failure) call.failure = failure.kind;
    if (failure?.kind === 'hang') {
      if (failure.hangMs === undefined) return;
      await wait(failure.hangMs);
    } else if (failure?.kind === 'rate-limit') {
      const headers = { ...rateHeaders(), 'x-ratelimit-remaining-req-minute': '0', 'retry-after': String(failure.retryAfterSeconds ?? 1) };
      return send(response, call, 429, errorBody('Rate limit exceeded', 'rate_limited', '1300'), headers);
    } else if (failure?.kind === 'server-error') {
      return send(response, call, failure.status ?? 500, errorBody('Internal server error', 'server_error', null));
    }

    if (parseError) return send(response, call, 422, { detail: [parseError] });
    if (endpoint === 'ocr') return answerOcr(response, call, body);
    return answerChat(response, call, body);
  }

  async function answerOcr(response: ServerResponse, call: FakeCall, body: unknown) {
    const checked = validateOcr(body);
    if (!checked.ok) return send(response, call, 422, { detail: checked.details });
    const { model, document } = checked.value;
    if (!behaviour.ocrModels.includes(model))
      return send(response, call, 400, errorBody(`Invalid model: ${model}`, 'invalid_model', '1500'));
    const described = describeDocument(document);
    const text = await behaviour.ocrText(described);
    const pages = Array.isArray(text) ? text : text.split('\f');
    return send(response, call, 200, ocrBody(model, pages, described.bytes?.length ?? null), rateHeaders());
  }

  async function answerChat(response: ServerResponse, call: FakeCall, body: unknown) {
    const checked = validateChat(body);
    if (!checked.ok) return send(response, call, 422, { detail: checked.details });
    const { model, messages, response_format: format } = checked.value;
    if (!behaviour.chatModels.includes(model))
      return send(response, call, 400, errorBody(`Invalid model: ${model}`, 'invalid_model', '1500'));
    const answer = await behaviour.chatAnswer({
      model,
      messages,
      format: format?.type ?? 'text',
      name: format?.json_schema?.name,
      schema: format?.json_schema?.schema,
    });
    const content = typeof answer === 'string' ? answer : JSON.stringify(answer);
    sequence += 1;
    return send(response, call, 200, chatBody(model, messages, content, sequence), rateHeaders());
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return;
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify(errorBody(`Fake Mistral failed: ${(error as Error).message}`, 'server_error', null)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${host}:${address.port}`,
    calls,
    setBehaviour(change) {
      Object.assign(behaviour, change);
      if (change.failures) behaviour.failures = change.failures.map((failure) => ({ ...failure }));
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
