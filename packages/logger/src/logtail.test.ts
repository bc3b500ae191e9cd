/** Logtail shipping: a local receiver stands in for Better Stack and sees redacted lines. */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { decode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './index';

let server: Server;
let endpoint: string;
const received: Record<string, unknown>[] = [];
const tokens: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      tokens.push(String(request.headers.authorization));
      const raw = Buffer.concat(chunks);
      const batch = decode(request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw);
      received.push(...(Array.isArray(batch) ? (batch as Record<string, unknown>[]) : [batch as Record<string, unknown>]));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => {
  server.close();
});

describe('Logtail transport', () => {
  it('ships log lines with secrets and document text redacted', async () => {
    const logger = createLogger({ name: 'api', level: 'info', pretty: false, logtail: { sourceToken: 'source-token-123', endpoint } });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJ.secret.sig', 'x-request-id': 'req-42' } },
        user: { token: 'tok_live_999' },
        ocrText: 'TOTAL 12.00',
      },
      'request handled',
    );
    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.length).toBeGreaterThan(0);
    const text = JSON.stringify(received);
    expect(text).toContain('request handled');
    expect(text).toContain('req-42');
    expect(text).not.toContain('eyJ.secret.sig');
    expect(text).not.toContain('tok_live_999');
    expect(text).not.toContain('TOTAL 12.00');
    expect(tokens[0]).toBe('Bearer source-token-123');
  });
});
