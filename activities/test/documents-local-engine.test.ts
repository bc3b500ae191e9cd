/**
 * OCR and extraction with the local engines on dev-set documents, against PostgreSQL and local
 * storage: a text-layer PDF, a photo, a CSV statement, unreadable PDFs, extraction versions and
 * their retries, and a cancelled OCR that must stop promptly and save nothing.
 */
import { readFileSync } from 'node:fs';
import type { Extraction, ScanRef } from '@akount/contracts';
import { CancelledFailure } from '@temporalio/common';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../src';
import {
  activityEnvironment,
  createHarness,
  createScanTenant,
  devSet,
  devSetTruth,
  documentRow,
  expectPermanent,
  failureOf,
  inActivity,
  runIn,
  stageDocument,
  type Harness,
  type ScanTenant,
} from './documents-harness';

let harness: Harness;
let us: ScanTenant;
let uk: ScanTenant;

beforeAll(async () => {
  harness = createHarness();
  us = await createScanTenant(harness.database, 'US', 'USD');
  uk = await createScanTenant(harness.database, 'GB', 'GBP');
});
afterAll(() => harness?.close());

const activities = () => createDocumentActivities(harness.deps);
const encryptedPdf = () => readFileSync(new URL('../../packages/ocr/test/fixtures/encrypted.pdf', import.meta.url));

/** Upload → store → OCR, as the workflow runs them. */
async function stored(tenant: ScanTenant, file: string, bytes: Buffer = devSet(file)): Promise<ScanRef> {
  const { stagedKey: _staged, ...ref } = await stageDocument(harness, tenant, bytes, file);
  await inActivity(activities().storeDocument, [ref]);
  return ref;
}

async function extractionOf(ref: ScanRef, extractionId: string) {
  const row = await harness.database.forTenant(ref.tenantId).documentExtraction.findFirstOrThrow({ where: { id: extractionId } });
  return { row, data: row.data as unknown as Extraction };
}

function expectFieldsOf(data: Extraction, id: string) {
  const truth = devSetTruth(id);
  expect(data.docType.value).toBe(truth.docType);
  expect(data.vendorName?.value).toBe(truth.vendorName);
  expect(data.date?.value).toBe(truth.date);
  expect(data.total?.value).toEqual({ amountMinor: truth.totalMinor, currency: truth.currency });
}

describe('local OCR and extraction', () => {
  it('reads a text-layer PDF receipt and extracts the fields the truth file lists', async () => {
    const ref = await stored(us, 'r001-usd-grocery-till.pdf');
    const ocr = await inActivity(activities().ocrDocument, [ref]);
    expect(ocr).toMatchObject({ attempt: 1, engine: 'local', kind: 'pdf', pageCount: 1 });
    const text = await harness.database.forTenant(ref.tenantId).documentText.findFirstOrThrow({ where: { documentId: ref.documentId } });
    expect(text).toMatchObject({ id: ocr.textId, engine: 'local', kind: 'pdf', pageCount: 1 });
    expect(await documentRow(harness, ref)).toMatchObject({ pageCount: 1, engine: 'local' });

    const result = await inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }]);
    expect(result).toMatchObject({ attempt: 1, docType: 'receipt' });
    const { row, data } = await extractionOf(ref, result.extractionId);
    expect(row).toMatchObject({ version: 1, engine: 'local', confidence: result.confidence });
    expect(result.confidence).toBeGreaterThan(0.5);
    expectFieldsOf(data, 'r001-usd-grocery-till');
    expect((await documentRow(harness, ref)).docType).toBe('RECEIPT');
  });

  it('reads a photo through Tesseract and extracts exactly what the local reader does with the same hints', async () => {
    const bytes = devSet('r025-gbp-cafe-clean.png');
    const ref = await stored(uk, 'r025-gbp-cafe-clean.png', bytes);
    const env = activityEnvironment();
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => heartbeats.push(details));
    const ocr = await runIn(env, activities().ocrDocument, ref);
    expect(ocr).toMatchObject({ engine: 'local', kind: 'png', pageCount: 1 });
    expect(heartbeats).toContainEqual({ page: 1, method: 'ocr' });

    const result = await inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }]);
    const { data } = await extractionOf(ref, result.extractionId);
    expectFieldsOf(data, 'r025-gbp-cafe-clean');
    const direct = await harness.reader.extract(bytes, 'r025-gbp-cafe-clean.png', { locale: 'en-GB', defaultCurrency: 'GBP' });
    expect(data).toEqual(JSON.parse(JSON.stringify(direct.extraction)));
  });

  it('keeps a CSV statement as text and runs the statement parser on it', async () => {
    const bytes = devSet('s009-usd-csv-signed.csv');
    const ref = await stored(us, 's009-usd-csv-signed.csv', bytes);
    const ocr = await inActivity(activities().ocrDocument, [ref]);
    expect(ocr).toMatchObject({ engine: 'local', kind: 'csv' });
    const text = await harness.database.forTenant(ref.tenantId).documentText.findFirstOrThrow({ where: { id: ocr.textId } });
    expect((text.looks as { text?: string }[])[0]?.text).toBe(bytes.toString('utf8'));

    const result = await inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }]);
    expect(result.docType).toBe('bank_statement');
    const { data } = await extractionOf(ref, result.extractionId);
    const truth = devSetTruth('s009-usd-csv-signed').statement!;
    expect(data.statement?.rows.map((row) => [row.date.value, row.amount.value.amountMinor])).toEqual(
      truth.rows.map((row) => [row.date, row.amountMinor]),
    );
    expect(data.statement?.openingBalance?.value.amountMinor).toBe(truth.openingMinor);
    expect(data.statement?.closingBalance?.value.amountMinor).toBe(truth.closingMinor);
    expect((await documentRow(harness, ref)).docType).toBe('BANK_STATEMENT');
  });

  it("fails permanently, with the reader's code and message, on encrypted and corrupt PDFs", async () => {
    const encrypted = await stored(us, 'locked.pdf', encryptedPdf());
    const failure = expectPermanent(await failureOf(inActivity(activities().ocrDocument, [encrypted], { attempt: 2 })), 'ENCRYPTED_PDF', 2);
    expect(failure.message).toMatch(/^[A-Z].*password/);

    const corrupt = await stored(us, 'torn.pdf', devSet('r001-usd-grocery-till.pdf').subarray(0, 300));
    expectPermanent(await failureOf(inActivity(activities().ocrDocument, [corrupt])), 'CORRUPT_PDF');
    expect(await harness.database.forTenant(us.tenantId).documentText.count({ where: { documentId: corrupt.documentId } })).toBe(0);
  });
});

