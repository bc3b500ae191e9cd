/**
 * The S3 driver against a real SeaweedFS (seaweedfs-server.ts installs and starts it): the shared
 * contract, multipart uploads, presigned URL expiry, and how failures are classified.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, S3Driver, StorageError } from '../src/storage';
import { fiveMegabytes, readAll, sampleKeys, storageBehaviour, streamedBody } from './storage-suite';
import { s3DriverOptions, startTestSeaweedfs, type TestSeaweedfs } from './seaweedfs-server';

let seaweed: TestSeaweedfs;
let driver: S3Driver;

const options = () => s3DriverOptions(seaweed);

beforeAll(async () => {
  seaweed = await startTestSeaweedfs();
  driver = new S3Driver(options());
}, 180_000);

afterAll(async () => {
  driver?.client.destroy();
  await seaweed?.stop();
}, 30_000);

storageBehaviour('S3 on SeaweedFS', () => driver);

describe('S3 driver on SeaweedFS', () => {
  it('uploads a stream longer than one part as a multipart upload and records its digest', async () => {
    const multipart = new S3Driver({ ...options(), partSizeBytes: 5 * 1024 * 1024 });
    try {
      const keys = sampleKeys();
      const body = streamedBody(fiveMegabytes, 3);
      expect(await multipart.put(keys.staging, body.stream, { contentType: 'application/pdf' })).toMatchObject({
        size: fiveMegabytes,
        sha256: body.sha256,
      });
      const back = await readAll(await multipart.get(keys.staging));
      expect(createHash('sha256').update(back).digest('hex')).toBe(body.sha256);
      expect(await multipart.stat(keys.staging)).toMatchObject({ contentType: 'application/pdf', sha256: body.sha256 });

      const wrong = sampleKeys();
      const again = streamedBody(fiveMegabytes, 4);
      await expect(
        multipart.put(wrong.staging, again.stream, { contentType: 'application/pdf', sha256: body.sha256 }),
      ).rejects.toMatchObject({ code: 'integrity' });
      expect(await multipart.exists(wrong.staging)).toBe(false);
    } finally {
      multipart.client.destroy();
    }
  });

  it('signs URLs valid for one hour by default', async () => {
    const url = new URL(await driver.presignedGetUrl(sampleKeys().document));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
  });

  it('refuses a presigned URL once its 1 s lifetime has passed', async () => {
    const keys = sampleKeys();
    await driver.put(keys.document, Buffer.from('short-lived'), { contentType: 'text/plain' });
    const url = await driver.presignedGetUrl(keys.document, { expiresInSeconds: 1 });
    expect(await (await fetch(url)).text()).toBe('short-lived');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/i);
  });

  it('refuses a presigned URL whose key was changed', async () => {
    const keys = sampleKeys();
    await driver.put(keys.document, Buffer.from('a'), { contentType: 'text/plain' });
    await driver.put(keys.staging, Buffer.from('b'), { contentType: 'text/plain' });
    const url = await driver.presignedGetUrl(keys.document);
    const forged = url.replace(encodeURI(keys.document).replace(/\//g, '/'), keys.staging);
    expect(forged).not.toBe(url);
    expect((await fetch(forged)).status).toBe(403);
  });

  it('classifies wrong credentials as rejected and a dead endpoint as unavailable', async () => {
    const keys = sampleKeys();
    const badKey = new S3Driver({ ...options(), secretAccessKey: 'not-the-secret' });
    const dead = new S3Driver({ ...options(), endpoint: 'http://127.0.0.1:1' });
    try {
      const refused = await badKey.put(keys.staging, Buffer.from('x'), { contentType: 'text/plain' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StorageError);
      expect(refused).toMatchObject({ code: 'rejected', retryable: false });
      const down = await dead.get(keys.staging).catch((error: unknown) => error);
      expect(down).toMatchObject({ code: 'unavailable', retryable: true });
    } finally {
      badKey.client.destroy();
      dead.client.destroy();
    }
  });

  it('is what createStorage builds from the storage config group', async () => {
    const built = createStorage({
      STORAGE_DRIVER: 's3',
      STORAGE_LOCAL_DIR: '.data/storage',
      SPACES_ENDPOINT: seaweed.endpoint,
      SPACES_REGION: seaweed.region,
      SPACES_BUCKET: seaweed.bucket,
      SPACES_KEY: seaweed.accessKeyId,
      SPACES_SECRET: seaweed.secretAccessKey,
      SPACES_FORCE_PATH_STYLE: true,
      STORAGE_SIGNING_SECRET: 'unused by the S3 driver, required by the group',
      STORAGE_DOWNLOAD_BASE_URL: 'http://localhost:3001/api/services/documents/download',
    });
    expect(built).toBeInstanceOf(S3Driver);
    const keys = sampleKeys();
    await built.put(keys.document, Buffer.from('via config'), { contentType: 'text/plain' });
    expect((await readAll(await driver.get(keys.document))).toString()).toBe('via config');
    (built as S3Driver).client.destroy();
  });
});
