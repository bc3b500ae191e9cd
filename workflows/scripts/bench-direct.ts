/**
 * The pipeline benchmark's baseline (bench/pipeline.mjs): the document activities the worker runs,
 * called directly in this one process — no Temporal, no API — N documents at a time, each taken
 * through what the API and the workflow do up to AWAITING_REVIEW: stage the bytes and insert the
 * Document row, then virus scan, store, OCR, extract, categorize, with the same status updates.
 * Activities run in the SDK's MockActivityEnvironment, which gives them the Context they read
 * (attempt, heartbeat) and nothing else. Prints one JSON line: seconds and documents per minute.
 *
 *   tsx workflows/scripts/bench-direct.ts --folder <dir with the run's documents> --concurrency 8
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDocumentActivities, type DocumentActivities } from '@akount/activities';
import { scopedToTenant, stagingKey } from '@akount/activities/storage';
import type { DocumentStatus, ScanRef } from '@akount/contracts';
import { demoTenants } from '@akount/db';
import { createLogger } from '@akount/logger';
import { sniffDocument } from '@akount/ocr';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createWorkerResources } from '../src/activity-deps';
import { loadWorkerConfig } from '../src/config';

const { values } = parseArgs({ options: { folder: { type: 'string' }, concurrency: { type: 'string', default: '8' } } });
if (!values.folder) throw new Error('--folder is required');
const folder = values.folder;
const concurrency = Number(values.concurrency);

const config = loadWorkerConfig(process.env);
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const logger = createLogger({ name: 'bench-direct', level: 'warn', pretty: false });
const resources = createWorkerResources(config, logger, config.DATABASE_URL);
const activities = createDocumentActivities(resources.deps);
const demo = demoTenants[0]!;

const mimeTypes = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' } as const;

/** Runs one activity the way the worker would, minus Temporal: it gets an activity Context of its own. */
function call<K extends keyof DocumentActivities>(name: K, ...args: Parameters<DocumentActivities[K]>): ReturnType<DocumentActivities[K]> {
  const fn = activities[name] as (...input: Parameters<DocumentActivities[K]>) => ReturnType<DocumentActivities[K]>;
  return new MockActivityEnvironment({ activityType: name }).run(fn, ...args) as ReturnType<DocumentActivities[K]>;
}

const setStatus = (ref: ScanRef, status: DocumentStatus) => call('setDocumentStatus', { ...ref, status });

/** What the API's upload does before it starts a workflow: stage the bytes and insert the row. */
async function stage(fileName: string): Promise<ScanRef> {
  const bytes = readFileSync(path.join(folder, fileName));
  const kind = sniffDocument(bytes);
  const ref: ScanRef = { tenantId: demo.tenantId, entityId: demo.entityId, documentId: crypto.randomUUID() };
  const key = stagingKey({ ...ref, fileName });
  await scopedToTenant(resources.deps.storage, ref.tenantId).put(key, bytes, { contentType: mimeTypes[kind as keyof typeof mimeTypes] });
  await resources.deps.database.forTenant(ref.tenantId).document.create({
    data: {
      id: ref.documentId,
      tenantId: ref.tenantId,
      entityId: ref.entityId,
      uploadedById: demo.user.id,
      fileName,
      mimeType: mimeTypes[kind as keyof typeof mimeTypes],
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey: key,
      workflowId: `direct/${ref.documentId}`,
    },
  });
  return ref;
}

/** The workflow's path to review, without the workflow. */
async function scan(fileName: string): Promise<void> {
  const ref = await stage(fileName);
  await setStatus(ref, 'SCANNING');
  const scanned = await call('virusScan', ref);
  if (scanned.verdict === 'infected') throw new Error(`${fileName} is infected: ${scanned.signature}`);
  await setStatus(ref, 'STORING');
  await call('storeDocument', ref);
  await setStatus(ref, 'OCR');
  const text = await call('ocrDocument', ref);
  await setStatus(ref, 'EXTRACTING');
  const extraction = await call('extractDocument', {
    ...ref,
    textId: text.textId,
  });
  await setStatus(ref, 'CATEGORIZING');
  await call('categorizeDocument', {
    ...ref,
    extractionId: extraction.extractionId,
  });
  await setStatus(ref, 'AWAITING_REVIEW');
}

const files = readdirSync(folder).sort();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    while (next < files.length) await scan(files[next++]!);
  }),
);
const seconds = (performance.now() - started) / 1000;
await resources.close();
process.stdout.write(`${JSON.stringify({ documents: files.length, concurrency, seconds, perMinute: (files.length / seconds) * 60 })}\n`);
