/**
 * The Document row as the activities read it, always through the tenant-scoped client and always
 * matched on tenant, entity and id together, plus the staging-key test the cleanup paths rely on.
 */
import type { ScanRef } from '@akount/contracts';
import type { Database } from '@akount/db';
import { tenantPrefix } from '../storage';
import { permanent } from './failures';

export async function loadDocument(database: Database, ref: ScanRef) {
  const document = await database
    .forTenant(ref.tenantId)
    .document.findFirst({ where: { id: ref.documentId, entityId: ref.entityId, deletedAt: null } });
  if (!document) throw permanent('DOCUMENT_NOT_FOUND', 'This document no longer exists.');
  return document;
}

export type DocumentRow = Awaited<ReturnType<typeof loadDocument>>;

/** Whether `key` is this document's upload in its entity's staging folder (never a promoted file). */
export function isStagedKeyOf(ref: ScanRef, key: string): boolean {
  return key.startsWith(`${tenantPrefix(ref.tenantId)}${ref.entityId.toLowerCase()}/staging/${ref.documentId.toLowerCase()}-`);
}
