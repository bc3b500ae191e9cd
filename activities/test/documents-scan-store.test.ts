/**
 * The first stages and the bookkeeping activities on real parts: a real clamd (test signature
 * database), local-folder storage and PostgreSQL. Virus verdicts, the staging → documents
 * promotion and its crash-safe retries, the tenant guard on storage keys, the status mirror and
 * the discard that must never touch a promoted document.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../src';
import { documentKey } from '../src/storage';
import { ClamdError } from '../src/virus-scan/clamd';
import { eicar, startTestClamd, testSignature, type TestClamd } from './clamd-server';
import {
  createHarness,
  createScanTenant,
  devSet,
  documentRow,
  expectPermanent,
  failureOf,
  inActivity,
  stageDocument,
  storedBytes,
  type Harness,
  type ScanTenant,
} from './documents-harness';

let clamd: TestClamd;
let harness: Harness;
let tenant: ScanTenant;
let other: ScanTenant;

beforeAll(async () => {
  clamd = await startTestClamd();
  harness = createHarness({ clamd: { socket: clamd.socket, timeoutMs: 20_000 } });
  tenant = await createScanTenant(harness.database);
  other = await createScanTenant(harness.database);
}, 90_000);
afterAll(async () => {
  await harness?.close();
  await clamd?.stop();
});

const activities = () => createDocumentActivities(harness.deps);

describe('virusScan', () => {
  it('passes a clean receipt and names the scanner', async () => {
    const ref = await stageDocument(harness, tenant, devSet('r001-usd-grocery-till.pdf'), 'till.pdf');
    expect(await inActivity(activities().virusScan, [ref], { attempt: 2 })).toEqual({ attempt: 2, verdict: 'clean', scanner: 'clamd' });
  });

  it('reports EICAR as infected with its signature, as a verdict rather than a failure', async () => {
    const ref = await stageDocument(harness, tenant, eicar, 'invoice.pdf');
    const result = await inActivity(activities().virusScan, [ref]);
    expect(result).toEqual({ attempt: 1, verdict: 'infected', signature: testSignature, scanner: 'clamd' });
    expect(await harness.storage.exists(ref.stagedKey)).toBe(true);
  });

  it('says skipped when no scanner is configured', async () => {
    const ref = await stageDocument(harness, tenant, eicar, 'unscanned.pdf');
    const unscanned = createDocumentActivities({ ...harness.deps, clamd: undefined });
    expect(await inActivity(unscanned.virusScan, [ref])).toEqual({ attempt: 1, verdict: 'skipped', scanner: 'no scanner configured' });
  });

  it('fails permanently when clamd refuses the file, and retryably when clamd is down', async () => {
    const ref = await stageDocument(harness, tenant, randomBytes(13 * 1024 * 1024), 'huge.pdf');
    // clamd answers "size limit exceeded" and closes; now and then our next write sees the reset
    // before the answer arrives, which the client reports as unavailable. Temporal would retry.
    let error: unknown;
    let attempt = 0;
    do {
      attempt += 1;
      error = await failureOf(inActivity(activities().virusScan, [ref], { attempt }));
      if (error instanceof ClamdError) expect(error.kind).toBe('unavailable');
    } while (error instanceof ClamdError && attempt < 5);
    expectPermanent(error, 'SCAN_REFUSED', attempt);

    const down = createDocumentActivities({ ...harness.deps, clamd: { host: '127.0.0.1', port: 1, timeoutMs: 2_000 } });
    expect(await failureOf(inActivity(down.virusScan, [ref]))).toMatchObject({ name: 'ClamdError', kind: 'unavailable' });
  }, 60_000);

  it("refuses a row that points at another tenant's staged upload", async () => {
    const theirs = await stageDocument(harness, other, devSet('r001-usd-grocery-till.pdf'), 'theirs.pdf');
    const mine = await stageDocument(harness, tenant, eicar, 'mine.pdf');
    await harness.database
      .forTenant(tenant.tenantId)
      .document.update({ where: { id: mine.documentId }, data: { storageKey: theirs.stagedKey } });
    expectPermanent(await failureOf(inActivity(activities().virusScan, [mine])), 'STORAGE_KEY_REFUSED');
    expectPermanent(await failureOf(inActivity(activities().storeDocument, [mine])), 'STORAGE_KEY_REFUSED');
    expect(await harness.storage.exists(theirs.stagedKey)).toBe(true);
  });
});

describe('storeDocument', () => {
  it('promotes the upload under documents/{year}, records the key and removes the staged copy; a rerun changes nothing', async () => {
    const bytes = devSet('r025-gbp-cafe-clean.png');
    const ref = await stageDocument(harness, tenant, bytes, 'Café Receipt.PNG');
    const before = await documentRow(harness, ref);
    const expected = documentKey({ ...ref, uploadedAt: before.createdAt, fileName: 'Café Receipt.PNG' });
    expect(expected).toContain(`/documents/${before.createdAt.getUTCFullYear()}/${ref.documentId}-cafe-receipt.png`);

    const first = await inActivity(activities().storeDocument, [ref]);
    expect(first).toEqual({ attempt: 1, storageKey: expected });
    expect((await documentRow(harness, ref)).storageKey).toBe(expected);
    expect(await storedBytes(harness, expected)).toEqual(bytes);
    expect(await harness.storage.exists(ref.stagedKey)).toBe(false);

    const again = await inActivity(activities().storeDocument, [ref], { attempt: 2 });
    expect(again).toEqual({ attempt: 2, storageKey: expected });
    expect(await harness.storage.list(`${ref.tenantId}/${ref.entityId}/`)).toContain(expected);
    expect(await storedBytes(harness, expected)).toEqual(bytes);
  });

  it('finishes the job after a crash between copy and row update, and after one between row update and delete', async () => {
    const bytes = devSet('r001-usd-grocery-till.pdf');
    const copied = await stageDocument(harness, tenant, bytes, 'copied.pdf');
    const row = await documentRow(harness, copied);
    const target = documentKey({ ...copied, uploadedAt: row.createdAt, fileName: 'copied.pdf' });
    await harness.storage.copy(copied.stagedKey, target);
    expect(await inActivity(activities().storeDocument, [copied])).toMatchObject({ storageKey: target });
    expect(await harness.storage.exists(copied.stagedKey)).toBe(false);
    expect((await documentRow(harness, copied)).storageKey).toBe(target);

    const recorded = await stageDocument(harness, tenant, bytes, 'recorded.pdf');
    const recordedRow = await documentRow(harness, recorded);
    const recordedTarget = documentKey({ ...recorded, uploadedAt: recordedRow.createdAt, fileName: 'recorded.pdf' });
    await harness.storage.copy(recorded.stagedKey, recordedTarget);
    await harness.database
      .forTenant(recorded.tenantId)
      .document.update({ where: { id: recorded.documentId }, data: { storageKey: recordedTarget } });
    expect(await inActivity(activities().storeDocument, [recorded])).toMatchObject({ storageKey: recordedTarget });
    expect(await harness.storage.exists(recorded.stagedKey)).toBe(false);
    expect(await storedBytes(harness, recordedTarget)).toEqual(bytes);
  });

  it('fails permanently when the staged upload is gone and was never promoted', async () => {
    const ref = await stageDocument(harness, tenant, eicar, 'gone.pdf');
    await harness.storage.delete(ref.stagedKey);
    expectPermanent(await failureOf(inActivity(activities().storeDocument, [ref], { attempt: 3 })), 'FILE_MISSING', 3);
  });
});

describe('discardStagedDocument', () => {
  it('deletes a staged upload, twice without complaint', async () => {
    const ref = await stageDocument(harness, tenant, eicar, 'infected.pdf');
    await inActivity(activities().discardStagedDocument, [ref]);
    expect(await harness.storage.exists(ref.stagedKey)).toBe(false);
    await inActivity(activities().discardStagedDocument, [ref]);
  });

  it('never deletes a promoted document', async () => {
    const ref = await stageDocument(harness, tenant, devSet('r001-usd-grocery-till.pdf'), 'kept.pdf');
    const { storageKey } = await inActivity(activities().storeDocument, [ref]);
    await inActivity(activities().discardStagedDocument, [ref]);
    expect(await harness.storage.exists(storageKey)).toBe(true);
    expect((await documentRow(harness, ref)).storageKey).toBe(storageKey);
  });
});

describe('setDocumentStatus', () => {
  it('mirrors status and error, keeps the first staleAt and completedAt, and clears the error when the scan moves on', async () => {
    const ref = await stageDocument(harness, tenant, eicar, 'status.pdf');
    const { setDocumentStatus } = activities();
    const error = { code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected.' };

    await inActivity(setDocumentStatus, [{ ...ref, status: 'NEEDS_ATTENTION', error }]);
    expect(await documentRow(harness, ref)).toMatchObject({
      status: 'NEEDS_ATTENTION',
      errorCode: error.code,
      errorMessage: error.message,
    });
    await inActivity(setDocumentStatus, [{ ...ref, status: 'NEEDS_ATTENTION' }]);
    expect(await documentRow(harness, ref)).toMatchObject({ errorCode: error.code });

    await inActivity(setDocumentStatus, [{ ...ref, status: 'AWAITING_REVIEW', error: null, stale: true }]);
    const stale = await documentRow(harness, ref);
    expect(stale).toMatchObject({ status: 'AWAITING_REVIEW', errorCode: null, errorMessage: null });
    expect(stale.staleAt).toBeInstanceOf(Date);
    await inActivity(setDocumentStatus, [{ ...ref, status: 'AWAITING_REVIEW', stale: true }]);
    expect((await documentRow(harness, ref)).staleAt).toEqual(stale.staleAt);

    await inActivity(setDocumentStatus, [{ ...ref, status: 'COMPLETED' }]);
    const completed = await documentRow(harness, ref);
    expect(completed.status).toBe('COMPLETED');
    expect(completed.completedAt).toBeInstanceOf(Date);
    await inActivity(setDocumentStatus, [{ ...ref, status: 'COMPLETED' }]);
    expect((await documentRow(harness, ref)).completedAt).toEqual(completed.completedAt);
  });

  it("cannot touch another tenant's document", async () => {
    const theirs = await stageDocument(harness, other, eicar, 'theirs.pdf');
    const error = await failureOf(
      inActivity(activities().setDocumentStatus, [{ ...theirs, tenantId: tenant.tenantId, status: 'COMPLETED' }]),
    );
    expectPermanent(error, 'DOCUMENT_NOT_FOUND');
    expect((await documentRow(harness, theirs)).status).toBe('QUEUED');
  });
});
