/**
 * Maps an S3 SDK failure to a StorageError code, so activities can decide about retries without
 * knowing the SDK: 404 → not-found; 408, 429, 5xx and network failures → unavailable (retry);
 * other 4xx → rejected (a bad request or credentials: retrying will not help).
 */
import { StorageError } from './driver';

interface SdkFailure {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const missingNames = new Set(['NoSuchKey', 'NotFound', 'NoSuchUpload']);

export function toStorageError(error: unknown, what: string, key: string): StorageError {
  if (error instanceof StorageError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SdkFailure;
  const status = failure.$metadata?.httpStatusCode;
  const detail = `${failure.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${failure.message ?? String(error)}`;
  if (status === 404 || (failure.name !== undefined && missingNames.has(failure.name))) {
    return new StorageError('not-found', `${what} ${key}: no such object`, { cause: error });
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new StorageError('rejected', `${what} ${key} was refused: ${detail}`, { cause: error });
  }
  return new StorageError('unavailable', `${what} ${key} failed: ${detail}`, { cause: error });
}
