/**
 * How a stage's failure reaches the scan. Activities retry transient problems without an attempt
 * cap, so an ActivityFailure that gets here is a permanent one: a non-retryable ApplicationFailure
 * whose `type` is the ScanError code, whose message is written for the user and whose first detail
 * is `{ attempt }` (the contract in activities/src/documents/types.ts). Cancellation is not a stage
 * failure: it ends the whole scan.
 */
import type { ScanError } from '@akount/contracts';
import { ActivityFailure, ApplicationFailure, isCancellation } from '@temporalio/workflow';

export interface StageFailure {
  error: ScanError;
  /** The attempt that failed, i.e. how many attempts this run of the stage took. */
  attempts: number;
}

const unexpected: ScanError = {
  code: 'STAGE_FAILED',
  message: 'This step stopped with an unexpected error. Retry it, or reject the document.',
};

/** The stage failure `error` describes, or undefined when it is not one (cancellation, a bug). */
export function stageFailureOf(error: unknown): StageFailure | undefined {
  if (!(error instanceof ActivityFailure) || isCancellation(error)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return { error: unexpected, attempts: 1 };
  return {
    error: { code: cause.type ?? unexpected.code, message: cause.message },
    attempts: attemptOf(cause.details?.[0]),
  };
}

function attemptOf(detail: unknown): number {
  if (typeof detail !== 'object' || detail === null || !('attempt' in detail)) return 1;
  const { attempt } = detail;
  return typeof attempt === 'number' && Number.isInteger(attempt) && attempt >= 1 ? attempt : 1;
}
