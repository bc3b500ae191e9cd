/**
 * How clients talk to a document scan: the workflow type and id, the `progress` query, the
 * `approve` update, and the `reject` / `retry` signals. The API imports this module (through
 * `@akount/workflows/contract`); the workflow implements it.
 */
import type { ApproveInput, ApproveResult, DocumentScanInput, RejectInput, ScanProgress } from '@akount/contracts';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const documentScanWorkflowType = 'documentScanWorkflow';

/** One workflow per document, ever: a second start for the same document attaches to the first. */
export const documentScanWorkflowId = (documentId: string) => `document-scan/${documentId}`;

export const progressQuery = defineQuery<ScanProgress>('progress');
export const approveUpdate = defineUpdate<ApproveResult, [ApproveInput]>('approve');
export const rejectSignal = defineSignal<[RejectInput]>('reject');
/** Resumes from the failed stage when the scan waits in NEEDS_ATTENTION; ignored otherwise. */
export const retrySignal = defineSignal<[]>('retry');

/** Search attributes the bootstrap registers (scripts/bootstrap/temporal.mjs) and the workflow sets. */
export const searchAttributeNames = {
  tenantId: 'TenantId',
  entityId: 'EntityId',
  documentId: 'DocumentId',
  status: 'DocumentStatus',
} as const;

export type { DocumentScanInput };
