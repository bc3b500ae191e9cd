/**
 * createStorage: the one place that turns the parsed storage config group (packages/config,
 * STORAGE_DRIVER and friends) into a driver, so the API and the worker build the same one: a key
 * one writes the other reads, and a download link the worker signs the API serves. Extras that are
 * not environment variables (a working directory, S3 encryption, part size) are passed in.
 */
import path from 'node:path';
import type { ServerSideEncryption } from '@aws-sdk/client-s3';
import type { StorageDriver } from './driver';
import { LocalFolderDriver } from './local-folder';
import { S3Driver } from './s3';

/** The storage group's variables as `loadConfig` returns them. */
export interface StorageSettings {
  STORAGE_DRIVER: 'local' | 's3';
  STORAGE_LOCAL_DIR: string;
  SPACES_ENDPOINT?: string | undefined;
  SPACES_REGION: string;
  SPACES_BUCKET?: string | undefined;
  SPACES_KEY?: string | undefined;
  SPACES_SECRET?: string | undefined;
  SPACES_FORCE_PATH_STYLE: boolean;
  /** The folder driver's download-token secret and where its links point (the API's download route). */
  STORAGE_SIGNING_SECRET: string;
  STORAGE_DOWNLOAD_BASE_URL: string;
}

export interface StorageExtras {
  /** What STORAGE_LOCAL_DIR is relative to; default the process's working directory. */
  workingDir?: string;
  s3?: { serverSideEncryption?: ServerSideEncryption; partSizeBytes?: number };
}

export function createStorage(settings: StorageSettings, extras: StorageExtras = {}): StorageDriver {
  if (settings.STORAGE_DRIVER === 'local') {
    return new LocalFolderDriver({
      rootDir: path.resolve(extras.workingDir ?? process.cwd(), settings.STORAGE_LOCAL_DIR),
      signingSecret: settings.STORAGE_SIGNING_SECRET,
      downloadBaseUrl: settings.STORAGE_DOWNLOAD_BASE_URL,
    });
  }
  const { SPACES_BUCKET: bucket, SPACES_KEY: accessKeyId, SPACES_SECRET: secretAccessKey } = settings;
  const missing = Object.entries({ SPACES_BUCKET: bucket, SPACES_KEY: accessKeyId, SPACES_SECRET: secretAccessKey })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (!bucket || !accessKeyId || !secretAccessKey) throw new Error(`STORAGE_DRIVER=s3 needs ${missing.join(', ')}`);
  return new S3Driver({
    ...(settings.SPACES_ENDPOINT ? { endpoint: settings.SPACES_ENDPOINT } : {}),
    region: settings.SPACES_REGION,
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: settings.SPACES_FORCE_PATH_STYLE,
    ...extras.s3,
  });
}
