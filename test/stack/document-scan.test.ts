/**
 * A document scan through the processes a user runs: the real API and worker (started as
 * `npm start` starts them) on the test PostgreSQL and Temporal, with a real clamd. A receipt photo
 * is uploaded over HTTP, its status followed to review, approved with one edited field and posted;
 * then a scan whose worker is killed mid-OCR completes after a restart, with exactly one transaction.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestClamd, type TestClamd } from '../../activities/test/clamd-server';
import { appProcesses, launch, waitForHealth } from '../../scripts/bootstrap/processes.mjs';
import { requiredEnv as required } from '../support/app-processes';

const ports = { apiPort: 3121, webPort: 3120, workerHealthPort: 3122, web: 'start' as const };
const api = `http://127.0.0.1:${ports.apiPort}`;
const devSet = (file: string) => readFileSync(new URL(`../../fixtures/dev-set/${file}`, import.meta.url));
const definitions = Object.fromEntries(appProcesses(ports).map((definition) => [definition.name, definition]));
const output: string[] = [];
const storageDir = mkdtempSync(path.join(tmpdir(), 'akount-scan-stack-'));
let clamd: TestClamd;
let env: Record<string, string>;
let apiProcess: ReturnType<typeof launch>;
let worker: ReturnType<typeof launch>;
let token: string;

async function startWorker() {
  const handle = launch(definitions.worker!, env, (line: string) => output.push(line));
  await waitForHealth(handle, 120_000);
  return handle;
}

beforeAll(async () => {
  clamd = await startTestClamd();
  env = {
    DATABASE_URL: required('DATABASE_URL'),
    TEMPORAL_ADDRESS: required('TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `stack-scan-${process.pid}`,
    STORAGE_LOCAL_DIR: storageDir,
    CLAMAV_SOCKET: clamd.socket,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  };
  try {
    apiProcess = launch(definitions.api!, env, (line: string) => output.push(line));
    [worker] = await Promise.all([startWorker(), waitForHealth(apiProcess, 120_000)]);
  } catch (error) {
    process.stderr.write(output.slice(-60).join(''));
    throw error;
  }
  const signIn = await fetch(`${api}/api/auth/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clerkUserId: 'dev_ava' }),
  });
  token = ((await signIn.json()) as { token: string }).token;
});

afterAll(async () => {
  await Promise.allSettled([apiProcess?.stop(), worker?.stop()]);
  await clamd?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

const authorized = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

async function upload(bytes: Buffer, fileName: string): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([bytes]), fileName);
  const response = await fetch(`${api}/api/services/documents/upload`, authorized({ method: 'POST', body: form }));
  const body = (await response.json()) as { documentId: string; status: string };
  expect(response.status, JSON.stringify(body)).toBe(202);
  expect(body.status).toBe('QUEUED');
  return body.documentId;
}

interface Status {
  status: string;
  stages: { name: string; state: string; attempts: number }[];
}

async function status(documentId: string): Promise<Status> {
  const response = await fetch(`${api}/api/services/documents/${documentId}/status`, authorized());
  expect(response.status).toBe(200);
  return (await response.json()) as Status;
}

/** Follows the status until it is one of `until`; returns every status seen on the way. */
async function follow(documentId: string, until: string[], timeoutMs = 90_000, onStatus?: (s: Status) => Promise<void> | void) {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await status(documentId);
    if (seen.at(-1) !== current.status) seen.push(current.status);
    await onStatus?.(current);
    if (until.includes(current.status)) return { seen, current };
    if (Date.now() > deadline)
      throw new Error(`document ${documentId} still ${current.status} after ${timeoutMs} ms (seen ${seen.join(' → ')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function approve(documentId: string, edits: object) {
  const response = await fetch(
    `${api}/api/services/documents/${documentId}/approve`,
    authorized({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ edits }) }),
  );
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

async function transactionsOf(documentId: string) {
  const client = new pg.Client({ connectionString: required('AKOUNT_TEST_SUPERUSER_URL') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; description: string; amountMinor: string; debits: string; credits: string }>(
      `SELECT t.id, t.description, t."amountMinor"::text AS "amountMinor",
              sum(l."debitMinor")::text AS debits, sum(l."creditMinor")::text AS credits
         FROM "Transaction" t JOIN "JournalLine" l ON l."journalEntryId" = t."journalEntryId"
        WHERE t."documentId" = $1 GROUP BY t.id`,
      [documentId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** A three-page scan (the same photo on each page): enough OCR work to kill the worker in the middle of it. */
async function scannedPdf(photo: Buffer): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(photo);
  for (let page = 0; page < 3; page += 1) {
    pdf.addPage([image.width, image.height]).drawImage(image, { x: 0, y: 0, width: image.width, height: image.height });
  }
  pdf.setTitle(`scan ${Date.now()}`);
  return Buffer.from(await pdf.save());
}

describe('document scan through the API and the worker', () => {
  it('uploads a receipt photo, follows it to review, approves one edited field and posts a balanced transaction', async () => {
    const documentId = await upload(devSet('r002-usd-restaurant-tip-rotated.png'), 'bistro receipt.png');
    const { seen, current } = await follow(documentId, ['AWAITING_REVIEW', 'NEEDS_ATTENTION', 'REJECTED']);
    expect(current.status).toBe('AWAITING_REVIEW');
    expect(seen.length).toBeGreaterThan(1);
    expect(current.stages.filter((stage) => stage.state === 'completed').map((stage) => stage.name)).toEqual([
      'virusScan',
      'store',
      'ocr',
      'extract',
      'categorize',
    ]);
    const detail = (await (await fetch(`${api}/api/services/documents/${documentId}`, authorized())).json()) as {
      extraction: { data: { total?: { value: { amountMinor: number; currency: string } } } } | null;
    };
    // The receipt's truth (fixtures/dev-set/r002-….truth.json): 170.54 USD.
    expect(detail.extraction?.data.total?.value).toEqual({ amountMinor: 17054, currency: 'USD' });

    await approve(documentId, { description: 'Client dinner' });
    await follow(documentId, ['COMPLETED', 'NEEDS_ATTENTION']);
    expect((await status(documentId)).status).toBe('COMPLETED');
    const posted = await transactionsOf(documentId);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ description: 'Client dinner', amountMinor: '-17054', debits: '17054', credits: '17054' });
  });

  it('finishes a scan whose worker was killed during OCR, after the worker restarts, with exactly one transaction', async () => {
    const documentId = await upload(await scannedPdf(devSet('r025-gbp-cafe-clean.png')), 'three page scan.pdf');
    await follow(documentId, ['OCR'], 90_000);
    // Give the OCR activity a moment to start on the worker, then kill the worker outright.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    worker.child.kill('SIGKILL');
    await new Promise((resolve) => worker.child.once('exit', resolve));
    expect((await status(documentId)).status).toBe('OCR');

    worker = await startWorker();
    const { current } = await follow(documentId, ['AWAITING_REVIEW', 'NEEDS_ATTENTION'], 120_000);
    expect(current.status).toBe('AWAITING_REVIEW');
    expect(current.stages.find((stage) => stage.name === 'ocr')?.attempts).toBeGreaterThanOrEqual(2);

    // The GBP photo goes into USD books here: the reviewer enters what the card was charged.
    await approve(documentId, { total: { amountMinor: 990, currency: 'USD' }, date: '2026-11-20' });
    await follow(documentId, ['COMPLETED', 'NEEDS_ATTENTION']);
    const posted = await transactionsOf(documentId);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ amountMinor: '-990', debits: '990', credits: '990' });
  });
});
