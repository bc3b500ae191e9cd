/**
 * documentScanWorkflow on the time-skipping server with stubbed activities: every branch of the
 * scan (DESIGN §2) — stages and status mirroring, infected uploads, transient and permanent
 * failures, retry, reject, approve (and its validator), cancellation, the stale-review timer and
 * idempotent starts. The real activities are tested in activities/.
 */
import './quiet-runtime';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { ApproveInput, ScanError, ScanProgress, StageProgress } from '@akount/contracts';
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveUpdate,
  documentScanWorkflowId,
  documentScanWorkflowType,
  progressQuery,
  rejectSignal,
  retrySignal,
} from '../src/document-scan/contract';
import type { documentScanWorkflow } from '../src/document-scan/workflow';
import {
  StubDocumentActivities,
  registerSearchAttributes,
  scanInput,
  waitForProgress,
  waitForStatus,
  type StubPlan,
} from './document-scan-harness';
import { createTimeSkippingEnvironment } from './support';

type ScanHandle = WorkflowHandleWithFirstExecutionRunId<typeof documentScanWorkflow>;

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundle;
let queues = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnvironment();
  await registerSearchAttributes(env);
  workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../src/index.ts', import.meta.url)),
    logger: new DefaultLogger('WARN'),
  });
});

afterAll(async () => {
  await env?.teardown();
});

/**
 * Runs `body` with a worker on its own task queue serving the given stubs. Scans the test left
 * open are terminated while the worker still runs: an orphaned workflow's timer would otherwise
 * wait for a worker that never comes, and the test server does not skip time past it.
 */
async function withWorker(stubs: StubDocumentActivities, body: (start: typeof startScan) => Promise<void>): Promise<void> {
  const taskQueue = `document-scan-${process.pid}-${++queues}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: stubs.activities(),
    maxHeartbeatThrottleInterval: '100 ms',
    defaultHeartbeatThrottleInterval: '100 ms',
  });
  const started: ScanHandle[] = [];
  await worker.runUntil(async () => {
    try {
      await body(async (input) => {
        const handle = await startScan(input, taskQueue);
        started.push(handle);
        return handle;
      });
    } finally {
      await Promise.all(started.map(terminateIfOpen));
    }
  });
}

async function terminateIfOpen(handle: ScanHandle): Promise<void> {
  if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test finished');
}

/** Starts (or attaches to) the scan the way the API does: one workflow id per document. */
function startScan(input = scanInput(), taskQueue = ''): Promise<ScanHandle> {
  return env.client.workflow.start<typeof documentScanWorkflow>(documentScanWorkflowType, {
    taskQueue,
    workflowId: documentScanWorkflowId(input.documentId),
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
  });
}

function scan(plan: StubPlan, body: (stubs: StubDocumentActivities, start: typeof startScan) => Promise<void>) {
  const stubs = new StubDocumentActivities(plan);
  return withWorker(stubs, (start) => body(stubs, start));
}

const stage = (progress: ScanProgress, name: StageProgress['name']) => {
  const found = progress.stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no stage ${name} in progress`);
  return found;
};

const approval = (edits: ApproveInput['edits'] = {}): ApproveInput => ({ userId: randomUUID(), edits });

const unreadable: ScanError = { code: 'UNREADABLE', message: 'The file could not be read. Upload a sharper copy.' };

