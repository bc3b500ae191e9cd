/**
 * What the document-scan workflow tests and scripts/record-histories.ts share: in-memory
 * activities that implement DocumentActivities and record every call (DESIGN §7: workflow tests
 * stub the activities; the real ones are tested against PostgreSQL, storage and clamd in
 * activities/), the search attributes the workflow upserts, and a way to wait for a status.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentActivities } from '@akount/activities';
import type { DocumentStatus, ScanError, ScanProgress, ScanRef, StatusUpdate, VirusScanResult } from '@akount/contracts';
import { Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { progressQuery, searchAttributeNames } from '../src/document-scan/contract';

export type StageActivity = Exclude<keyof DocumentActivities, 'setDocumentStatus'>;

/** What one call does instead of succeeding: a retryable error, or a permanent ScanError. */
export type PlannedFailure = 'transient' | ScanError;

export interface StubPlan {
  verdict?: VirusScanResult['verdict'];
  /** Failures the next calls of an activity throw, in order; later calls succeed. */
  failures?: Partial<Record<StageActivity, PlannedFailure[]>>;
  /** This activity heartbeats without finishing until `release()` or cancellation (a long Mistral call). */
  hold?: StageActivity;
}

export interface StubCall {
  name: StageActivity;
  input: unknown;
  attempt: number;
}

export class StubDocumentActivities {
  readonly calls: StubCall[] = [];
  readonly statuses: StatusUpdate[] = [];
  readonly transactionIds = [randomUUID(), randomUUID()];
  readonly textId = randomUUID();
  readonly extractionId = randomUUID();
  /** Activities that saw their cancellation (they only can while heartbeating). */
  readonly cancelled: StageActivity[] = [];
  private readonly failures: Partial<Record<StageActivity, PlannedFailure[]>>;
  private released = false;
  private posted = false;
  private markHeld!: () => void;
  /** Resolves once the held activity has started and is heartbeating. */
  readonly held = new Promise<void>((resolve) => {
    this.markHeld = resolve;
  });

  constructor(private readonly plan: StubPlan = {}) {
    this.failures = structuredClone(plan.failures ?? {});
  }

  callsOf(name: StageActivity): StubCall[] {
    return this.calls.filter((call) => call.name === name);
  }

  release(): void {
    this.released = true;
  }

  get statusTrail(): DocumentStatus[] {
    return this.statuses.map((update) => update.status);
  }

  activities(): DocumentActivities {
    return {
      virusScan: async (ref) => {
        const attempt = await this.record('virusScan', ref);
        const verdict = this.plan.verdict ?? 'clean';
        if (verdict === 'infected') return { attempt, verdict, signature: 'Eicar-Signature', scanner: 'clamd (stub)' };
        return { attempt, verdict, scanner: verdict === 'skipped' ? 'no scanner configured' : 'clamd (stub)' };
      },
      storeDocument: async (ref) => ({ attempt: await this.record('storeDocument', ref), storageKey: storageKeyOf(ref) }),
      ocrDocument: async (ref) => ({
        attempt: await this.record('ocrDocument', ref),
        engine: 'local',
        kind: 'pdf-text',
        pageCount: 2,
        textId: this.textId,
      }),
      extractDocument: async (input) => ({
        attempt: await this.record('extractDocument', input),
        extractionId: this.extractionId,
        docType: 'receipt',
        confidence: 0.92,
      }),
      categorizeDocument: async (input) => ({
        attempt: await this.record('categorizeDocument', input),
        categoryId: null,
        decidedBy: 'none',
        reason: 'no rule matched',
      }),
      createTransactions: async (input) => {
        const attempt = await this.record('createTransactions', input);
        const alreadyPosted = this.posted;
        this.posted = true;
        return { attempt, transactionIds: this.transactionIds, skippedDuplicates: 0, alreadyPosted };
      },
      setDocumentStatus: async (update) => {
        this.statuses.push(update);
      },
      discardStagedDocument: async (ref) => {
        await this.record('discardStagedDocument', ref);
      },
    };
  }

  /** Records the call, holds or fails it as planned, and returns the attempt it ran as. */
  private async record(name: StageActivity, input: unknown): Promise<number> {
    const { attempt } = Context.current().info;
    this.calls.push({ name, input, attempt });
    const failure = this.failures[name]?.shift();
    if (failure === 'transient') throw new Error(`${name}: upstream unavailable (stub, attempt ${attempt})`);
    if (failure) {
      throw ApplicationFailure.create({ type: failure.code, message: failure.message, nonRetryable: true, details: [{ attempt }] });
    }
    if (this.plan.hold === name) await this.holdUntilReleased(name);
    return attempt;
  }

  private async holdUntilReleased(name: StageActivity): Promise<void> {
    const context = Context.current();
    this.markHeld();
    try {
      while (!this.released) {
        context.heartbeat();
        await context.sleep(50);
      }
    } catch (error) {
      this.cancelled.push(name);
      throw error;
    }
  }
}

const storageKeyOf = (ref: ScanRef) => `${ref.tenantId}/${ref.entityId}/documents/2026/${ref.documentId}-receipt.pdf`;

export function scanInput(overrides: { reviewStaleDays?: number } = {}) {
  return { tenantId: randomUUID(), entityId: randomUUID(), documentId: randomUUID(), ...overrides };
}

/**
 * The attributes the bootstrap registers on the dev server (scripts/bootstrap/temporal.mjs), added
 * to the time-skipping server through its operator service, which the Java test server implements.
 */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const keyword = encodeSearchAttributeIndexedValueType('KEYWORD');
  if (keyword === undefined) throw new Error('the SDK does not know the KEYWORD search attribute type');
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.values(searchAttributeNames).map((name) => [name, keyword])),
  });
}

/** Polls the progress query until `accept` holds (queries do not unlock time skipping). */
export async function waitForProgress(
  handle: WorkflowHandle,
  accept: (progress: ScanProgress) => boolean,
  timeoutMs = 20_000,
): Promise<ScanProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await handle.query(progressQuery);
    if (accept(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`progress never matched; last: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const waitForStatus = (handle: WorkflowHandle, status: DocumentStatus) =>
  waitForProgress(handle, (progress) => progress.status === status);
