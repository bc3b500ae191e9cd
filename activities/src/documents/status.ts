/**
 * setDocumentStatus and discardStagedDocument: the workflow's two bookkeeping activities. The
 * status mirror copies what the workflow decided onto the Document row for list views; it keeps
 * the first staleAt and completedAt it wrote, so replaying the same update changes nothing. The
 * discard removes an upload that will never be promoted (infected, cancelled), and only while the
 * row still points at this document's staging key: a promoted document is never deleted here.
 */
import type { DocumentStatus, ScanRef, StatusUpdate } from '@akount/contracts';
import { scopedToTenant } from '../storage';
import type { DocumentActivityDeps } from './deps';
import { isStagedKeyOf, loadDocument } from './document-row';
import { runActivity } from './run';

/** Statuses that show the error that stopped the scan; any other status clears a stale one. */
const showsError: readonly DocumentStatus[] = ['NEEDS_ATTENTION', 'REJECTED'];

export function setDocumentStatusActivity(deps: DocumentActivityDeps) {
  return (update: StatusUpdate): Promise<void> =>
    runActivity(deps, 'setDocumentStatus', update, async ({ log }) => {
      const { status, error, stale } = update;
      const document = await loadDocument(deps.database, update);
      const now = new Date();
      const errorFields = error
        ? { errorCode: error.code, errorMessage: error.message }
        : showsError.includes(status)
          ? {}
          : { errorCode: null, errorMessage: null };
      const staleAt = stale === true ? (document.staleAt ?? now) : stale === false ? null : document.staleAt;
      const completedAt = status === 'COMPLETED' ? (document.completedAt ?? now) : document.completedAt;
      await deps.database
        .forTenant(update.tenantId)
        .document.update({ where: { id: update.documentId }, data: { status, ...errorFields, staleAt, completedAt } });
      log.debug({ status, errorCode: error?.code, stale }, 'document status mirrored');
    });
}

export function discardStagedDocumentActivity(deps: DocumentActivityDeps) {
  return (ref: ScanRef): Promise<void> =>
    runActivity(deps, 'discardStagedDocument', ref, async ({ log }) => {
      const document = await loadDocument(deps.database, ref);
      if (!isStagedKeyOf(ref, document.storageKey)) {
        log.info('the document is no longer staged; nothing to discard');
        return;
      }
      await scopedToTenant(deps.storage, ref.tenantId).delete(document.storageKey);
      log.info('staged upload discarded');
    });
}
