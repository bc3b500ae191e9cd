/**
 * When the inbox asks a document's scan status again, and when it stops: every 1.5 s while the
 * answer changes, backing off to 8 s while it does not, slower still when many documents are in
 * flight at once (the API's global rate limit is per user), and never for a document that waits for
 * the user or has ended. After Retry or Cancel the first answers can still show the old status,
 * so a "watch" keeps polling until the status leaves where it was, or a quiet period passes.
 */
import type { DocumentStatus } from '@akount/contracts';
import { isInFlight, stageLabel } from './status';
import type { ScanStatus } from './types';

export const fastPollMs = 1500;
export const slowPollMs = 8000;
/** Every document in flight costs this much of the poll budget: 20 documents poll every 5 s. */
const perDocumentMs = 250;
/** An action that never shows movement stops being watched after this long. */
export const quietWatchMs = 10_000;

/** Delay before the next poll: 1.5 s, then ×1.5 per unchanged answer up to 8 s; spread when many poll. */
export function nextPollDelay(unchangedPolls: number, documentsInFlight: number): number {
  const backedOff = Math.min(slowPollMs, fastPollMs * 1.5 ** Math.max(0, unchangedPolls));
  return Math.round(Math.max(backedOff, documentsInFlight * perDocumentMs));
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
