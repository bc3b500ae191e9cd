/**
 * A driver view that only reaches one tenant's keys: every key, copy source and list prefix passes
 * the tenant guard first. Request handlers and activities that act for a tenant take this view, so
 * forgetting the check is not an option; operations code that must see every tenant uses the raw
 * driver.
 */
import type { Readable } from 'node:stream';
import type { PresignOptions, PutOptions, StorageDriver } from './driver';
import { assertKeyInTenant, assertValidPrefix, tenantPrefix } from './keys';
import { StorageError } from './driver';

export function scopedToTenant(driver: StorageDriver, tenantId: string): StorageDriver {
  const prefix = tenantPrefix(tenantId);
  const guard = (key: string) => assertKeyInTenant(key, tenantId);
  return {
    kind: driver.kind,
    async put(key: string, body: Buffer | Readable, options: PutOptions) {
      guard(key);
      return driver.put(key, body, options);
    },
    async get(key: string) {
      guard(key);
      return driver.get(key);
    },
    async stat(key: string) {
      guard(key);
      return driver.stat(key);
    },
    async exists(key: string) {
      guard(key);
      return driver.exists(key);
    },
    async copy(fromKey: string, toKey: string) {
      guard(fromKey);
      guard(toKey);
      return driver.copy(fromKey, toKey);
    },
    async delete(key: string) {
      guard(key);
      return driver.delete(key);
    },
    async presignedGetUrl(key: string, options?: PresignOptions) {
      guard(key);
      return driver.presignedGetUrl(key, options);
    },
    async list(listPrefix: string) {
      assertValidPrefix(listPrefix);
      if (!listPrefix.startsWith(prefix)) {
        throw new StorageError('wrong-tenant', `list prefix ${JSON.stringify(listPrefix)} is outside tenant ${tenantId}`);
      }
      return driver.list(listPrefix);
    },
  };
}
