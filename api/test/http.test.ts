/**
 * HTTP behaviour every route shares: security headers on every status class,
 * request ids, CORS, body limits, the error shape for unexpected errors, rate
 * limit tiers and the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiRateLimit } from '../src/app';
import { loadApiConfig } from '../src/config';
import { createTenant, createTestApi, type TenantFixture, type TestApi } from './support';

let api: TestApi;
let limited: TestApi;
let t: TenantFixture;

beforeAll(async () => {
  api = await createTestApi();
  api.app.get('/api/test/boom', async () => {
    throw new Error('database password is hunter2');
  });
  limited = await createTestApi({ RATE_LIMIT_GLOBAL_PER_MINUTE: '5', RATE_LIMIT_AI_PER_MINUTE: '3' });
  limited.app.post('/api/test/ai', { config: aiRateLimit(loadApiConfig({ RATE_LIMIT_AI_PER_MINUTE: '3' })) }, async () => ({ ok: true }));
  t = await createTenant(api.database, 'Http');
});

afterAll(async () => {
  await Promise.all([api.close(), limited.close()]);
});

const expectedHeaders = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

describe('security headers', () => {
  it.each([
    ['a 200', '/health', 200],
    ['a 404', '/api/nothing-here', 404],
    ['a 500', '/api/test/boom', 500],
  ])('are on %s', async (_label, url, status) => {
    const response = await api.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.headers).toMatchObject(expectedHeaders);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('errors', () => {
  it('answers an unexpected error with the one shape, a request id, and no internals', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/test/boom', headers: { 'x-request-id': 'req-from-nginx-1' } });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body.error).toMatchObject({ code: 'INTERNAL', requestId: 'req-from-nginx-1' });
    expect(response.body).not.toContain('hunter2');
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/nope?x=1' });
    expect(response.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'No route for GET /api/nope' });
  });
});

describe('request ids', () => {
  it('honours an incoming X-Request-ID and echoes it', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  it('makes one when none (or a malformed one) is sent', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS', () => {
  it('allows the configured web origin and refuses others', async () => {
    const allowed = await api.app.inject({
      method: 'OPTIONS',
      url: '/api/system/me',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const refused = await api.app.inject({
      method: 'OPTIONS',
      url: '/api/system/me',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('body limits', () => {
  it('answers 413 for a JSON body over the limit', async () => {
    const response = await api.as(t.owner, {
      method: 'POST',
      url: '/api/business/vendors',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ entityId: t.entityId, name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('rate limits', () => {
  it('the global tier answers 429 in the error shape after the limit', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 7; n += 1) statuses.push((await limited.app.inject({ method: 'GET', url: '/health' })).statusCode);
    expect(statuses.slice(0, 5).every((status) => status === 200)).toBe(true);
    const response = await limited.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('RATE_LIMITED');
    expect(response.headers['retry-after']).toBeDefined();
  });

  it('the AI tier limits a route per user', async () => {
    const other = await createTestApi({ RATE_LIMIT_GLOBAL_PER_MINUTE: '1000', RATE_LIMIT_AI_PER_MINUTE: '3' });
    other.app.post('/api/test/ai', { config: aiRateLimit(loadApiConfig({ RATE_LIMIT_AI_PER_MINUTE: '3' })) }, async () => ({ ok: true }));
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 4; n += 1) statuses.push((await other.app.inject({ method: 'POST', url: '/api/test/ai' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await other.close();
    }
  });
});

describe('OpenAPI', () => {
  it('serves a document describing the routes and their schemas', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/banking/transactions',
      '/api/banking/transactions/{id}',
      '/api/accounting/journal-entries',
      '/api/overview',
      '/api/system/entities',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const list = doc.paths['/api/banking/transactions'].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'from', 'to', 'q']),
    );
    expect(doc.paths['/api/banking/transactions'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['entityId', 'accountId', 'date', 'amountMinor', 'currency']),
    );
  });
});

describe('request logs', () => {
  it("carry the request id, tenant and user on the request's own lines, the closing one included", async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = await createTestApi({}, { logLines: lines });
    try {
      const t = await createTenant(logged.database, 'Logged');
      const response = await logged.as(t.viewer, { method: 'GET', url: '/api/system/me', headers: { 'x-request-id': 'req-log-check' } });
      expect(response.statusCode).toBe(200);
      const completed = lines.find((line) => line.reqId === 'req-log-check' && line.msg === 'request completed');
      expect(completed).toMatchObject({ tenantId: t.tenantId, userId: expect.any(String) });
      expect(JSON.stringify(lines)).not.toContain(logged.token(t.viewer));
    } finally {
      await logged.close();
    }
  });
});