async function expectCancelled(handle: ScanHandle): Promise<void> {
  const failure = await handle.result().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(WorkflowFailedError);
  expect((failure as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  expect((await handle.describe()).status.name).toBe('CANCELLED');
}

async function expectUpdateRefused(handle: ScanHandle, input: unknown, type: string): Promise<void> {
  const refusal = await handle.executeUpdate(approveUpdate, { args: [input as ApproveInput] }).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (refusal as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe(type);
}

describe('documentScanWorkflow', () => {
  it('runs every stage in order, mirrors each status and waits for review with all earlier stages done', () =>
    scan({}, async (stubs, start) => {
      const input = scanInput();
      const handle = await start(input);
      const atReview = await waitForStatus(handle, 'AWAITING_REVIEW');

      expect(stubs.statusTrail).toEqual(['SCANNING', 'STORING', 'OCR', 'EXTRACTING', 'CATEGORIZING', 'AWAITING_REVIEW']);
      for (const name of ['virusScan', 'store', 'ocr', 'extract', 'categorize'] as const) {
        expect(stage(atReview, name)).toMatchObject({ state: 'completed', attempts: 1, lastError: null });
        expect(stage(atReview, name).startedAt).not.toBeNull();
        expect(stage(atReview, name).endedAt).not.toBeNull();
      }
      expect(stage(atReview, 'virusScan').detail).toBe('clean (clamd (stub))');
      expect(stage(atReview, 'ocr').detail).toBe('2 pages, local engine');
      expect(stage(atReview, 'review')).toMatchObject({ state: 'running', endedAt: null });
      expect(stage(atReview, 'post').state).toBe('pending');
      expect(atReview.result).toEqual({ extractionId: stubs.extractionId, docType: 'receipt', categoryId: null, transactionIds: [] });
      expect(stubs.callsOf('extractDocument')[0]?.input).toMatchObject({ textId: stubs.textId });
      expect(stubs.callsOf('categorizeDocument')[0]?.input).toMatchObject({ extractionId: stubs.extractionId });
      expect(stubs.statuses.every((update) => update.documentId === input.documentId && update.tenantId === input.tenantId)).toBe(true);

      await expect(handle.executeUpdate(approveUpdate, { args: [approval()] })).resolves.toEqual({ accepted: true, status: 'POSTING' });
      const final = await handle.result();
      expect(final.status).toBe('COMPLETED');
      expect(stubs.statusTrail.slice(-2)).toEqual(['POSTING', 'COMPLETED']);
      expect(final.stages.map((each) => each.state)).toEqual(Array(7).fill('completed'));
      expect(stubs.callsOf('discardStagedDocument')).toHaveLength(0);

      const { searchAttributes } = await handle.describe();
      expect(searchAttributes).toMatchObject({
        TenantId: [input.tenantId],
        EntityId: [input.entityId],
        DocumentId: [input.documentId],
        DocumentStatus: ['COMPLETED'],
      });
    }));

  it('rejects an infected upload, deletes the staged bytes and runs no later stage', () =>
    scan({ verdict: 'infected' }, async (stubs, start) => {
      const final = await (await start()).result();
      expect(final.status).toBe('REJECTED');
      expect(final.error?.code).toBe('INFECTED');
      expect(final.error?.message).toContain('Eicar-Signature');
      expect(stubs.calls.map((call) => call.name)).toEqual(['virusScan', 'discardStagedDocument']);
      expect(stubs.statuses.map(({ status, error }) => ({ status, code: error?.code ?? null }))).toEqual([
        { status: 'SCANNING', code: null },
        { status: 'REJECTED', code: 'INFECTED' },
      ]);
      expect(stage(final, 'virusScan')).toMatchObject({ state: 'completed', detail: 'infected: Eicar-Signature' });
      expect(final.stages.slice(1).map((each) => each.state)).toEqual(Array(6).fill('skipped'));
    }));

  it('retries a transiently failing OCR without stopping in NEEDS_ATTENTION and counts its attempts', () =>
    scan({ failures: { ocrDocument: ['transient', 'transient'] } }, async (stubs, start) => {
      const atReview = await waitForStatus(await start(), 'AWAITING_REVIEW');
      expect(stage(atReview, 'ocr')).toMatchObject({ state: 'completed', attempts: 3, lastError: null });
      expect(stubs.callsOf('ocrDocument').map((call) => call.attempt)).toEqual([1, 2, 3]);
      expect(stubs.statusTrail).not.toContain('NEEDS_ATTENTION');
    }));

  it('parks a permanent failure in NEEDS_ATTENTION and resumes from the failed stage on retry', () =>
    scan({ failures: { extractDocument: [unreadable] } }, async (stubs, start) => {
      const handle = await start();
      const parked = await waitForStatus(handle, 'NEEDS_ATTENTION');
      expect(parked).toMatchObject({ failedStage: 'extract', error: unreadable });
      expect(stage(parked, 'extract')).toMatchObject({ state: 'failed', attempts: 1, lastError: unreadable });
      expect(stubs.statuses.at(-1)).toMatchObject({ status: 'NEEDS_ATTENTION', error: unreadable });

      await env.sleep('1 day');
      expect((await handle.query(progressQuery)).status).toBe('NEEDS_ATTENTION');
      expect(stubs.callsOf('extractDocument')).toHaveLength(1);

      await handle.signal(retrySignal);
      const atReview = await waitForStatus(handle, 'AWAITING_REVIEW');
      expect(atReview).toMatchObject({ failedStage: null, error: null });
      expect(stage(atReview, 'extract')).toMatchObject({ state: 'completed', attempts: 2, lastError: unreadable });
      for (const name of ['virusScan', 'storeDocument', 'ocrDocument', 'extractDocument', 'categorizeDocument'] as const) {
        expect(stubs.callsOf(name)).toHaveLength(name === 'extractDocument' ? 2 : 1);
      }
      expect(stubs.statusTrail.slice(-4)).toEqual(['NEEDS_ATTENTION', 'EXTRACTING', 'CATEGORIZING', 'AWAITING_REVIEW']);
    }));

  it('refuses approve outside review and ignores reject and retry while a stage runs', () =>
    scan({ hold: 'ocrDocument' }, async (stubs, start) => {
      const handle = await start();
      await stubs.held;
      await expectUpdateRefused(handle, approval(), 'NOT_AWAITING_REVIEW');
      await handle.signal(rejectSignal, { userId: randomUUID() });
      await handle.signal(retrySignal);
      stubs.release();
      const atReview = await waitForStatus(handle, 'AWAITING_REVIEW');
      expect(stage(atReview, 'ocr').attempts).toBe(1);
      await env.sleep('1 hour');
      expect((await handle.query(progressQuery)).status).toBe('AWAITING_REVIEW');
      await handle.executeUpdate(approveUpdate, { args: [approval()] });
      expect((await handle.result()).status).toBe('COMPLETED');
    }));

  it('cancelled during OCR: stops the heartbeating activity, discards the staged bytes, ends CANCELLED', () =>
    scan({ hold: 'ocrDocument' }, async (stubs, start) => {
      const handle = await start();
      await stubs.held;
      await handle.cancel();
      await expectCancelled(handle);
      expect(stubs.cancelled).toEqual(['ocrDocument']);
      expect(stubs.callsOf('discardStagedDocument')).toHaveLength(1);
      expect(stubs.statusTrail.slice(-2)).toEqual(['OCR', 'CANCELLED']);
      const final = await handle.query(progressQuery);
      expect(final.status).toBe('CANCELLED');
      expect(stage(final, 'ocr')).toMatchObject({ state: 'skipped', detail: 'cancelled' });
      expect(stubs.callsOf('extractDocument')).toHaveLength(0);
    }));

  it('cancelled while awaiting review: discards, ends CANCELLED and posts nothing', () =>
    scan({}, async (stubs, start) => {
      const handle = await start();
      await waitForStatus(handle, 'AWAITING_REVIEW');
      await handle.cancel();
      await expectCancelled(handle);
      expect(stubs.callsOf('discardStagedDocument')).toHaveLength(1);
      expect(stubs.callsOf('createTransactions')).toHaveLength(0);
      expect(stubs.statusTrail.at(-1)).toBe('CANCELLED');
      const final = await handle.query(progressQuery);
      expect(stage(final, 'review').state).toBe('skipped');
      expect(stage(final, 'post').state).toBe('skipped');
    }));

  it('reject at review dismisses the document, keeps the stored file and skips posting (scan skipped: no scanner)', () =>
    scan({ verdict: 'skipped' }, async (stubs, start) => {
      const handle = await start();
      const atReview = await waitForStatus(handle, 'AWAITING_REVIEW');
      expect(stage(atReview, 'virusScan').detail).toBe('skipped: no scanner');
      await handle.signal(rejectSignal, { userId: randomUUID(), reason: 'not a business expense' });
      const final = await handle.result();
      expect(final.status).toBe('DISMISSED');
      expect(stage(final, 'review')).toMatchObject({ state: 'completed', detail: 'rejected: not a business expense' });
      expect(stage(final, 'post').state).toBe('skipped');
      expect(stubs.callsOf('createTransactions')).toHaveLength(0);
      expect(stubs.callsOf('discardStagedDocument')).toHaveLength(0);
      expect(stubs.statusTrail.at(-1)).toBe('DISMISSED');
    }));

  it('reject in NEEDS_ATTENTION before the file was stored dismisses it and discards the staged bytes', () =>
    scan({ failures: { storeDocument: [unreadable] } }, async (stubs, start) => {
      const handle = await start();
      await waitForStatus(handle, 'NEEDS_ATTENTION');
      await handle.signal(rejectSignal, { userId: randomUUID() });
      const final = await handle.result();
      expect(final).toMatchObject({ status: 'DISMISSED', failedStage: null, error: null });
      expect(stage(final, 'store').state).toBe('failed');
      expect(stubs.callsOf('discardStagedDocument')).toHaveLength(1);
      expect(stubs.statuses.at(-1)).toMatchObject({ status: 'DISMISSED', error: null });
    }));

  it('approve with edits posts them and completes with the transactions created', () =>
    scan({}, async (stubs, start) => {
      const handle = await start();
      await waitForStatus(handle, 'AWAITING_REVIEW');
      const categoryId = randomUUID();
      const input = approval({ vendorName: 'Kedai Kopi', total: { amountMinor: 1250, currency: 'MYR' }, categoryId });
      await handle.executeUpdate(approveUpdate, { args: [input] });
      const final = await handle.result();
      expect(final.status).toBe('COMPLETED');
      expect(final.result).toEqual({
        extractionId: stubs.extractionId,
        docType: 'receipt',
        categoryId,
        transactionIds: stubs.transactionIds,
      });
      expect(stubs.callsOf('createTransactions').map((call) => call.input)).toEqual([
        { ...scanRefOf(final, stubs), extractionId: stubs.extractionId, edits: input.edits, userId: input.userId },
      ]);
      expect(stage(final, 'post').detail).toBe('2 transactions');
    }));

  it('approve twice is a no-op the second time: posting runs once', () =>
    scan({ hold: 'createTransactions' }, async (stubs, start) => {
      const handle = await start();
      await waitForStatus(handle, 'AWAITING_REVIEW');
      await expect(handle.executeUpdate(approveUpdate, { args: [approval()] })).resolves.toEqual({ accepted: true, status: 'POSTING' });
      await stubs.held;
      await expect(handle.executeUpdate(approveUpdate, { args: [approval()] })).resolves.toEqual({ accepted: false, status: 'POSTING' });
      stubs.release();
      expect((await handle.result()).status).toBe('COMPLETED');
      expect(stubs.callsOf('createTransactions')).toHaveLength(1);
    }));

  it('refuses invalid edits in the validator and changes nothing', () =>
    scan({}, async (stubs, start) => {
      const handle = await start();
      const before = await waitForStatus(handle, 'AWAITING_REVIEW');
      await expectUpdateRefused(handle, approval({ total: { amountMinor: 0, currency: 'MYR' } }), 'INVALID_EDITS');
      await expectUpdateRefused(handle, { ...approval(), edits: { color: 'red' } }, 'INVALID_EDITS');
      await expectUpdateRefused(handle, { userId: 'not-a-uuid' }, 'INVALID_EDITS');
      expect(await handle.query(progressQuery)).toEqual(before);
      const history = await handle.fetchHistory();
      expect(history.events?.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
      expect(stubs.callsOf('createTransactions')).toHaveLength(0);
      await handle.executeUpdate(approveUpdate, { args: [approval()] });
      expect((await handle.result()).status).toBe('COMPLETED');
    }));

  it('a posting failure waits in NEEDS_ATTENTION; retry posts again with the same edits', () =>
    scan(
      { failures: { createTransactions: [{ code: 'UNBALANCED', message: 'The total does not match the lines.' }] } },
      async (stubs, start) => {
        const handle = await start();
        await waitForStatus(handle, 'AWAITING_REVIEW');
        const input = approval({ description: 'Team lunch' });
        await handle.executeUpdate(approveUpdate, { args: [input] });
        const parked = await waitForStatus(handle, 'NEEDS_ATTENTION');
        expect(parked).toMatchObject({ failedStage: 'post', error: { code: 'UNBALANCED' } });
        await handle.signal(retrySignal);
        const final = await handle.result();
        expect(final.status).toBe('COMPLETED');
        expect(stage(final, 'post').attempts).toBe(2);
        const posts = stubs.callsOf('createTransactions').map((call) => call.input);
        expect(posts).toHaveLength(2);
        expect(posts[1]).toEqual(posts[0]);
        expect(posts[0]).toMatchObject({ edits: input.edits, userId: input.userId });
      },
    ));

  it('a posting failure is fixed by approving again with corrected edits, which replace the first ones', () =>
    scan(
      { failures: { createTransactions: [{ code: 'CURRENCY_MISMATCH', message: 'Choose an account in AUD.' }] } },
      async (stubs, start) => {
        const handle = await start();
        await waitForStatus(handle, 'AWAITING_REVIEW');
        await handle.executeUpdate(approveUpdate, { args: [approval()] });
        await waitForStatus(handle, 'NEEDS_ATTENTION');
        const corrected = approval({ total: { amountMinor: 4210, currency: 'USD' } });
        await expect(handle.executeUpdate(approveUpdate, { args: [corrected] })).resolves.toEqual({ accepted: true, status: 'POSTING' });
        const final = await handle.result();
        expect(final.status).toBe('COMPLETED');
        const posts = stubs.callsOf('createTransactions').map((call) => call.input);
        expect(posts).toHaveLength(2);
        expect(posts[1]).toMatchObject({ edits: corrected.edits });
        expect(stage(final, 'post').attempts).toBe(2);
      },
    ));

  it('a failure before review cannot be approved away', () =>
    scan({ failures: { ocrDocument: [{ code: 'ENCRYPTED_PDF', message: 'The PDF is password-protected.' }] } }, async (_stubs, start) => {
      const handle = await start();
      await waitForStatus(handle, 'NEEDS_ATTENTION');
      await expectUpdateRefused(handle, approval(), 'NOT_AWAITING_REVIEW');
      await handle.signal(rejectSignal, { userId: approval().userId });
      expect((await handle.result()).status).toBe('DISMISSED');
    }));

  it('marks an unreviewed document stale after 30 days, keeps waiting, and can still be approved', () =>
    scan({}, async (stubs, start) => {
      const handle = await start();
      await waitForStatus(handle, 'AWAITING_REVIEW');
      await env.sleep('29 days');
      expect((await handle.query(progressQuery)).stale).toBe(false);
      await env.sleep('2 days');
      const stale = await waitForProgress(handle, (progress) => progress.stale);
      expect(stale.status).toBe('AWAITING_REVIEW');
      expect(stage(stale, 'review').state).toBe('running');
      expect(stubs.statuses.filter((update) => update.stale)).toEqual([
        expect.objectContaining({ status: 'AWAITING_REVIEW', stale: true }),
      ]);
      await env.sleep('60 days');
      await handle.executeUpdate(approveUpdate, { args: [approval()] });
      const final = await handle.result();
      expect(final).toMatchObject({ status: 'COMPLETED', stale: true });
    }));

  it('a second start for the same document attaches to the running scan', () =>
    scan({}, async (stubs, start) => {
      const input = scanInput();
      const first = await start(input);
      const second = await start(input);
      expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
      await waitForStatus(second, 'AWAITING_REVIEW');
      expect(stubs.callsOf('virusScan')).toHaveLength(1);
      await second.signal(rejectSignal, { userId: randomUUID() });
      expect((await first.result()).status).toBe('DISMISSED');
    }));
});

function scanRefOf(progress: ScanProgress, stubs: StubDocumentActivities) {
  const { tenantId, entityId } = stubs.calls[0]?.input as { tenantId: string; entityId: string };
  return { tenantId, entityId, documentId: progress.documentId };
}
