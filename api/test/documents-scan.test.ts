/**
 * The scan as the API shows and steers it, against the Temporal dev server and a worker in this
 * process running the real workflow on stand-in activities (fixtures/scan-activities.ts): status
 * from the live progress query, with the attempts of a stage that keeps retrying; status from the Document row once the workflow has ended; approve, reject, retry and
 * cancel reaching the workflow, and 409 whenever the document is in the wrong state for them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, pngFile, upload } from './fixtures/documents';
import { startStandInWorker, type StandInWorker } from './fixtures/scan-activities';
import { createTenant, createTestApi, type TenantFixture, type TestApi } from './support';

let api: TestApi;
let worker: StandInWorker;
let t: TenantFixture;
const ids = new Set<string>();

beforeAll(async () => {
  const taskQueue = `documents-scan-${randomUUID()}`;
  api = await createTestApi({ TEMPORAL_TASK_QUEUE: taskQueue, RATE_LIMIT_AI_PER_MINUTE: '1000' });
  worker = await startStandInWorker(api.database, api.config.TEMPORAL_ADDRESS ?? '', taskQueue);
  t = await createTenant(api.database, 'Scans');
});

afterAll(async () => {
  const open = [...ids].map((id) => api.temporal.client.workflow.getHandle(`document-scan/${id}`).terminate('test finished'));
  await Promise.allSettled(open);
  await worker?.stop();
  await api?.close();
});

const url = (id: string, path = '') => `/api/services/documents/${id}${path}`;
const status = async (id: string) => {
  const response = await api.as(t.viewer, { method: 'GET', url: url(id, '/status') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const act = (id: string, action: string, payload?: object) =>
  api.as(t.accountant, { method: 'POST', url: url(id, `/${action}`), ...(payload ? { payload } : {}) });

async function uploaded(fileName = 'receipt.png'): Promise<string> {
  const response = await upload(api, t.accountant, await pngFile(fileName));
  expect(response.statusCode, response.body).toBe(202);
  ids.add(response.json().documentId);
  return response.json().documentId;
}

async function reaches(id: string, wanted: string, source: 'workflow' | 'database' = 'workflow') {
  return eventually(async () => {
    const current = await status(id);
    expect(current).toMatchObject({ status: wanted, source });
    return current;
  });
}

describe('status', () => {
  it('comes from the running workflow, then from the database once the scan has ended', async () => {
    const id = await uploaded();
    const waiting = await reaches(id, 'AWAITING_REVIEW');
    expect(waiting.terminal).toBe(false);
    expect(waiting.stages.find((stage: { name: string }) => stage.name === 'virusScan')).toMatchObject({ state: 'completed', attempts: 1 });
    expect(waiting.stages.find((stage: { name: string }) => stage.name === 'review')).toMatchObject({ state: 'running' });

    const approved = await act(id, 'approve', {
      edits: { vendorName: 'Harbour Light Cafe', total: { amountMinor: 732, currency: 'GBP' } },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toEqual({ documentId: id, accepted: true, status: 'POSTING' });

    const done = await reaches(id, 'COMPLETED', 'database');
    expect(done.terminal).toBe(true);
    expect(done.stages.every((stage: { state: string }) => stage.state === 'completed')).toBe(true);
    const audit = await api.database.forTenant(t.tenantId).auditLog.findFirstOrThrow({ where: { resourceId: id, action: 'update' } });
    expect(audit.after).toMatchObject({ decision: 'approve', edits: { vendorName: 'Harbour Light Cafe' } });

    // Approving again (a double click, a retried request) changes nothing and says so.
    const again = await act(id, 'approve', { edits: { vendorName: 'Someone else' } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ documentId: id, accepted: false, status: 'COMPLETED' });
  });

  it('shows the live attempt count and last error of a stage that keeps retrying', async () => {
    worker.troubles.flaky = true;
    try {
      const id = await uploaded('flaky-receipt.png');
      const retrying = await eventually(async () => {
        const current = await status(id);
        const scan = current.stages.find((stage: { name: string }) => stage.name === 'virusScan');
        expect(current).toMatchObject({ source: 'workflow', status: 'SCANNING' });
        expect(scan).toMatchObject({ state: 'running', lastError: { message: expect.stringContaining('clamd is not answering') } });
        expect(scan.attempts).toBeGreaterThanOrEqual(3);
        return current;
      });
      expect(retrying.terminal).toBe(false);
      worker.troubles.flaky = false;
      const recovered = await reaches(id, 'AWAITING_REVIEW');
      expect(recovered.stages[0].attempts).toBeGreaterThanOrEqual(3);
    } finally {
      worker.troubles.flaky = false;
    }
  });
});

describe('review actions', () => {
  it('retries only a scan that needs attention, and resumes it', async () => {
    worker.troubles.broken = true;
    try {
      const id = await uploaded('broken-scan.png');
      const stuck = await reaches(id, 'NEEDS_ATTENTION');
      expect(stuck).toMatchObject({ failedStage: 'virusScan', error: { code: 'UNREADABLE' } });
      const row = await api.database.forTenant(t.tenantId).document.findFirstOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'NEEDS_ATTENTION', errorCode: 'UNREADABLE' });

      const early = await act(id, 'approve', { edits: {} });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toMatch(/awaiting review.*NEEDS_ATTENTION/);
      expect((await act(id, 'reject')).statusCode).toBe(409);

      worker.troubles.broken = false;
      expect((await act(id, 'retry')).statusCode).toBe(202);
      await reaches(id, 'AWAITING_REVIEW');
      expect((await act(id, 'retry')).statusCode).toBe(409);
    } finally {
      worker.troubles.broken = false;
    }
  });

  it('rejects a document awaiting review, once', async () => {
    const id = await uploaded();
    await reaches(id, 'AWAITING_REVIEW');
    const rejected = await act(id, 'reject', { reason: 'personal expense' });
    expect(rejected.statusCode).toBe(202);
    await reaches(id, 'DISMISSED', 'database');
    expect((await act(id, 'reject')).statusCode).toBe(409);
    expect((await act(id, 'approve', { edits: {} })).statusCode).toBe(409);
  });

  it('cancels a scan, after which it is terminal and its file may be uploaded again', async () => {
    const file = await pngFile('cancel-me.png');
    const first = await upload(api, t.accountant, file);
    const id: string = first.json().documentId;
    await reaches(id, 'AWAITING_REVIEW');
    expect((await act(id, 'cancel')).statusCode).toBe(202);
    await reaches(id, 'CANCELLED', 'database');
    expect((await act(id, 'cancel')).statusCode).toBe(409);
    expect((await act(id, 'approve', { edits: {} })).statusCode).toBe(409);
    expect((await act(id, 'retry')).statusCode).toBe(409);
    const again = await upload(api, t.accountant, file);
    expect(again.statusCode).toBe(202);
    ids.add(again.json().documentId);
  });

  it('refuses edits that break the review contract before they reach the workflow', async () => {
    const id = await uploaded();
    const response = await act(id, 'approve', { edits: { total: { amountMinor: 1.5, currency: 'usd' } } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });
});
