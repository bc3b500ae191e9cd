import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { redactedPaths } from './index';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ redact: { paths: [...redactedPaths], censor: '[redacted]' } }, stream);
  return { logger, lines };
}

describe('logger redaction', () => {
  it('hides authorization headers, cookies, tokens and document text', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc.def', cookie: 'session=1', 'x-request-id': 'r1' } },
        user: { token: 't0ps3cret', id: 'u1' },
        ocrText: 'ACME TOTAL 12.00',
      },
      'request',
    );
    const line = lines.join('');
    expect(line).not.toContain('abc.def');
    expect(line).not.toContain('session=1');
    expect(line).not.toContain('t0ps3cret');
    expect(line).not.toContain('ACME TOTAL');
    expect(line).toContain('"x-request-id":"r1"');
    expect(line).toContain('"id":"u1"');
  });
});
