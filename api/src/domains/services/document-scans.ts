/**
 * The API's side of the document-scan workflow (workflows/src/document-scan/contract.ts): start
 * one per document, read its progress query and its pending activities, and send the review
 * update and the signals. Every call carries a deadline, so a Temporal outage or a missing worker
 * turns into a quick answer (503, or the database's view of the status) instead of a hung request.
 */
import type { ApproveInput, DocumentScanInput, DocumentStatus, ScanProgress, ScanStage } from '@akount/contracts';
import {
  approveUpdate,
  documentScanWorkflowId,
  documentScanWorkflowType,
  progressQuery,
  rejectSignal,
  retrySignal,
  searchAttributeNames,
} from '@akount/workflows/contract';
import { ApplicationFailure, type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { UnprocessableError } from '../../http/errors';
import { ScanStateError, ScanUnavailableError } from './document-errors';

/** Starts (or attaches to) the scan of one document; the upload route's only Temporal call. */
export interface DocumentScanStarter {
  start(input: Required<DocumentScanInput>): Promise<void>;
}

const deadlineMs = { start: 10_000, read: 3_000, act: 10_000 };

export const scanSearchAttributes = {
  tenantId: defineSearchAttributeKey(searchAttributeNames.tenantId, SearchAttributeType.KEYWORD),
  entityId: defineSearchAttributeKey(searchAttributeNames.entityId, SearchAttributeType.KEYWORD),
  documentId: defineSearchAttributeKey(searchAttributeNames.documentId, SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey(searchAttributeNames.status, SearchAttributeType.KEYWORD),
};

export function temporalScanStarter(client: Client, taskQueue: string): DocumentScanStarter {
  return {
    async start(input) {
      await client.connection.withDeadline(Date.now() + deadlineMs.start, () =>
        client.workflow.start(documentScanWorkflowType, {
          workflowId: documentScanWorkflowId(input.documentId),
          taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          typedSearchAttributes: [
            { key: scanSearchAttributes.tenantId, value: input.tenantId },
            { key: scanSearchAttributes.entityId, value: input.entityId },
            { key: scanSearchAttributes.documentId, value: input.documentId },
            { key: scanSearchAttributes.status, value: 'QUEUED' satisfies DocumentStatus },
          ],
        }),
      );
    },
  };
}

/** Which stage each activity of the DocumentActivities interface works for. */
const activityStage: Record<string, ScanStage> = {
  virusScan: 'virusScan',
  storeDocument: 'store',
  ocrDocument: 'ocr',
  extractDocument: 'extract',
  categorizeDocument: 'categorize',
  createTransactions: 'post',
};

export interface PendingAttempt {
  stage: ScanStage;
  attempt: number;
  lastFailure: { code: string; message: string } | null;
}

export interface LiveScan {
  progress: ScanProgress;
  /** Activities Temporal is running or retrying right now: where the live attempt count comes from. */
  pending: PendingAttempt[];
}

function pendingAttempts(raw: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['describe']>>['raw']): PendingAttempt[] {
  return (raw.pendingActivities ?? []).flatMap((activity) => {
    const stage = activityStage[activity.activityType?.name ?? ''];
    if (!stage) return [];
    const failure = activity.lastFailure;
    return [
      {
        stage,
        attempt: activity.attempt ?? 1,
        lastFailure: failure?.message ? { code: failure.applicationFailureInfo?.type || 'RETRYING', message: failure.message } : null,
      },
    ];
  });
}

/**
 * The running scan's own view, or undefined when the workflow has closed, does not exist or
 * cannot answer in time (no worker, Temporal down): the caller then answers from the database.
 */
export async function readLiveScan(client: Client, documentId: string): Promise<LiveScan | undefined> {
  const handle = client.workflow.getHandle(documentScanWorkflowId(documentId));
  try {
    return await client.connection.withDeadline(Date.now() + deadlineMs.read, async () => {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') return undefined;
      const progress = await handle.query(progressQuery);
      return { progress, pending: pendingAttempts(description.raw) };
    });
  } catch {
    return undefined;
  }
}

/** Temporal's refusal of an action, in the API's terms: the scan ended, is unreachable, or refused it. */
function actionFailure(error: unknown): Error {
  if (error instanceof WorkflowNotFoundError) return new ScanStateError('The scan of this document has already ended');
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    const message = cause instanceof Error ? cause.message : 'The scan refused the review';
    // The workflow's validator parses the edits with the shared zod schema; a refused parse is the edits' fault.
    if (cause instanceof ApplicationFailure && ['ZodError', 'INVALID_EDITS', 'VALIDATION_FAILED'].includes(cause.type ?? ''))
      return new UnprocessableError(message);
    return new ScanStateError(message);
  }
  return new ScanUnavailableError('The document scanner cannot be reached right now; try again in a minute');
}

async function act<T>(client: Client, work: () => Promise<T>): Promise<T> {
  try {
    return await client.connection.withDeadline(Date.now() + deadlineMs.act, work);
  } catch (error) {
    throw actionFailure(error);
  }
}

export function scanActions(client: Client, documentId: string) {
  const handle = client.workflow.getHandle(documentScanWorkflowId(documentId));
  return {
    approve: (input: ApproveInput) => act(client, () => handle.executeUpdate(approveUpdate, { args: [input] })),
    reject: (userId: string, reason: string | undefined) =>
      act(client, () => handle.signal(rejectSignal, reason === undefined ? { userId } : { userId, reason })),
    retry: () => act(client, () => handle.signal(retrySignal)),
    cancel: () => act(client, () => handle.cancel()),
  };
}
