/**
 * Turns a staged upload into a queued scan: refuse a duplicate (the same bytes already live for
 * the entity), insert the Document row with its audit entry, start the workflow. Whatever fails
 * on the way removes the staged bytes, so a refused or failed upload leaves nothing behind.
 *
 * When Temporal cannot start the workflow the upload is refused with 503 and undone (the row is
 * soft-deleted as CANCELLED, which frees its digest, and the bytes are deleted): the user keeps
 * the file and can simply upload again, and no document sits QUEUED with nothing to move it on.
 */
import { scopedToTenant, type StorageDriver } from '@akount/activities/storage';
import { documentScanWorkflowId } from '@akount/workflows/contract';
import { Prisma } from '@akount/db';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../http/audit';
import { DuplicateDocumentError, ScanUnavailableError } from './document-errors';
import type { DocumentScanStarter } from './document-scans';
import type { StagedUpload } from './document-upload';

export interface IntakeSettings {
  storage: StorageDriver;
  scans: DocumentScanStarter;
  reviewStaleDays: number;
}

async function liveDuplicate(request: FastifyRequest, staged: StagedUpload): Promise<string | undefined> {
  const existing = await request.auth.db.document.findFirst({
    where: { entityId: staged.entityId, sha256: staged.sha256, deletedAt: null, status: { not: 'CANCELLED' } },
    select: { id: true },
  });
  return existing?.id;
}

async function insertDocument(request: FastifyRequest, staged: StagedUpload) {
  try {
    return await request.auth.db.$tenantTransaction(async (tx) => {
      const row = await tx.document.create({
        data: {
          id: staged.documentId,
          tenantId: request.auth.tenantId,
          entityId: staged.entityId,
          accountId: staged.accountId,
          uploadedById: request.auth.userId,
          fileName: staged.fileName,
          mimeType: staged.mimeType,
          sizeBytes: staged.sizeBytes,
          sha256: staged.sha256,
          storageKey: staged.storageKey,
          pageCount: staged.pageCount,
          status: 'QUEUED',
          workflowId: documentScanWorkflowId(staged.documentId),
        },
      });
      await audit(tx, request, { action: 'create', resourceType: 'Document', resourceId: row.id, after: row });
      return row;
    });
  } catch (error) {
    // Two uploads of the same bytes raced past the lookup: the live-digest index let one in.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const existing = await liveDuplicate(request, staged);
      if (existing) throw new DuplicateDocumentError(existing);
    }
    throw error;
  }
}

async function withdraw(request: FastifyRequest, documentId: string, reason: string): Promise<void> {
  await request.auth.db.$tenantTransaction(async (tx) => {
    const before = await tx.document.findFirst({ where: { id: documentId } });
    const row = await tx.document.update({
      where: { id: documentId },
      data: { status: 'CANCELLED', deletedAt: new Date(), errorCode: 'SCAN_NOT_STARTED', errorMessage: reason },
    });
    await audit(tx, request, { action: 'delete', resourceType: 'Document', resourceId: documentId, before, after: row });
  });
}

export async function admitUpload(request: FastifyRequest, staged: StagedUpload, settings: IntakeSettings): Promise<void> {
  const storage = scopedToTenant(settings.storage, request.auth.tenantId);
  try {
    const existing = await liveDuplicate(request, staged);
    if (existing) throw new DuplicateDocumentError(existing);
    await insertDocument(request, staged);
  } catch (error) {
    await storage.delete(staged.storageKey);
    throw error;
  }
  try {
    await settings.scans.start({
      tenantId: request.auth.tenantId,
      entityId: staged.entityId,
      documentId: staged.documentId,
      reviewStaleDays: settings.reviewStaleDays,
    });
  } catch (error) {
    request.log.error({ err: error, documentId: staged.documentId }, 'could not start the document scan: the upload is withdrawn');
    const reason = 'The document scanner could not be reached, so the upload was not kept; try again in a minute';
    await withdraw(request, staged.documentId, reason);
    await storage.delete(staged.storageKey);
    throw new ScanUnavailableError(reason);
  }
}
