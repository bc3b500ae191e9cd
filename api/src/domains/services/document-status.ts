/**
 * A document's scan status for GET /:id/status, from the best source there is. While the
 * workflow runs, its progress query answers, and the running stage takes its attempt count and
 * last error from Temporal's pending activity (the workflow only learns them when an attempt
 * ends, so this is how a stage that keeps retrying shows it). Once the workflow has closed, or
 * when Temporal cannot answer, the Document row answers and stages it cannot know say `unknown`.
 */
import { isTerminalStatus, scanStages, stageStatus, type DocumentStatus, type ScanStage } from '@akount/contracts';
import type { Prisma } from '@akount/db';
import type { ScanStatus } from './document-schemas';
import type { LiveScan } from './document-scans';

type Stage = ScanStatus['stages'][number];

export function statusFromWorkflow(live: LiveScan): ScanStatus {
  const { progress } = live;
  const stages = progress.stages.map((stage): Stage => {
    const pending = live.pending.find((item) => item.stage === stage.name);
    if (stage.state !== 'running' || !pending) return { ...stage };
    return {
      ...stage,
      attempts: Math.max(stage.attempts, pending.attempt),
      lastError: pending.lastFailure ?? stage.lastError,
    };
  });
  return {
    documentId: progress.documentId,
    status: progress.status,
    source: 'workflow',
    stages,
    failedStage: progress.failedStage,
    error: progress.error,
    stale: progress.stale,
    terminal: isTerminalStatus(progress.status),
    result: progress.result,
  };
}

const stageOfStatus = new Map<DocumentStatus, ScanStage>(scanStages.map((stage) => [stageStatus[stage], stage]));

/** What the row's status lets us say about each stage, and no more. */
function derivedState(status: DocumentStatus, stage: ScanStage): Stage['state'] {
  if (status === 'COMPLETED') return 'completed';
  if (status === 'QUEUED') return 'pending';
  const current = stageOfStatus.get(status);
  if (!current) return 'unknown';
  const at = scanStages.indexOf(current);
  const index = scanStages.indexOf(stage);
  return index < at ? 'completed' : index === at ? 'running' : 'pending';
}

export function statusFromDatabase(row: Prisma.DocumentModel): ScanStatus {
  const status = row.status;
  return {
    documentId: row.id,
    status,
    source: 'database',
    stages: scanStages.map((name) => ({
      name,
      state: derivedState(status, name),
      attempts: 0,
      startedAt: null,
      endedAt: null,
      lastError: null,
      detail: null,
    })),
    failedStage: null,
    error: row.errorCode || row.errorMessage ? { code: row.errorCode ?? 'ERROR', message: row.errorMessage ?? '' } : null,
    stale: row.staleAt !== null,
    terminal: isTerminalStatus(status),
    result: null,
  };
}
