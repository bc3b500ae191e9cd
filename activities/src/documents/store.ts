/**
 * storeDocument: promotes the scanned upload from staging to its permanent key
 * ({tenant}/{entity}/documents/{yyyy}/{document}-{name}), points the Document row at it and deletes
 * the staged copy. Each step can be repeated, so a retry after a crash between any two of them
 * ends in the same state: copy (again) while the staged copy exists, then record the key, then
 * delete the staged copy. Only this document's staged key is ever read or deleted.
 */
import type { ScanRef, StoreResult } from '@akount/contracts';
import { documentKey, scopedToTenant, stagingKey } from '../storage';
import type { DocumentActivityDeps } from './deps';
import { isStagedKeyOf, loadDocument } from './document-row';
import { permanent } from './failures';
import { runActivity } from './run';

export function storeDocumentActivity(deps: DocumentActivityDeps) {
  return (ref: ScanRef): Promise<StoreResult> =>
    runActivity(deps, 'storeDocument', ref, async ({ log, attempt }) => {
      const document = await loadDocument(deps.database, ref);
      const storage = scopedToTenant(deps.storage, ref.tenantId);
      const keyInput = { ...ref, fileName: document.fileName };
      const target = documentKey({ ...keyInput, uploadedAt: document.createdAt });
      if (document.storageKey === target) {
        // Promoted by an earlier attempt that stopped before deleting the staged copy.
        await storage.delete(stagingKey(keyInput));
        return { attempt, storageKey: target };
      }
      const staged = document.storageKey;
      if (!isStagedKeyOf(ref, staged)) {
        throw permanent('STORAGE_KEY_REFUSED', 'This document points at a file that is not its upload. Upload it again.');
      }
      if (await storage.exists(staged)) await storage.copy(staged, target);
      else if (!(await storage.exists(target)))
        throw permanent('FILE_MISSING', 'The uploaded file is no longer in storage. Upload it again.');
      await deps.database
        .forTenant(ref.tenantId)
        .document.updateMany({ where: { id: ref.documentId, entityId: ref.entityId, storageKey: staged }, data: { storageKey: target } });
      await storage.delete(staged);
      log.info({ storageKey: target }, 'document promoted out of staging');
      return { attempt, storageKey: target };
    });
}
