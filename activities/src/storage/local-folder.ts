/**
 * LocalFolderDriver: documents as files under STORAGE_LOCAL_DIR, for development, tests and a
 * single-host install. Layout: `objects/{key}` holds the bytes, `meta/{key}.json` the content type
 * and digest, `tmp/` the half-written files. Writes land in tmp/ and are renamed into place, so a
 * reader sees the old object or the new one, never a torn file. Every key is resolved and checked
 * to stay under objects/; "presigned" URLs are HMAC tokens (download-token.ts) that the API serves.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, readdir, rename, rm, stat as statFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attachmentDisposition } from './download-name';
import { assertSigningSecret, signDownloadToken, verifyDownloadToken } from './download-token';
import { DigestTap } from './digest';
import { checkDigest, presignSeconds, StorageError } from './driver';
import type { PresignOptions, PutOptions, PutResult, StorageDriver, StoredObject } from './driver';
import { assertValidKey, assertValidPrefix } from './keys';

export interface LocalFolderOptions {
  /** STORAGE_LOCAL_DIR, already resolved against the process's working directory. */
  rootDir: string;
  /** HMAC secret for download tokens (≥ 32 characters), shared by the worker and the API. */
  signingSecret: string;
  /** The API route that serves tokens, e.g. http://localhost:3001/api/storage/download. */
  downloadBaseUrl: string;
  /** Injected by tests; milliseconds since the epoch. */
  now?: () => number;
}

interface Meta {
  contentType: string;
  size: number;
  sha256: string;
}

export interface LocalDownload {
  key: string;
  body: Readable;
  size: number;
  contentType: string;
  contentDisposition?: string;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export class LocalFolderDriver implements StorageDriver {
  readonly kind = 'local' as const;
  private readonly objectsDir: string;
  private readonly metaDir: string;
  private readonly tmpDir: string;
  private readonly now: () => number;

  constructor(private readonly options: LocalFolderOptions) {
    assertSigningSecret(options.signingSecret);
    new URL(options.downloadBaseUrl);
    const root = path.resolve(options.rootDir);
    this.objectsDir = path.join(root, 'objects');
    this.metaDir = path.join(root, 'meta');
    this.tmpDir = path.join(root, 'tmp');
    this.now = options.now ?? Date.now;
  }

  /** Resolves a key inside `base`; a key that would land anywhere else is refused. */
  private inside(base: string, key: string, suffix = ''): string {
    assertValidKey(key);
    const full = path.resolve(base, key + suffix);
    if (!full.startsWith(base + path.sep)) throw new StorageError('invalid-key', `storage key ${JSON.stringify(key)} escapes the folder`);
    return full;
  }

  private objectPath(key: string): string {
    return this.inside(this.objectsDir, key);
  }

  private metaPath(key: string): string {
    return this.inside(this.metaDir, key, '.json');
  }

  /** Moves a finished temp file to `target`; rename is atomic within one filesystem. */
  private async publish(temp: string, target: string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true });
    await rename(temp, target);
  }

  private tempPath(): string {
    return path.join(this.tmpDir, randomUUID());
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult> {
    const target = this.objectPath(key);
    const metaTarget = this.metaPath(key);
    await mkdir(this.tmpDir, { recursive: true });
    const temp = this.tempPath();
    const metaTemp = this.tempPath();
    try {
      const tap = new DigestTap();
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, tap, createWriteStream(temp, { flags: 'wx', flush: true }));
      const { size } = tap.digest;
      const sha256 = tap.digest.hex();
      checkDigest(key, options.sha256, sha256);
      const meta: Meta = { contentType: options.contentType, size, sha256 };
      await writeFile(metaTemp, JSON.stringify(meta), { flag: 'wx' });
      // Meta first: an object file is never visible without its meta.
      await this.publish(metaTemp, metaTarget);
      await this.publish(temp, target);
      return { key, size, sha256 };
    } finally {
      await rm(temp, { force: true });
      await rm(metaTemp, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.objectPath(key);
    try {
      const handle = await open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw new StorageError('not-found', `no object at ${key}`);
      throw error;
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    const metaFile = this.metaPath(key);
    if (!(await this.exists(key))) return undefined;
    try {
      const meta = JSON.parse(await readFile(metaFile, 'utf8')) as Meta;
      return { key, size: meta.size, contentType: meta.contentType, sha256: meta.sha256 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await statFile(this.objectPath(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const from = this.objectPath(fromKey);
    const to = this.objectPath(toKey);
    const toMeta = this.metaPath(toKey);
    await mkdir(this.tmpDir, { recursive: true });
    const temp = this.tempPath();
    const metaTemp = this.tempPath();
    try {
      await copyFile(this.metaPath(fromKey), metaTemp);
      await copyFile(from, temp);
      await this.publish(metaTemp, toMeta);
      await this.publish(temp, to);
    } catch (error) {
      if (isMissing(error)) throw new StorageError('not-found', `cannot copy ${fromKey}: no such object`);
      throw error;
    } finally {
      await rm(temp, { force: true });
      await rm(metaTemp, { force: true });
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.objectPath(key), { force: true });
    await rm(this.metaPath(key), { force: true });
  }

  async presignedGetUrl(key: string, options?: PresignOptions): Promise<string> {
    assertValidKey(key);
    const expiresAt = Math.floor(this.now() / 1000) + presignSeconds(options);
    const grant = options?.downloadName === undefined ? { key, expiresAt } : { key, expiresAt, downloadName: options.downloadName };
    const url = new URL(this.options.downloadBaseUrl);
    url.searchParams.set('token', signDownloadToken(grant, this.options.signingSecret));
    return url.toString();
  }

  /**
   * What the API's download route does with a token: verify it, then open the object. Throws
   * `invalid-token` (answer 403) or `not-found` (answer 404).
   */
  async openDownload(token: string): Promise<LocalDownload> {
    const check = verifyDownloadToken(token, this.options.signingSecret, this.now());
    if (!check.ok) throw new StorageError('invalid-token', `download token refused: ${check.reason}`);
    const { key, downloadName } = check.grant;
    const stored = await this.stat(key);
    if (!stored) throw new StorageError('not-found', `no object at ${key}`);
    const download: LocalDownload = { key, body: await this.get(key), size: stored.size, contentType: stored.contentType };
    if (downloadName !== undefined) download.contentDisposition = attachmentDisposition(downloadName);
    return download;
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const start = folder ? this.inside(this.objectsDir, folder) : this.objectsDir;
    const keys: string[] = [];
    await this.walk(start, folder, keys);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  private async walk(dir: string, keyPrefix: string, into: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const key = keyPrefix ? `${keyPrefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await this.walk(path.join(dir, entry.name), key, into);
      else if (entry.isFile()) into.push(key);
    }
  }
}
