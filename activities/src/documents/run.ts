/**
 * The frame every document activity runs in: a child logger with the ids that tie a line to its
 * tenant, document, workflow run and activity, the attempt number, and one exit for errors
 * (failures.ts). A cancelled activity ends with the SDK's CancelledFailure whatever the work threw
 * while it stopped, so a cancel is never reported as a failure of the file. Long steps (OCR, a
 * Mistral call) run inside `heartbeating`, which keeps the heartbeat timeout fed and lets a cancel
 * end the activity at once.
 */
import type { ScanRef } from '@akount/contracts';
import type { Logger } from '@akount/logger';
import { Context } from '@temporalio/activity';
import type { DocumentActivityDeps } from './deps';
import { toActivityFailure } from './failures';

export interface ActivityRun {
  log: Logger;
  attempt: number;
  context: Context;
}

export async function runActivity<T>(
  deps: Pick<DocumentActivityDeps, 'logger'>,
  activity: string,
  ref: Pick<ScanRef, 'tenantId' | 'documentId'>,
  work: (run: ActivityRun) => Promise<T>,
): Promise<T> {
  const context = Context.current();
  const { info } = context;
  const log = deps.logger.child({
    tenantId: ref.tenantId,
    documentId: ref.documentId,
    workflowId: info.workflowExecution?.workflowId,
    runId: info.workflowExecution?.runId,
    activityId: info.activityId,
    activity,
  });
  try {
    return await work({ log, attempt: info.attempt, context });
  } catch (error) {
    if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason ?? error;
    throw toActivityFailure(error, log);
  }
}

/** Well inside the workflow's 20 s heartbeat timeout, even when one page takes long. */
const HEARTBEAT_MS = 3_000;

/** Runs `work` while heartbeating, and gives up as soon as the activity is cancelled. */
export async function heartbeating<T>(context: Context, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
  try {
    return await Promise.race([work(context.cancellationSignal), context.cancelled]);
  } finally {
    clearInterval(timer);
  }
}
