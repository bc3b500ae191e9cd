import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_API_KEY, sampleFromSchema, startFakeMistral, type FakeMistral } from './index';

let fake: FakeMistral;

beforeAll(async () => {
  fake = await startFakeMistral();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  fake.setBehaviour({ failures: [], latencyMs: 0 });
});

async function post(path: string, body: unknown, apiKey = FAKE_API_KEY) {
  const response = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

const document = { type: 'document_url', document_url: 'https://example.com/receipt.pdf' };

describe('the fake Mistral', () => {
  it('answers 422 extra_forbidden and missing like the API does', async () => {
    const { status, json } = await post('/v1/ocr', { model: 'mistral-ocr-latest', store: false });
    expect(status).toBe(422);
    expect(json.detail).toEqual([
      { type: 'extra_forbidden', loc: ['body', 'store'], msg: 'Extra inputs are not permitted', input: false },
      { type: 'missing', loc: ['body', 'document'], msg: 'Field required', input: { model: 'mistral-ocr-latest', store: false } },
    ]);
  });

  it('answers 422 json_invalid for a body that is not JSON', async () => {
    const { status, json } = await post('/v1/chat/completions', '{"model":');
    expect(status).toBe(422);
    expect((json.detail as { type: string; loc: unknown[] }[])[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 0] });
  });

  it('answers 401 before anything else, with the body the API sends', async () => {
    fake.setBehaviour({ failures: [{ kind: 'server-error' }] });
    const { status, json } = await post('/v1/ocr', {}, 'wrong');
    expect(status).toBe(401);
    expect(json.message).toBe('Unauthorized');
    expect(fake.calls[0]).toMatchObject({ endpoint: 'ocr', status: 401 });
  });

  it('injects failures per endpoint, in order, then answers normally', async () => {
    fake.setBehaviour({
      failures: [
        { kind: 'server-error', endpoint: 'chat', status: 502 },
        { kind: 'rate-limit', times: 2, retryAfterSeconds: 3 },
      ],
    });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await post('/v1/ocr', { model: 'mistral-ocr-latest', document })).status);
    const chat = await post('/v1/chat/completions', { model: 'mistral-large-latest', messages: [{ role: 'user', content: 'hi' }] });
    expect(statuses).toEqual([429, 429, 200]);
    expect(chat.status).toBe(502);
    expect(fake.calls.map((call) => call.failure)).toEqual(['rate-limit', 'rate-limit', undefined, 'server-error']);
  });

  it('sends rate-limit headers on success and Retry-After on 429', async () => {
    fake.setBehaviour({ failures: [{ kind: 'rate-limit', retryAfterSeconds: 4 }] });
    const limited = await post('/v1/ocr', { model: 'mistral-ocr-latest', document });
    const ok = await post('/v1/ocr', { model: 'mistral-ocr-latest', document });
    expect(limited.headers.get('retry-after')).toBe('4');
    expect(limited.headers.get('x-ratelimit-remaining-req-minute')).toBe('0');
    expect(ok.headers.get('x-ratelimit-limit-req-minute')).toBe('720');
    expect(Number(ok.headers.get('x-ratelimit-remaining-req-minute'))).toBeLessThan(720);
  });

  it('holds a hanging call for hangMs, and adds the configured latency to answers', async () => {
    fake.setBehaviour({ failures: [{ kind: 'hang', hangMs: 150 }] });
    let started = Date.now();
    expect((await post('/v1/ocr', { model: 'mistral-ocr-latest', document })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    fake.setBehaviour({ latencyMs: 100 });
    started = Date.now();
    expect((await post('/v1/ocr', { model: 'mistral-ocr-latest', document })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('answers 404 for a path Mistral does not have', async () => {
    const { status, json } = await post('/v1/nope', {});
    expect(status).toBe(404);
    expect(json).toEqual({ detail: 'Not Found' });
  });
});

describe('sampleFromSchema', () => {
  it('fills required fields with the smallest allowed values, null where null is allowed', () => {
    const schema = {
      type: 'object',
      properties: {
        docType: { enum: ['receipt', 'invoice'] },
        vendor: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        lines: { type: 'array', items: { type: 'string' } },
        total: { $ref: '#/$defs/money' },
        note: { type: 'string' },
      },
      required: ['docType', 'vendor', 'lines', 'total'],
      $defs: { money: { type: 'object', properties: { amountMinor: { type: 'integer', minimum: 0 } }, required: ['amountMinor'] } },
    };
    expect(sampleFromSchema(schema)).toEqual({ docType: 'receipt', vendor: null, lines: [], total: { amountMinor: 0 } });
  });
});
