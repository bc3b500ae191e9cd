/**
 * Test support for the document activities: the real test database, a local-folder storage in a
 * temp directory (or the driver a test passes), the local engines, a tenant factory (member, entity in a chosen country and
 * currency, one bank account) and a document factory that stages an upload the way the API does
 * (bytes at the staging key, a QUEUED Document row). Activities run inside Temporal's
 * MockActivityEnvironment, which gives them a real activity Context (attempt, heartbeats, cancel).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { ScanRef } from '@akount/contracts';
import type { Database } from '@akount/db';
import { createTestDatabase } from '@akount/db/testing';
import { createLogger } from '@akount/logger';
import { LocalDocumentReader } from '@akount/ocr';
import type { Info } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { expect } from 'vitest';
import type { DocumentActivityDeps } from '../src/documents/deps';
import { LocalFolderDriver, stagingKey, type StorageDriver } from '../src/storage';

export const devSet = (file: string) => readFileSync(new URL(`../../fixtures/dev-set/${file}`, import.meta.url));
export const devSetTruth = (id: string) => JSON.parse(devSet(`${id}.truth.json`).toString('utf8')) as DevSetTruth;

export interface DevSetTruth {
  docType: string;
  vendorName: string | null;
  date: string | null;
  currency: string;
  totalMinor: number | null;
  statement: { openingMinor: number; closingMinor: number; rows: { date: string; amountMinor: number }[] } | null;
}

export interface Harness {
  database: Database;
  storage: StorageDriver;
  reader: LocalDocumentReader;
  deps: DocumentActivityDeps;
  close(): Promise<void>;
}

export function createHarness(overrides: Partial<DocumentActivityDeps> = {}): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'akount-documents-'));
  const { database } = createTestDatabase();
  const storage =
    overrides.storage ??
    new LocalFolderDriver({
      rootDir: dir,
      signingSecret: 'documents-test-signing-secret-0123456789',
      downloadBaseUrl: 'http://127.0.0.1:1/api/storage/download',
    });
  const reader = new LocalDocumentReader({ maxPdfPages: 20 });
  const logger = createLogger({ name: 'documents-test', level: 'silent', pretty: false });
  return {
    database,
    storage,
    reader,
    deps: { database, storage, reader, maxPdfPages: 20, logger, ...overrides },
    async close() {
      await Promise.allSettled([reader.close(), database.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ScanTenant {
  tenantId: string;
  entityId: string;
  userId: string;
  accountId: string;
}

/** A tenant with one member and an entity in `country`/`currency` that has one bank account in `currency`. */
export async function createScanTenant(database: Database, country = 'US', currency = 'USD'): Promise<ScanTenant> {
  const tenantId = randomUUID();
  const userId = randomUUID();
  await database
    .forUser({ userId })
    .user.create({ data: { id: userId, clerkUserId: `user_${userId}`, email: `${userId.slice(0, 8)}@scan.example`, name: 'Scanner' } });
  return database.forTenant(tenantId).$tenantTransaction(async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: `Scan ${tenantId.slice(0, 8)}` } });
    await tx.tenantUser.create({ data: { tenantId, userId, role: 'OWNER' } });
    const entity = await tx.entity.create({ data: { tenantId, name: 'Scan Ltd', functionalCurrency: currency, country } });
    const gl = await tx.gLAccount.create({ data: { tenantId, entityId: entity.id, code: '1010', name: 'Bank', type: 'ASSET' } });
    const account = await tx.account.create({
      data: { tenantId, entityId: entity.id, glAccountId: gl.id, name: 'Bank', type: 'BANK', currency },
    });
    return { tenantId, entityId: entity.id, userId, accountId: account.id };
  });
}

const mimeTypes: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  csv: 'text/csv',
  ofx: 'application/x-ofx',
};

/** An upload as the API leaves it: bytes at the staging key, a QUEUED row pointing at them. */
export async function stageDocument(
  harness: Harness,
  tenant: ScanTenant,
  bytes: Buffer,
  fileName: string,
): Promise<ScanRef & { stagedKey: string }> {
  const documentId = randomUUID();
  const ref = { tenantId: tenant.tenantId, entityId: tenant.entityId, documentId };
  const stagedKey = stagingKey({ ...ref, fileName });
  const mimeType = mimeTypes[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream';
  const { sha256 } = await harness.storage.put(stagedKey, bytes, { contentType: mimeType });
  await harness.database.forTenant(tenant.tenantId).document.create({
    data: {
      id: documentId,
      tenantId: tenant.tenantId,
      entityId: tenant.entityId,
      uploadedById: tenant.userId,
      fileName,
      mimeType,
      sizeBytes: bytes.length,
      // A digest per document: the same fixture may be uploaded to one entity more than once here.
      sha256: createHash('sha256').update(sha256).update(documentId).digest('hex'),
      storageKey: stagedKey,
      status: 'QUEUED',
    },
  });
  return { ...ref, stagedKey };
}

export function documentRow(harness: Harness, ref: ScanRef) {
  return harness.database.forTenant(ref.tenantId).document.findFirstOrThrow({ where: { id: ref.documentId } });
}

export async function storedBytes(harness: Harness, key: string): Promise<Buffer> {
  return buffer(await harness.storage.get(key));
}

/** An activity context whose SDK log lines (every expected failure is one) stay out of the test output. */
export function activityEnvironment(info: Partial<Info> = {}): MockActivityEnvironment {
  return new MockActivityEnvironment(info, { logger: new DefaultLogger('ERROR') });
}

/** `env.run` with the activity's own result type. */
export function runIn<A extends unknown[], R>(env: MockActivityEnvironment, fn: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  return env.run(fn, ...args) as Promise<R>;
}

/** Runs one activity call in a fresh activity context (attempt 1 unless told). */
export function inActivity<A extends unknown[], R>(fn: (...args: A) => Promise<R>, args: A, info: Partial<Info> = {}): Promise<R> {
  return runIn(activityEnvironment(info), fn, ...args);
}

/** What the activity threw; fails the test when it succeeded. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  expect(outcome.ok, 'the activity should have failed').toBe(false);
  return outcome.ok ? undefined : outcome.error;
}

/** Asserts a permanent failure per the contract (types.ts) and returns it. */
export function expectPermanent(error: unknown, code: string, attempt = 1): ApplicationFailure {
  expect(error).toBeInstanceOf(ApplicationFailure);
  const failure = error as ApplicationFailure;
  expect(failure.type).toBe(code);
  expect(failure.nonRetryable).toBe(true);
  expect(failure.details?.[0]).toEqual({ attempt });
  return failure;
}
