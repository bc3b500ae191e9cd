/**
 * The document scan end to end on the Temporal dev server `npm test` started, with the real
 * activities in an in-process worker: real PostgreSQL, real clamd (a one-signature test database),
 * storage on the folder driver and on a real S3-compatible server (SeaweedFS), the local engines,
 * and the fake Mistral failing with 429 three times before it answers.
 */
import './quiet-runtime';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createDocumentActivities, type DocumentActivityDeps } from '@akount/activities';
import { S3Driver, type StorageDriver } from '@akount/activities/storage';
import type { DocumentStatus, ScanProgress, ScanRef } from '@akount/contracts';
import { FAKE_API_KEY, startFakeMistral, type FakeMistral } from '@akount/mistral/fake';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestClamd, eicar, type TestClamd } from '../../activities/test/clamd-server';
import { createHarness, devSet, devSetTruth, stageDocument, type Harness } from '../../activities/test/documents-harness';
import { s3DriverOptions, startTestSeaweedfs, type TestSeaweedfs } from '../../activities/test/seaweedfs-server';
import { createBooksFixture, type BooksFixture } from '../../packages/db/test/factories';
import { approveUpdate, documentScanWorkflowId, documentScanWorkflowType, progressQuery } from '../src/document-scan/contract';
import { devServerAddress } from './support';

const workflowsPath = fileURLToPath(new URL('../src/index.ts', import.meta.url));

let clamd: TestClamd;
let seaweed: TestSeaweedfs;
let mistral: FakeMistral;
let folder: Harness;
let s3: Harness;
let books: BooksFixture;
let connection: NativeConnection;
let clientConnection: Connection;
let client: Client;
const workers: { worker: Worker; running: Promise<void> }[] = [];

async function startWorker(taskQueue: string, deps: DocumentActivityDeps) {
  const worker = await Worker.create({ connection, taskQueue, workflowsPath, activities: createDocumentActivities(deps) });
  workers.push({ worker, running: worker.run() });
}

beforeAll(async () => {
  [clamd, seaweed, mistral] = await Promise.all([startTestClamd(), startTestSeaweedfs(), startFakeMistral()]);
  const clamdTarget = { socket: clamd.socket, timeoutMs: 10_000 };
  folder = createHarness({ clamd: clamdTarget });
  const bucket: StorageDriver = new S3Driver(s3DriverOptions(seaweed));
  s3 = createHarness({
    clamd: clamdTarget,
    storage: bucket,
    mistral: {
      apiKey: FAKE_API_KEY,
      baseUrl: mistral.url,
      ocrModel: 'mistral-ocr-latest',
      chatModel: 'mistral-large-latest',
      timeoutMs: 10_000,
    },
  });
  books = await createBooksFixture(folder.database, 'Scan integration');
  connection = await NativeConnection.connect({ address: devServerAddress() });
  clientConnection = await Connection.connect({ address: devServerAddress() });
  client = new Client({ connection: clientConnection });
  await startWorker(`scan-folder-${process.pid}`, folder.deps);
  await startWorker(`scan-s3-${process.pid}`, s3.deps);
}, 240_000);

afterAll(async () => {
  for (const { worker } of workers) worker.shutdown();
  await Promise.allSettled(workers.map(({ running }) => running));
  await Promise.allSettled([connection?.close(), clientConnection?.close()]);
  await Promise.allSettled([folder?.close(), s3?.close(), mistral?.close(), clamd?.stop(), seaweed?.stop()]);
}, 60_000);

const tenantOf = () => ({ tenantId: books.tenantId, entityId: books.entityId, userId: books.userId, accountId: books.bankAccountId });

async function startScan(ref: ScanRef, taskQueue: string): Promise<WorkflowHandle> {
  return client.workflow.start(documentScanWorkflowType, {
    workflowId: documentScanWorkflowId(ref.documentId),
    taskQueue,
    args: [{ tenantId: ref.tenantId, entityId: ref.entityId, documentId: ref.documentId }],
  });
}

