import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentFromBytes, MistralClient, type MistralClientOptions, type MistralUsage } from './client';
import { MistralError } from './errors';
import { defaultChatAnswer, defaultOcrText, FAKE_API_KEY, startFakeMistral, type FakeMistral } from './fake';
import { RateLimiter } from './rate-limiter';

let fake: FakeMistral;

beforeAll(async () => {
  fake = await startFakeMistral();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  fake.setBehaviour({ failures: [], latencyMs: 0, ocrText: defaultOcrText, chatAnswer: defaultChatAnswer });
});

function clientFor(options: Partial<MistralClientOptions> = {}): MistralClient {
  return new MistralClient({
    apiKey: FAKE_API_KEY,
    baseUrl: fake.url,
    limiter: new RateLimiter({ requestsPerSecond: 1000, burst: 1000 }),
    ...options,
  });
}

const receiptText = documentFromBytes(Buffer.from('ACME STORE\nTOTAL 12.50'), 'text/plain');

async function failureOf(run: () => Promise<unknown>): Promise<MistralError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof MistralError) return error;
    throw error;
  }
  throw new Error('expected a MistralError');
}

const receipt = z.object({ vendor: z.string().nullable(), totalMinor: z.number().int().nullable() });

describe('MistralClient against the fake Mistral', () => {
  it('reads OCR pages and reports pages, latency and cost', async () => {
    const usages: MistralUsage[] = [];
    const client = clientFor({ onUsage: (usage) => void usages.push(usage) });
    const result = await client.ocr({ document: receiptText, model: 'mistral-ocr-latest' });
    expect(result.pages).toEqual([{ index: 0, markdown: 'ACME STORE\nTOTAL 12.50' }]);
    expect(result.usage).toMatchObject({
      endpoint: 'ocr',
      model: 'mistral-ocr-latest',
      pages: 1,
      costMicros: 2000,
      currency: 'USD',
      priced: true,
    });
    expect(usages).toEqual([result.usage]);
    expect(fake.calls[0]!.body).toMatchObject({ model: 'mistral-ocr-latest', document: { type: 'document_url' } });
  });

  it('sends images as image_url and counts every page', async () => {
    fake.setBehaviour({ ocrText: () => ['one', 'two', 'three'] });
    const client = clientFor();
    const result = await client.ocr({
      document: documentFromBytes(new Uint8Array([0x89, 0x50]), 'image/png'),
      model: 'mistral-ocr-latest',
    });
    expect(result.pages.map((page) => page.markdown)).toEqual(['one', 'two', 'three']);
    expect(result.usage.pages).toBe(3);
    expect(result.usage.costMicros).toBe(6000);
    expect(fake.calls[0]!.body).toMatchObject({ document: { type: 'image_url', image_url: 'data:image/png;base64,iVA=' } });
  });

  it('asks for a strict json_schema, parses the answer with the zod schema and prices the tokens', async () => {
    fake.setBehaviour({ chatAnswer: () => ({ vendor: 'ACME', totalMinor: 1250 }) });
    const usages: MistralUsage[] = [];
    const client = clientFor({ onUsage: (usage) => void usages.push(usage) });
    const result = await client.chatJson({
      model: 'mistral-large-latest',
      name: 'receipt',
      schema: receipt,
      messages: [{ role: 'user', content: 'ACME TOTAL 12.50' }],
    });
    expect(result.value).toEqual({ vendor: 'ACME', totalMinor: 1250 });
    const request = fake.calls[0]!.body as { temperature: number; response_format: { type: string; json_schema: Record<string, unknown> } };
    expect(request.temperature).toBe(0);
    expect(request.response_format.type).toBe('json_schema');
    expect(request.response_format.json_schema).toMatchObject({
      name: 'receipt',
      strict: true,
      schema: { type: 'object', required: ['vendor', 'totalMinor'] },
    });
    // The fake counts a token per 4 characters: the messages' JSON is 46 → 12 tokens, the answer 35 → 9.
    // Mistral Large at 0.50 / 1.50 USD per million: 12 × 0.5 + 9 × 1.5 = 19.5 → 20 micro-USD.
    expect(result.usage).toMatchObject({ endpoint: 'chat', promptTokens: 12, completionTokens: 9, costMicros: 20, priced: true });
    expect(usages).toHaveLength(1);
  });

  it('refuses an answer that does not match the zod schema, as not retryable', async () => {
    fake.setBehaviour({ chatAnswer: () => ({ vendor: 42 }) });
    const error = await failureOf(() =>
      clientFor().chatJson({ model: 'mistral-large-latest', name: 'receipt', schema: receipt, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(error.code).toBe('invalid_output');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'Mistral chat completion returned JSON that does not match receipt at vendor: Invalid input: expected string, received number',
    );
  });

  it('reports 429 three times as retryable with Retry-After, then succeeds', async () => {
    fake.setBehaviour({ failures: [{ kind: 'rate-limit', times: 3, retryAfterSeconds: 2 }] });
    const client = clientFor();
    const errors: MistralError[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      errors.push(await failureOf(() => client.ocr({ document: receiptText, model: 'mistral-ocr-latest' })));
    }
    for (const error of errors) {
      expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryable: true, retryAfterMs: 2000, endpoint: 'ocr' });
      expect(error.message).toBe('Mistral OCR is rate limited (429): Rate limit exceeded; retry after 2 s');
    }
    const result = await client.ocr({ document: receiptText, model: 'mistral-ocr-latest' });
    expect(result.pages).toHaveLength(1);
    expect(fake.calls.map((call) => call.status)).toEqual([429, 429, 429, 200]);
  });

  it('reports 500 and 503 as retryable server errors', async () => {
    fake.setBehaviour({ failures: [{ kind: 'server-error' }, { kind: 'server-error', status: 503 }] });
    const client = clientFor();
    const first = await failureOf(() => client.ocr({ document: receiptText, model: 'mistral-ocr-latest' }));
    const second = await failureOf(() => client.ocr({ document: receiptText, model: 'mistral-ocr-latest' }));
    expect(first).toMatchObject({ code: 'server_error', status: 500, retryable: true, retryAfterMs: undefined });
    expect(first.message).toBe("Mistral OCR failed on Mistral's side (500): Internal server error; will retry");
    expect(second).toMatchObject({ code: 'server_error', status: 503, retryable: true });
  });

  it('reports 422 as not retryable, naming the field and leaving the document out of the message', async () => {
    const error = await failureOf(() =>
      clientFor().ocr({ document: { type: 'document_url', documentUrl: 'receipt.pdf' }, model: 'mistral-ocr-latest' }),
    );
    expect(error).toMatchObject({ code: 'validation', status: 422, retryable: false });
    expect(error.message).toBe(
      'Mistral OCR rejected the request (422): body.document.document_url: Input should be a valid URL (http, https or data:)',
    );
    expect(error.details).toEqual([
      { type: 'url_parsing', loc: ['body', 'document', 'document_url'], msg: 'Input should be a valid URL (http, https or data:)' },
    ]);
  });

  it('reports a wrong API key (401) and an unknown model (400) as not retryable', async () => {
    const unauthorized = await failureOf(() => clientFor({ apiKey: 'nope' }).ocr({ document: receiptText, model: 'mistral-ocr-latest' }));
    expect(unauthorized).toMatchObject({ code: 'unauthorized', status: 401, retryable: false });
    expect(unauthorized.message).toBe('Mistral OCR refused the API key (401): Unauthorized; check MISTRAL_API_KEY');
    expect(unauthorized.requestId).toMatch(/^[0-9a-f]{32}$/);
    const unknownModel = await failureOf(() => clientFor().ocr({ document: receiptText, model: 'mistral-ocr-9999' }));
    expect(unknownModel).toMatchObject({ code: 'bad_request', status: 400, retryable: false });
    expect(unknownModel.message).toBe('Mistral OCR rejected the request (400): Invalid model: mistral-ocr-9999');
  });

  it('times out a hanging request as retryable', async () => {
    fake.setBehaviour({ failures: [{ kind: 'hang' }] });
    const started = Date.now();
    const error = await failureOf(() => clientFor({ timeoutMs: 200 }).ocr({ document: receiptText, model: 'mistral-ocr-latest' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(error).toMatchObject({ code: 'timeout', retryable: true, status: undefined });
    expect(error.message).toBe('Mistral OCR timed out after 200 ms');
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const closed = await startFakeMistral();
    const url = closed.url;
    await closed.close();
    const error = await failureOf(() => clientFor({ baseUrl: url }).ocr({ document: receiptText, model: 'mistral-ocr-latest' }));
    expect(error).toMatchObject({ code: 'network', retryable: true, status: undefined });
    expect(error.message).toMatch(/^Mistral OCR could not be reached: .*ECONNREFUSED/);
  });

  it('spaces calls through a shared limiter: 4 calls at 10 per second start ≥ 100 ms apart', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 1, maxConcurrent: 4 });
    const first = clientFor({ limiter });
    const second = clientFor({ limiter });
    await Promise.all([
      first.ocr({ document: receiptText, model: 'mistral-ocr-latest' }),
      second.ocr({ document: receiptText, model: 'mistral-ocr-latest' }),
      first.ocr({ document: receiptText, model: 'mistral-ocr-latest' }),
      second.ocr({ document: receiptText, model: 'mistral-ocr-latest' }),
    ]);
    const starts = fake.calls.map((call) => call.startedAt).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((start, index) => start - starts[index]!);
    expect(gaps).toHaveLength(3);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(90);
    expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(290);
  });
});
