/** Key layout, file-name slugs, the tenant guard and the tenant-scoped driver view. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertKeyInTenant,
  attachmentDisposition,
  createStorage,
  documentKey,
  LocalFolderDriver,
  maxSafeNameLength,
  safeName,
  scopedToTenant,
  stagingKey,
} from '../src/storage';

const tenantId = '0b7e2c1a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';
const entityId = '1c8f3d2b-4a5e-4f60-9b0c-1d2e3f4a5b6c';
const documentId = '2d904e3c-5b6f-4071-8c1d-2e3f4a5b6c7d';
const ids = { tenantId, entityId, documentId };

describe('document keys', () => {
  it('files a scanned document by tenant, entity and upload year', () => {
    expect(documentKey({ ...ids, uploadedAt: new Date('2025-12-31T23:30:00Z'), fileName: 'Receipt March.PDF' })).toBe(
      `${tenantId}/${entityId}/documents/2025/${documentId}-receipt-march.pdf`,
    );
  });

  it('stages an unscanned upload beside the documents of the same entity', () => {
    expect(stagingKey({ ...ids, fileName: 'scan.jpeg' })).toBe(`${tenantId}/${entityId}/staging/${documentId}-scan.jpeg`);
  });

  it('normalises upper-case UUIDs, and refuses anything that is not a UUID', () => {
    expect(stagingKey({ ...ids, tenantId: tenantId.toUpperCase(), fileName: 'a.pdf' })).toBe(stagingKey({ ...ids, fileName: 'a.pdf' }));
    for (const bad of ['..', '', 'tenant-1', `${tenantId}/..`, `../${tenantId}`, `${tenantId} `]) {
      expect(() => stagingKey({ ...ids, tenantId: bad, fileName: 'a.pdf' })).toThrow(/tenantId must be a UUID/);
      expect(() => documentKey({ ...ids, entityId: bad, uploadedAt: new Date(), fileName: 'a.pdf' })).toThrow(/entityId must be a UUID/);
      expect(() => stagingKey({ ...ids, documentId: bad, fileName: 'a.pdf' })).toThrow(/documentId must be a UUID/);
    }
    expect(() => documentKey({ ...ids, uploadedAt: new Date('nope'), fileName: 'a.pdf' })).toThrow(/valid date/);
  });
});

describe('safeName', () => {
  it.each([
    ['Reçu Café (1).JPG', 'recu-cafe-1.jpg'],
    ['Überweisung März.pdf', 'uberweisung-marz.pdf'],
    ['领收据.png', 'document.png'],
    ['invoice 😀 2024.pdf', 'invoice-2024.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['..', 'document'],
    ['', 'document'],
    ['.env', 'env'],
    ['a..b...pdf', 'a-b.pdf'],
    ['name.with.dots.tar.gz', 'name-with-dots-tar.gz'],
    ['report.<script>', 'report.script'],
    ['file.', 'file'],
    ['CON', 'con'],
  ])('%j → %j', (input, expected) => {
    expect(safeName(input)).toBe(expected);
  });

  it('caps long names and keeps the extension', () => {
    const long = `${'Very Long Supplier Name '.repeat(20)}.pdf`;
    const name = safeName(long);
    expect(name.length).toBeLessThanOrEqual(maxSafeNameLength);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*[a-z0-9]\.pdf$/);
    expect(safeName(`${'a'.repeat(500)}`)).toHaveLength(maxSafeNameLength);
  });

  it('only ever yields lowercase ASCII slugs with at most one dot', () => {
    for (const input of ['../a/../b.PDF', 'x/y\\z', '\u0000evil\n.pdf', 'ß.pdf', 'a'.repeat(300) + '.x'.repeat(50), '%2e%2e%2f.pdf']) {
      const name = safeName(input);
      expect(name).toMatch(/^[a-z0-9_-]+(\.[a-z0-9]+)?$/);
      expect(name).not.toContain('..');
    }
  });
});

describe('the tenant guard', () => {
  const otherTenant = randomUUID();
  const key = stagingKey({ ...ids, fileName: 'a.pdf' });

  it('accepts the tenant’s own keys', () => {
    expect(() => assertKeyInTenant(key, tenantId)).not.toThrow();
  });

  it('refuses another tenant’s key, and keys that climb out of the tenant', () => {
    expect(() => assertKeyInTenant(key, otherTenant)).toThrow(expect.objectContaining({ code: 'wrong-tenant' }));
    for (const escape of [`${tenantId}/../${otherTenant}/x.pdf`, `${tenantId}//x`, `${tenantId}/./x`, `${tenantId}\\..\\x`]) {
      expect(() => assertKeyInTenant(escape, tenantId)).toThrow(expect.objectContaining({ code: 'invalid-key' }));
    }
    expect(() => assertKeyInTenant(`${tenantId}x/a.pdf`, tenantId)).toThrow(expect.objectContaining({ code: 'wrong-tenant' }));
    expect(() => assertKeyInTenant(key, 'not-a-uuid')).toThrow(expect.objectContaining({ code: 'invalid-key' }));
  });

  describe('a tenant-scoped driver', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'akount-storage-scope-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const raw = new LocalFolderDriver({ rootDir: dir, signingSecret: 's'.repeat(32), downloadBaseUrl: 'http://localhost/download' });
    const mine = scopedToTenant(raw, tenantId);
    const theirs = stagingKey({ ...ids, tenantId: otherTenant, fileName: 'theirs.pdf' });

    it('works on its own keys and cannot reach another tenant’s, whatever the method', async () => {
      await raw.put(theirs, Buffer.from('secret'), { contentType: 'application/pdf' });
      await mine.put(key, Buffer.from('mine'), { contentType: 'application/pdf' });
      expect(await mine.list(`${tenantId}/`)).toEqual([key]);
      await expect(mine.get(theirs)).rejects.toMatchObject({ code: 'wrong-tenant' });
      await expect(mine.exists(theirs)).rejects.toMatchObject({ code: 'wrong-tenant' });
      await expect(mine.copy(theirs, key)).rejects.toMatchObject({ code: 'wrong-tenant' });
      await expect(mine.copy(key, theirs)).rejects.toMatchObject({ code: 'wrong-tenant' });
      await expect(mine.delete(theirs)).rejects.toMatchObject({ code: 'wrong-tenant' });
      await expect(mine.presignedGetUrl(theirs)).rejects.toMatchObject({ code: 'wrong-tenant' });
      await expect(mine.list('')).rejects.toMatchObject({ code: 'wrong-tenant' });
      await expect(mine.list(`${otherTenant}/`)).rejects.toMatchObject({ code: 'wrong-tenant' });
      expect(await raw.exists(theirs)).toBe(true);
    });
  });
});

/** The storage group's defaults, as loadConfig returns them for an empty environment. */
const storageDefaults = {
  STORAGE_LOCAL_DIR: '.data/storage',
  SPACES_REGION: 'us-east-1',
  SPACES_FORCE_PATH_STYLE: false,
  STORAGE_SIGNING_SECRET: 'x'.repeat(32),
  STORAGE_DOWNLOAD_BASE_URL: 'http://localhost:3001/api/services/documents/download',
};

