/**
 * The scan's `progress` answer (ScanProgress), kept up to date by the workflow as stages run.
 * Bookkeeping only: it schedules nothing, so changing what it records never breaks replay. Times
 * come from the workflow's deterministic clock (`Date` inside the workflow sandbox).
 */
import { scanStages, type DocumentStatus, type ScanError, type ScanProgress, type ScanStage, type StageProgress } from '@akount/contracts';

const now = () => new Date().toISOString();

export class ScanProgressRecord {
  readonly current: ScanProgress;

  constructor(documentId: string) {
    this.current = {
      documentId,
      status: 'QUEUED',
      stages: scanStages.map((name) => ({
        name,
        state: 'pending',
        attempts: 0,
        startedAt: null,
        endedAt: null,
        lastError: null,
        detail: null,
      })),
      failedStage: null,
      error: null,
      stale: false,
      result: { extractionId: null, docType: null, categoryId: null, transactionIds: [] },
    };
  }

  /** A retried stage keeps its first start time, so its timing covers every attempt. */
  start(name: ScanStage): void {
    const stage = this.stage(name);
    stage.state = 'running';
    stage.startedAt ??= now();
    stage.endedAt = null;
  }

  complete(name: ScanStage, attempts: number, detail: string): void {
    const stage = this.stage(name);
    stage.state = 'completed';
    stage.attempts += attempts;
    stage.endedAt = now();
    stage.detail = detail;
  }

  fail(name: ScanStage, error: ScanError, attempts: number): void {
    const stage = this.stage(name);
    stage.state = 'failed';
    stage.attempts += attempts;
    stage.endedAt = now();
    stage.lastError = error;
    this.current.failedStage = name;
  }

  /** `failedStage` and `error` describe the current status only; a failed stage keeps its lastError. */
  setStatus(status: DocumentStatus, error: ScanError | null): void {
    this.current.status = status;
    this.current.error = error;
    if (status !== 'NEEDS_ATTENTION') this.current.failedStage = null;
  }

  /** The scan ended early: stages that will never run (or were interrupted) are skipped. */
  skipUnfinished(detail: string): void {
    for (const stage of this.current.stages) {
      if (stage.state === 'running') {
        stage.endedAt = now();
        stage.detail = detail;
      }
      if (stage.state === 'running' || stage.state === 'pending') stage.state = 'skipped';
    }
  }

  isCompleted(name: ScanStage): boolean {
    return this.stage(name).state === 'completed';
  }

  private stage(name: ScanStage): StageProgress {
    const stage = this.current.stages.find((candidate) => candidate.name === name);
    if (!stage) throw new Error(`unknown scan stage ${name}`);
    return stage;
  }
}
