/**
 * When the inbox asks a document's scan status again, and when it stops: every second while a stage
 * is working (so a status change shows well within 2 s), backing off to 8 s while a stage waits out a
 * retry or the tab is hidden (nothing to see soon), slower when many documents are in flight at
 * once (the API's global rate limit counts every request from one client), and never for a document that waits for the user
 * or has ended. After Retry or Cancel the first answers can still show the old status,
 * so a "watch" keeps polling until the status leaves where it was, or a quiet period passes.
 */
import type { DocumentStatus } from '@akount/contracts';
import { isInFlight, stageLabel } from './status';
import type { ScanStatus } from './types';

export const fastPollMs = 1000;
export const slowPollMs = 8000;
/** Every document in flight costs this much of the poll budget: 20 documents poll every 5 s. */
const perDocumentMs = 250;
/** An action that never shows movement stops being watched after this long. */
export const quietWatchMs = 10_000;

export interface PollState {
  /** Answers in a row that changed nothing. */
  unchangedPolls: number;
  documentsInFlight: number;
  /** The running stage failed and Temporal is waiting before its next attempt. */
  retrying: boolean;
  /** The page is not visible. */
  hidden: boolean;
}

/**
 * Delay before the next poll: 1 s while a stage works; while it waits out a retry, ×1.5 per
 * unchanged answer up to 8 s; 8 s while hidden; spread when many documents poll.
 */
export function nextPollDelay(state: PollState): number {
  const idle = state.hidden
    ? slowPollMs
    : state.retrying
      ? Math.min(slowPollMs, fastPollMs * 1.5 ** Math.max(0, state.unchangedPolls))
      : fastPollMs;
  return Math.round(Math.max(idle, state.documentsInFlight * perDocumentMs));
}

/** True when the running stage has failed at least once and is waiting for its next attempt. */
export function isRetrying(status: ScanStatus): boolean {
  return status.stages.some((stage) => stage.state === 'running' && stage.lastError !== null);
}

/** Why the inbox is polling: the document was in flight, or the user acted on it at `since`. */
export interface Watch {
  from: DocumentStatus | null;
  since: number;
}

export function keepWatching(status: DocumentStatus, watch: Watch, now: number): boolean {
  if (isInFlight(status)) return true;
  return watch.from !== null && status === watch.from && now - watch.since < quietWatchMs;
}

/** What changed between two answers: status, and each stage's state, attempts and error. */
export function statusSignature(status: ScanStatus): string {
  return [
    status.status,
    ...status.stages.map((stage) => `${stage.name}:${stage.state}:${stage.attempts}:${stage.lastError?.code ?? ''}`),
  ].join('|');
}

/** The running stage in words ("Read text, attempt 2"), or null when none runs. */
export function currentStage(status: ScanStatus | null): string | null {
  const running = status?.stages.find((stage) => stage.state === 'running');
  if (!running) return null;
  return running.attempts > 1 ? `${stageLabel[running.name]}, attempt ${running.attempts}` : stageLabel[running.name];
}
