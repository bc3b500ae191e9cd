/**
 * The storage contract every driver keeps: the document pipeline writes staged uploads, promotes
 * them under documents/, streams them to clamd and OCR, and hands users short-lived download URLs.
 * Keys are opaque strings here; keys.ts builds them and guards tenants. A driver must never hold a
 * whole object in memory when a stream was asked for, and never leave a half-written object behind.
 */
import type { Readable } from 'node:stream';

export interface PutOptions {
  contentType: string;
  /** Hex SHA-256 the caller already computed (upload dedupe); a mismatch fails the write and stores nothing. */
  sha256?: string;
}

export interface PutResult {
  key: string;
  size: number;
  sha256: string;
}

export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
  /** Present when the object was written through a driver (it records the digest it computed). */
  sha256?: string;
}

export interface PresignOptions {
  /** Default 3600 (DESIGN §4: file links live 1 hour); at most 7 days, S3's own limit. */
  expiresInSeconds?: number;
  /** Served as `Content-Disposition: attachment` with this name. */
  downloadName?: string;
}

export interface StorageDriver {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult>;
  /** Streams the object; rejects with StorageError `not-found` when it is absent. */
  get(key: string): Promise<Readable>;
  stat(key: string): Promise<StoredObject | undefined>;
  exists(key: string): Promise<boolean>;
  /** Server-side copy (staging → documents); content type and digest travel with it. */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** Idempotent: deleting an absent key succeeds. */
  delete(key: string): Promise<void>;
  presignedGetUrl(key: string, options?: PresignOptions): Promise<string>;
  /** Every key starting with `prefix`, sorted; for tests and operations, not request paths. */
  list(prefix: string): Promise<string[]>;
}

export type StorageErrorCode =
  /** The key does not exist. */
  | 'not-found'
  /** The key (or prefix) is malformed or would escape its folder. */
  | 'invalid-key'
  /** The key belongs to another tenant than the caller's. */
  | 'wrong-tenant'
  /** The bytes did not match the SHA-256 the caller gave. */
  | 'integrity'
  /** A download token is malformed, forged or expired. */
  | 'invalid-token'
  /** The store refused the request for a reason retrying will not fix (a 4xx other than 404/408/429). */
  | 'rejected'
  /** The store could not be reached or failed (network, 5xx, throttling): worth retrying. */
  | 'unavailable';

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Whether an activity should let Temporal retry; the others become non-retryable failures. */
  get retryable(): boolean {
    return this.code === 'unavailable';
  }
}

export const defaultPresignSeconds = 3600;
const maxPresignSeconds = 7 * 24 * 3600;

export function presignSeconds(options: PresignOptions | undefined): number {
  const seconds = options?.expiresInSeconds ?? defaultPresignSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > maxPresignSeconds) {
    throw new RangeError(`expiresInSeconds must be a whole number from 1 to ${maxPresignSeconds}, got ${seconds}`);
  }
  return seconds;
}

export function checkDigest(key: string, expected: string | undefined, actual: string): void {
  if (expected !== undefined && expected.toLowerCase() !== actual) {
    throw new StorageError('integrity', `the bytes for ${key} hash to ${actual}, not the expected ${expected}; nothing was stored`);
  }
}
