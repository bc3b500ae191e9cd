/** Which address the rate limits see: X-Forwarded-For only from a trusted proxy. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './support';

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const from = (forwardedFor: string) => ({
  method: 'GET' as const,
  url: '/health',
  remoteAddress: '127.0.0.1',
  headers: { 'x-forwarded-for': forwardedFor },
});

async function statuses(test: TestApi, clients: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const client of clients) out.push((await test.app.inject(from(client))).statusCode);
  return out;
}

describe('API_TRUST_PROXY', () => {
  it('counts each forwarded client separately behind a trusted proxy', async () => {
    api = await createTestApi({ API_TRUST_PROXY: 'loopback', RATE_LIMIT_GLOBAL_PER_MINUTE: '2' });
    expect(await statuses(api, ['203.0.113.7', '203.0.113.7', '203.0.113.7', '198.51.100.9'])).toEqual([200, 200, 429, 200]);
  });

  it('ignores X-Forwarded-For by default, so a client cannot pick its own address', async () => {
    api = await createTestApi({ RATE_LIMIT_GLOBAL_PER_MINUTE: '2' });
    expect(await statuses(api, ['203.0.113.7', '198.51.100.9', '192.0.2.44'])).toEqual([200, 200, 429]);
  });

  it('refuses to trust everyone', async () => {
    await expect(createTestApi({ API_TRUST_PROXY: 'true' })).rejects.toThrow(/API_TRUST_PROXY/);
  });
});
