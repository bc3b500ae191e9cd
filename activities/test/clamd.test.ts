/** The clamd client against a real clamd (test signature database), over a unix socket and TCP. */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClamdError, pingClamd, scanStream } from '../src/virus-scan/clamd';
import { eicar, startTestClamd, testSignature, type TestClamd } from './clamd-server';

let clamd: TestClamd;
beforeAll(async () => {
  clamd = await startTestClamd();
}, 90_000);
afterAll(() => clamd?.stop());

const chunks = (...parts: Buffer[]) => Readable.from(parts);

describe('clamd INSTREAM', () => {
  it('answers PING on both the unix socket and TCP', async () => {
    expect(await pingClamd({ socket: clamd.socket, timeoutMs: 2000 })).toBe(true);
    expect(await pingClamd({ host: clamd.host, port: clamd.port, timeoutMs: 2000 })).toBe(true);
  });

  it('finds EICAR, also when it arrives split across chunks, and passes a clean file', async () => {
    const tcp = { host: clamd.host, port: clamd.port, timeoutMs: 10_000 };
    expect(await scanStream({ socket: clamd.socket, timeoutMs: 10_000 }, chunks(eicar))).toEqual({
      infected: true,
      signature: testSignature,
    });
    expect(await scanStream(tcp, chunks(eicar.subarray(0, 20), eicar.subarray(20)))).toEqual({ infected: true, signature: testSignature });
    const receipt = Buffer.from('%PDF-1.7\nTOTAL 12.00\n'.repeat(10_000));
    expect(await scanStream(tcp, chunks(receipt))).toEqual({ infected: false });
  });

  it('reports a file over StreamMaxLength as refused, not as clean', async () => {
    const big = Buffer.alloc(13 * 1024 * 1024, 0x41);
    const error = await scanStream({ socket: clamd.socket, timeoutMs: 30_000 }, chunks(big)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClamdError);
    expect(error).toMatchObject({ kind: 'refused' });
  });

  it('says clamd is unavailable when nothing listens, so the activity retries', async () => {
    const error = await scanStream({ host: '127.0.0.1', port: 1, timeoutMs: 2000 }, chunks(eicar)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('ECONNREFUSED') });
    expect(await pingClamd({ socket: '/nonexistent/clamd.sock', timeoutMs: 500 })).toBe(false);
  });
});