async function waitForStatus(handle: WorkflowHandle, statuses: DocumentStatus[], timeoutMs = 60_000): Promise<ScanProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await handle.query(progressQuery);
    if (statuses.includes(progress.status)) return progress;
    if (Date.now() > deadline) throw new Error(`still ${progress.status} after ${timeoutMs} ms: ${JSON.stringify(progress.stages)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('document scan on the dev server with real activities', () => {
  it('reads a receipt PDF to review, posts it on approval with one edited field, balanced', async () => {
    const truth = devSetTruth('r001-usd-grocery-till');
    const ref = await stageDocument(folder, tenantOf(), devSet('r001-usd-grocery-till.pdf'), 'till receipt.pdf');
    const handle = await startScan(ref, `scan-folder-${process.pid}`);

    const review = await waitForStatus(handle, ['AWAITING_REVIEW', 'NEEDS_ATTENTION']);
    expect(review.status).toBe('AWAITING_REVIEW');
    expect(review.stages.find((stage) => stage.name === 'virusScan')?.detail).toMatch(/clean/);
    const extraction = await folder.database
      .forTenant(ref.tenantId)
      .documentExtraction.findFirstOrThrow({ where: { id: review.result.extractionId! } });
    expect((extraction.data as { total: { value: { amountMinor: number } } }).total.value.amountMinor).toBe(truth.totalMinor);
    const row = await folder.database.forTenant(ref.tenantId).document.findFirstOrThrow({ where: { id: ref.documentId } });
    expect(row.status).toBe('AWAITING_REVIEW');
    expect(row.storageKey).toContain('/documents/');
    expect(await folder.storage.exists(ref.stagedKey)).toBe(false);

    const approved = await handle.executeUpdate(approveUpdate, {
      args: [{ edits: { description: 'Weekly groceries' }, userId: books.userId }],
    });
    expect(approved).toEqual({ accepted: true, status: 'POSTING' });
    const done = (await handle.result()) as ScanProgress;
    expect(done.status).toBe('COMPLETED');
    expect(done.result.transactionIds).toHaveLength(1);

    const db = folder.database.forTenant(ref.tenantId);
    const transaction = await db.transaction.findFirstOrThrow({ where: { documentId: ref.documentId } });
    expect(transaction.description).toBe('Weekly groceries');
    expect(transaction.amountMinor).toBe(-BigInt(truth.totalMinor!));
    const lines = await db.journalLine.findMany({ where: { journalEntryId: transaction.journalEntryId! } });
    const debits = lines.reduce((sum, line) => sum + line.debitMinor, 0n);
    const credits = lines.reduce((sum, line) => sum + line.creditMinor, 0n);
    expect(debits).toBe(BigInt(truth.totalMinor!));
    expect(credits).toBe(debits);
    expect((await db.document.findFirstOrThrow({ where: { id: ref.documentId } })).status).toBe('COMPLETED');
  });

  it('rejects an infected upload: REJECTED, the staged bytes gone, nothing stored under documents/', async () => {
    const ref = await stageDocument(folder, tenantOf(), eicar, 'invoice.pdf');
    const handle = await startScan(ref, `scan-folder-${process.pid}`);
    const done = (await handle.result()) as ScanProgress;
    expect(done.status).toBe('REJECTED');
    expect(done.error?.code).toBe('INFECTED');
    expect(done.stages.filter((stage) => stage.state === 'completed').map((stage) => stage.name)).toEqual(['virusScan']);
    expect(await folder.storage.exists(ref.stagedKey)).toBe(false);
    const stored = await folder.storage.list(`${ref.tenantId}/${ref.entityId}/documents/`);
    expect(stored.filter((key) => key.includes(ref.documentId))).toEqual([]);
    const row = await folder.database.forTenant(ref.tenantId).document.findFirstOrThrow({ where: { id: ref.documentId } });
    expect(row).toMatchObject({ status: 'REJECTED', errorCode: 'INFECTED' });
  });

  it('stores in S3 and rides out Mistral answering 429 three times: the scan completes and the attempts show', async () => {
    mistral.setBehaviour({ failures: [{ kind: 'rate-limit', endpoint: 'ocr', times: 3, retryAfterSeconds: 1 }] });
    const ref = await stageDocument(s3, tenantOf(), devSet('r025-gbp-cafe-clean.png'), `cafe-${randomUUID().slice(0, 8)}.png`);
    const handle = await startScan(ref, `scan-s3-${process.pid}`);

    const review = await waitForStatus(handle, ['AWAITING_REVIEW', 'NEEDS_ATTENTION'], 90_000);
    expect(review.status).toBe('AWAITING_REVIEW');
    expect(review.stages.find((stage) => stage.name === 'ocr')).toMatchObject({ state: 'completed', attempts: 4 });
    const ocrCalls = mistral.calls.filter((call) => call.endpoint === 'ocr');
    expect(ocrCalls.map((call) => call.status)).toEqual([429, 429, 429, 200]);
    // Retry-After: 1 s was honoured between the attempts.
    for (let i = 1; i < ocrCalls.length; i += 1) expect(ocrCalls[i]!.startedAt - ocrCalls[i - 1]!.startedAt).toBeGreaterThanOrEqual(900);

    const row = await s3.database.forTenant(ref.tenantId).document.findFirstOrThrow({ where: { id: ref.documentId } });
    expect(row.engine).toBe('mistral');
    expect(await s3.storage.exists(row.storageKey)).toBe(true);
    expect(await s3.storage.exists(ref.stagedKey)).toBe(false);
    const usage = await s3.database.forTenant(ref.tenantId).aiUsage.findMany({ where: { documentId: ref.documentId } });
    expect(usage.map((entry) => entry.operation).sort()).toEqual(expect.arrayContaining(['extract', 'ocr']));
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    expect((await s3.database.forTenant(ref.tenantId).document.findFirstOrThrow({ where: { id: ref.documentId } })).status).toBe(
      'CANCELLED',
    );
  });
});
