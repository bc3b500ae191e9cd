/**
 * A local stand-in for sentry.io in tests: an HTTP server on a free loopback
 * port that keeps every envelope posted to it, and the DSN that points there.
 */
import { createServer } from 'node:http';

export interface SentryReceiver {
  dsn: string;
  /** Every request's URL and body, in arrival order. */
  envelopes: { url: string; body: string }[];
  close: () => Promise<void>;
}

export async function startSentryReceiver(projectId = 1): Promise<SentryReceiver> {
  const envelopes: SentryReceiver['envelopes'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      envelopes.push({ url: String(request.url), body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/${projectId}`,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