describe('extraction versions', () => {
  it('returns the saved version when extract is retried on the same text, and adds a version after a new OCR', async () => {
    const ref = await stored(us, 'r001-usd-grocery-till.pdf');
    const db = harness.database.forTenant(ref.tenantId);
    const ocr = await inActivity(activities().ocrDocument, [ref]);
    const first = await inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }]);
    const retried = await inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }], { attempt: 2 });
    expect(retried).toEqual({ ...first, attempt: 2 });
    expect(await db.documentExtraction.count({ where: { documentId: ref.documentId } })).toBe(1);

    const again = await inActivity(activities().ocrDocument, [ref]);
    expect(again.textId).not.toBe(ocr.textId);
    expect(await db.documentText.count({ where: { documentId: ref.documentId } })).toBe(1);
    const second = await inActivity(activities().extractDocument, [{ ...ref, textId: again.textId }]);
    expect(second.extractionId).not.toBe(first.extractionId);
    expect((await extractionOf(ref, second.extractionId)).row.version).toBe(2);
  });

  it('fails permanently when the text it was given is gone', async () => {
    const ref = await stored(us, 'r001-usd-grocery-till.pdf');
    const ocr = await inActivity(activities().ocrDocument, [ref]);
    await inActivity(activities().ocrDocument, [ref]);
    expectPermanent(await failureOf(inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }])), 'TEXT_MISSING');
  });
});

/** A scanned PDF: every page an image, so each one goes through Tesseract (about a second a page). */
async function scannedPdf(pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const png = await pdf.embedPng(devSet('r025-gbp-cafe-clean.png'));
  for (let index = 0; index < pages; index += 1) {
    const page = pdf.addPage([png.width / 2, png.height / 2]);
    page.drawImage(png, { x: 0, y: 0, width: png.width / 2, height: png.height / 2 });
  }
  return Buffer.from(await pdf.save());
}

describe('cancellation', () => {
  it('stops a slow OCR promptly when the scan is cancelled, and saves nothing', async () => {
    const ref = await stored(uk, 'scan.pdf', await scannedPdf(12));
    const env = activityEnvironment();
    const pages: number[] = [];
    const firstPage = new Promise<void>((resolve) =>
      env.on('heartbeat', (details?: { page?: number }) => {
        if (details?.page !== undefined) pages.push(details.page);
        resolve();
      }),
    );
    const running = runIn(env, activities().ocrDocument, ref).then(
      () => undefined,
      (error: unknown) => error,
    );
    await firstPage;
    const cancelledAt = performance.now();
    env.cancel();
    const error = await running;
    expect(error).toBeInstanceOf(CancelledFailure);
    expect(performance.now() - cancelledAt).toBeLessThan(500);
    const pagesAtCancel = pages.length;

    // The page being read when the cancel came finishes in the background; no page after it is read.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(pages.length).toBeLessThanOrEqual(pagesAtCancel + 1);
    expect(await harness.database.forTenant(ref.tenantId).documentText.count({ where: { documentId: ref.documentId } })).toBe(0);
    expect((await documentRow(harness, ref)).pageCount).toBeNull();
  }, 60_000);
});
