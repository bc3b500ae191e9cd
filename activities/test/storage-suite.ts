/**
 * The behaviour every StorageDriver must show, run by storage-local.test.ts and storage-s3.test.ts
 * against real backends (a temp folder, a real SeaweedFS). Each run writes under a fresh tenant id,
 * so runs never see each other's keys.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { documentKey, stagingKey, StorageError, type StorageDriver } from '../src/storage';

export const fiveMegabytes = 5 * 1024 * 1024 + 4321;

/** Deterministic, incompressible-looking bytes in 64 KiB chunks, produced as they are read. */
export function streamedBody(size: number, seed = 7): { stream: Readable; sha256: string } {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let state = seed;
  for (let offset = 0; offset < size; offset += 65536) {
    const chunk = Buffer.alloc(Math.min(65536, size - offset));
    for (let i = 0; i < chunk.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      chunk[i] = state >>> 24;
    }
    hash.update(chunk);
    chunks.push(chunk);
  }
  async function* produce() {
    for (const chunk of chunks) {
      await new Promise((resolve) => setImmediate(resolve));
      yield chunk;
    }
  }
  return { stream: Readable.from(produce()), sha256: hash.digest('hex') };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

export function sampleKeys(fileName = 'Receipt.pdf') {
  const ids = { tenantId: randomUUID(), entityId: randomUUID(), documentId: randomUUID(), fileName };
  return {
    ...ids,
    staging: stagingKey(ids),
    document: documentKey({ ...ids, uploadedAt: new Date('2025-03-04T10:00:00Z') }),
  };
}

export function storageBehaviour(name: string, driver: () => StorageDriver): void {
  describe(`${name}: the StorageDriver contract`, () => {
    it('round-trips a 5 MB streamed body and reports its size and digest', async () => {
      const keys = sampleKeys();
      const body = streamedBody(fiveMegabytes);
      const put = await driver().put(keys.staging, body.stream, { contentType: 'application/pdf' });
      expect(put).toEqual({ key: keys.staging, size: fiveMegabytes, sha256: body.sha256 });
      const back = await readAll(await driver().get(keys.staging));
      expect(back.length).toBe(fiveMegabytes);
      expect(createHash('sha256').update(back).digest('hex')).toBe(body.sha256);
      expect(await driver().stat(keys.staging)).toEqual({
        key: keys.staging,
        size: fiveMegabytes,
        contentType: 'application/pdf',
        sha256: body.sha256,
      });
    });

    it('stores a Buffer and refuses bytes that do not match the expected sha256, storing nothing', async () => {
      const keys = sampleKeys('scan.png');
      const bytes = Buffer.from('\x89PNG fake image');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(await driver().put(keys.staging, bytes, { contentType: 'image/png', sha256 })).toMatchObject({ size: bytes.length, sha256 });

      const other = sampleKeys();
      const wrong = await driver()
        .put(other.staging, Buffer.from('something else'), { contentType: 'image/png', sha256 })
        .catch((error: unknown) => error);
      expect(wrong).toBeInstanceOf(StorageError);
      expect(wrong).toMatchObject({ code: 'integrity' });
      expect(await driver().exists(other.staging)).toBe(false);
    });

    it('promotes a staged upload by copy, keeping bytes and content type, then deletes the staged copy', async () => {
      const keys = sampleKeys();
      await driver().put(keys.staging, Buffer.from('%PDF-1.7 receipt'), { contentType: 'application/pdf' });
      await driver().copy(keys.staging, keys.document);
      await driver().delete(keys.staging);
      expect(await driver().exists(keys.staging)).toBe(false);
      expect((await readAll(await driver().get(keys.document))).toString()).toBe('%PDF-1.7 receipt');
      expect(await driver().stat(keys.document)).toMatchObject({ contentType: 'application/pdf', size: 16 });
    });

    it('answers not-found for a missing object on get and copy, and undefined on stat', async () => {
      const keys = sampleKeys();
      await expect(driver().get(keys.staging)).rejects.toMatchObject({ code: 'not-found' });
      await expect(driver().copy(keys.staging, keys.document)).rejects.toMatchObject({ code: 'not-found' });
      expect(await driver().stat(keys.staging)).toBeUndefined();
    });

    it('deletes idempotently and reports existence', async () => {
      const keys = sampleKeys();
      expect(await driver().exists(keys.document)).toBe(false);
      await driver().put(keys.document, Buffer.from('x'), { contentType: 'text/plain' });
      expect(await driver().exists(keys.document)).toBe(true);
      await driver().delete(keys.document);
      await driver().delete(keys.document);
      expect(await driver().exists(keys.document)).toBe(false);
    });

    it('overwrites a key with the new bytes', async () => {
      const keys = sampleKeys();
      await driver().put(keys.document, Buffer.from('first'), { contentType: 'text/plain' });
      await driver().put(keys.document, Buffer.from('second!'), { contentType: 'text/csv' });
      expect((await readAll(await driver().get(keys.document))).toString()).toBe('second!');
      expect(await driver().stat(keys.document)).toMatchObject({ contentType: 'text/csv', size: 7 });
    });

    it('lists keys by prefix, sorted, and nothing of other tenants', async () => {
      const keys = sampleKeys();
      const neighbour = sampleKeys();
      const base = `${keys.tenantId}/${keys.entityId}/`;
      const written = [`${base}documents/2024/a.pdf`, `${base}documents/2025/b.pdf`, `${base}staging/c.pdf`];
      for (const key of [...written].reverse()) await driver().put(key, Buffer.from(key), { contentType: 'application/pdf' });
      await driver().put(neighbour.document, Buffer.from('n'), { contentType: 'application/pdf' });

      expect(await driver().list(`${keys.tenantId}/`)).toEqual(written);
      expect(await driver().list(`${base}documents/`)).toEqual(written.slice(0, 2));
      expect(await driver().list(`${base}documents/202`)).toEqual(written.slice(0, 2));
      expect(await driver().list(`${base}staging/c`)).toEqual([written[2]]);
      expect(await driver().list(`${randomUUID()}/`)).toEqual([]);
    });

    it('refuses keys that would climb out of their folder', async () => {
      for (const key of ['../etc/passwd', 'a/../../b', '/absolute', 'a//b', 'a\\b', '']) {
        await expect(driver().put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toMatchObject({ code: 'invalid-key' });
        await expect(driver().exists(key)).rejects.toMatchObject({ code: 'invalid-key' });
      }
      await expect(driver().list('../')).rejects.toMatchObject({ code: 'invalid-key' });
    });

    it('hands out a download URL that global fetch can read, with the download name', async () => {
      const keys = sampleKeys();
      const body = streamedBody(300_000, 11);
      await driver().put(keys.document, body.stream, { contentType: 'application/pdf' });
      const url = await driver().presignedGetUrl(keys.document, { downloadName: 'Reçu "mars".pdf' });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(body.sha256);
      const disposition = response.headers.get('content-disposition') ?? '';
      expect(disposition).toContain('attachment');
      expect(disposition).toContain("filename*=UTF-8''Re%C3%A7u%20mars.pdf");
    });
  });
}
