/**
 * createStorage: the one place that turns the parsed storage config group (packages/config,
 * STORAGE_DRIVER and friends) into a driver. The folder driver's download-token secret and URL,
 * and the S3 extras (path style, server-side encryption), are not env variables of that group yet,
 * so the process passes them in.
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
}

export interface StorageExtras {
  /** Required for the folder driver: see LocalFolderOptions. */
  local?: { signingSecret: string; downloadBaseUrl: string; workingDir?: string };
  s3?: { forcePathStyle?: boolean; serverSideEncryption?: ServerSideEncryption; partSizeBytes?: number };
}

export function createStorage(settings: StorageSettings, extras: StorageExtras = {}): StorageDriver {
  if (settings.STORAGE_DRIVER === 'local') {
    if (!extras.local) throw new Error('STORAGE_DRIVER=local needs a download signing secret and base URL (extras.local)');
    return new LocalFolderDriver({
      rootDir: path.resolve(extras.local.workingDir ?? process.cwd(), settings.STORAGE_LOCAL_DIR),
      signingSecret: extras.local.signingSecret,
      downloadBaseUrl: extras.local.downloadBaseUrl,
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
    ...extras.s3,
  });
}
