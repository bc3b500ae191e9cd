/** Document storage: the driver contract, the two drivers, key layout and the tenant guard. */
export { StorageError, defaultPresignSeconds } from './driver';
export type { PresignOptions, PutOptions, PutResult, StorageDriver, StorageErrorCode, StoredObject } from './driver';
export {
  assertKeyInTenant,
  assertValidKey,
  assertValidPrefix,
  documentKey,
  isUuid,
  maxSafeNameLength,
  safeName,
  stagingKey,
  tenantPrefix,
} from './keys';
export type { DocumentKeyInput, StagingKeyInput } from './keys';
export { scopedToTenant } from './tenant-scope';
export { signDownloadToken, verifyDownloadToken } from './download-token';
export type { DownloadGrant, TokenCheck } from './download-token';
export { attachmentDisposition } from './download-name';
export { LocalFolderDriver } from './local-folder';
export type { LocalDownload, LocalFolderOptions } from './local-folder';
export { S3Driver } from './s3';
export type { S3DriverOptions } from './s3';
export { createStorage } from './factory';
export type { StorageExtras, StorageSettings } from './factory';
