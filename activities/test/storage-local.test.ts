/**
 * The folder driver on a temp directory, with a tiny HTTP server standing in for the API's download
 * route (it does what that route must do: openDownload(token), then stream with the headers).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFolderDriver, StorageError, signDownloadToken, verifyDownloadToken } from '../src/storage';
import { readAll, sampleKeys, storageBehaviour } from './storage-suite';

const secret = 'test-signing-secret-0123456789abcdef';
let dir: string;
let server: Server;
let driver: LocalFolderDriver;
let clock = Date.now();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'akount-storage-'));
  server = createServer(async (request, response) => {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
    try {
      const download = await driver.openDownload(token);
      response.setHeader('content-type', download.contentType);
      response.setHeader('content-length', download.size);
      if (download.contentDisposition) response.setHeader('content-disposition', download.contentDisposition);
      await pipeline(download.body, response);
    } catch (error) {
      response.statusCode = error instanceof StorageError && error.code === 'not-found' ? 404 : 403;
      response.end(error instanceof Error ? error.message : 'refused');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  driver = new LocalFolderDriver({
    rootDir: dir,
    signingSecret: secret,
    downloadBaseUrl: `http://127.0.0.1:${port}/api/storage/download`,
    now: () => clock,
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

storageBehaviour('local folder', () => driver);

describe('local folder driver', () => {
  it('keeps objects, metadata and temp files apart, and leaves no temp file behind', async () => {
    const keys = sampleKeys('Invoice 42.PDF');
    await driver.put(keys.document, Buffer.from('%PDF'), { contentType: 'application/pdf' });
    await driver.put(keys.staging, Buffer.from('bad'), { contentType: 'application/pdf', sha256: '0'.repeat(64) }).catch(() => undefined);
    expect(readdirSync(path.join(dir, 'objects', keys.tenantId, keys.entityId, 'documents', '2025'))).toEqual([
      `${keys.documentId}-invoice-42.pdf`,
    ]);
    expect(readdirSync(path.join(dir, 'meta', keys.tenantId, keys.entityId, 'documents', '2025'))).toEqual([
      `${keys.documentId}-invoice-42.pdf.json`,
    ]);
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('serves a token URL only until it expires', async () => {
    const keys = sampleKeys();
    await driver.put(keys.document, Buffer.from('receipt bytes'), { contentType: 'image/jpeg' });
    const url = await driver.presignedGetUrl(keys.document, { expiresInSeconds: 1 });
    const fresh = await fetch(url);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-type')).toBe('image/jpeg');
    expect(await fresh.text()).toBe('receipt bytes');
    clock += 2000;
    try {
      const stale = await fetch(url);
      expect(stale.status).toBe(403);
      expect(await stale.text()).toContain('expired');
    } finally {
      clock -= 2000;
    }
  });

  it('refuses a tampered token: another key, a longer expiry, a forged signature', async () => {
    const keys = sampleKeys();
    await driver.put(keys.document, Buffer.from('mine'), { contentType: 'text/plain' });
    const token = new URL(await driver.presignedGetUrl(keys.document)).searchParams.get('token') ?? '';
    const [payload, signature] = token.split('.') as [string, string];
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { k: string; e: number };
    const reencode = (body: object) => Buffer.from(JSON.stringify(body)).toString('base64url');

    expect(verifyDownloadToken(token, secret, clock)).toMatchObject({ ok: true, grant: { key: keys.document } });
    expect(verifyDownloadToken(`${reencode({ ...grant, k: sampleKeys().document })}.${signature}`, secret, clock)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyDownloadToken(`${reencode({ ...grant, e: grant.e + 86_400 })}.${signature}`, secret, clock)).toMatchObject({
      reason: 'bad-signature',
    });
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verifyDownloadToken(`${payload}.${flipped}`, secret, clock)).toMatchObject({ reason: 'bad-signature' });
    expect(verifyDownloadToken(token, 'another-secret-of-enough-length-000000', clock)).toMatchObject({ reason: 'bad-signature' });
    for (const junk of ['', 'abc', 'a.b.c', `${payload}.`, `${payload}.!!`]) {
      expect(verifyDownloadToken(junk, secret, clock)).toEqual({ ok: false, reason: 'malformed' });
    }
    const validButGarbage = signDownloadToken({ key: keys.document, expiresAt: 1 }, secret);
    expect(verifyDownloadToken(validButGarbage, secret, clock)).toEqual({ ok: false, reason: 'expired' });

    const response = await fetch(`${new URL(await driver.presignedGetUrl(keys.document)).origin}/x?token=${payload}.${flipped}`);
    expect(response.status).toBe(403);
  });

  it('answers 404 for a valid token whose object was deleted', async () => {
    const keys = sampleKeys();
    await driver.put(keys.document, Buffer.from('gone soon'), { contentType: 'text/plain' });
    const url = await driver.presignedGetUrl(keys.document);
    await driver.delete(keys.document);
    expect((await fetch(url)).status).toBe(404);
  });

  it('rejects a weak signing secret and out-of-range expiries', async () => {
    expect(() => new LocalFolderDriver({ rootDir: dir, signingSecret: 'short', downloadBaseUrl: 'http://x/' })).toThrow(/at least 32/);
    const keys = sampleKeys();
    await expect(driver.presignedGetUrl(keys.document, { expiresInSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(driver.presignedGetUrl(keys.document, { expiresInSeconds: 8 * 86_400 })).rejects.toThrow(RangeError);
  });

  it('streams get without loading the file first', async () => {
    const keys = sampleKeys();
    await driver.put(keys.document, Buffer.alloc(200_000, 1), { contentType: 'application/octet-stream' });
    const stream = await driver.get(keys.document);
    expect(stream.readableHighWaterMark).toBeLessThan(200_000);
    expect((await readAll(stream)).length).toBe(200_000);
  });
});