describe('createStorage and download names', () => {
  it('builds the folder driver from STORAGE_LOCAL_DIR, resolved against the working directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'akount-storage-factory-'));
    try {
      const settings = { ...storageDefaults, STORAGE_DRIVER: 'local' as const, STORAGE_LOCAL_DIR: 'store' };
      expect(() => createStorage({ ...settings, STORAGE_SIGNING_SECRET: 'short' })).toThrow(/secret/);
      const driver = createStorage(settings, { workingDir: dir });
      expect(driver.kind).toBe('local');
      const key = stagingKey({ ...ids, fileName: 'a.pdf' });
      await driver.put(key, Buffer.from('x'), { contentType: 'application/pdf' });
      expect(
        await new LocalFolderDriver({
          rootDir: path.join(dir, 'store'),
          signingSecret: 'y'.repeat(32),
          downloadBaseUrl: 'http://h/',
        }).exists(key),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the missing S3 variables', () => {
    expect(() => createStorage({ ...storageDefaults, STORAGE_DRIVER: 's3', SPACES_REGION: 'nyc3', SPACES_BUCKET: 'b' })).toThrow(
      'STORAGE_DRIVER=s3 needs SPACES_KEY, SPACES_SECRET',
    );
  });

  it('keeps header-breaking characters out of Content-Disposition', () => {
    const header = attachmentDisposition('evil"\r\nSet-Cookie: a=b.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="evilSet-Cookie: a=b.pdf"; filename*=UTF-8''evilSet-Cookie%3A%20a%3Db.pdf`);
  });
});
