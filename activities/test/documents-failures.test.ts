/**
 * How errors reach Temporal (failures.ts) and how a Mistral answer becomes the extraction contract
 * (mistral-extraction.ts): the classification of each error family, a real unreachable database,
 * and the mapping's refusal to invent what the model did not say.
 */
import { Writable } from 'node:stream';
import { extraction } from '@akount/contracts';
import { createDatabase } from '@akount/db';
import { MistralError } from '@akount/mistral';
import { DocumentError } from '@akount/ocr';
import { ApplicationFailure } from '@temporalio/common';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../src';
import { toActivityFailure } from '../src/documents/failures';
import { localeForCountry } from '../src/documents/hints';
import { minorUnits, toExtraction, type MistralExtraction } from '../src/documents/mistral-extraction';
import { StorageError } from '../src/storage';
import { expectPermanent, failureOf, inActivity } from './documents-harness';

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

const classify = (error: unknown, attempt = 1) => {
  const { logger, lines } = capturingLogger();
  return inActivity(async () => ({ thrown: toActivityFailure(error, logger), lines }), [], { attempt });
};

describe('toActivityFailure', () => {
  it('makes Mistral 4xx answers permanent and keeps 5xx retryable', async () => {
    const invalid = new MistralError('Mistral OCR rejected the request (422): body.document: Field required', {
      code: 'validation',
      endpoint: 'ocr',
      retryable: false,
      status: 422,
    });
    const { thrown } = await classify(invalid, 3);
    expectPermanent(thrown, 'MISTRAL_REJECTED', 3);
    expect((thrown as ApplicationFailure).message).toContain('422');

    const outage = new MistralError('Mistral OCR failed on Mistral’s side (502)', {
      code: 'server_error',
      endpoint: 'ocr',
      retryable: true,
    });
    expect((await classify(outage)).thrown).toBe(outage);
  });

  it("gives unreadable files the reader's code and a sentence for the user", async () => {
    const { thrown } = await classify(new DocumentError('TOO_MANY_PAGES', 'this PDF has 60 pages; the limit is 50'));
    expect(expectPermanent(thrown, 'TOO_MANY_PAGES').message).toBe('This PDF has 60 pages; the limit is 50');
  });

  it('retries storage outages and stops on storage answers that will not change', async () => {
    const outage = new StorageError('unavailable', 'SlowDown');
    expect((await classify(outage)).thrown).toBe(outage);
    expectPermanent((await classify(new StorageError('not-found', 'no object'))).thrown, 'FILE_MISSING');
    expectPermanent((await classify(new StorageError('wrong-tenant', 'not yours'))).thrown, 'STORAGE_KEY_REFUSED');
  });

  it('keeps an unknown error retryable and logs it as an error', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const { thrown, lines } = await classify(bug);
    expect(thrown).toBe(bug);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('unexpected error') }));
  });

  it('retries when the database cannot be reached', async () => {
    const { logger, lines } = capturingLogger();
    const database = createDatabase({
      url: 'postgresql://akount:akount@127.0.0.1:1/akount',
      poolSize: 1,
      slowQueryMs: 1000,
      poolWaitWarnMs: 1000,
      logger,
    });
    try {
      const activities = createDocumentActivities({ database, logger } as never);
      const ref = { tenantId: crypto.randomUUID(), entityId: crypto.randomUUID(), documentId: crypto.randomUUID() };
      const error = await failureOf(inActivity(activities.setDocumentStatus, [{ ...ref, status: 'OCR' }]));
      expect(error instanceof ApplicationFailure && error.nonRetryable).toBe(false);
      expect(lines).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringContaining('transient failure') }));
    } finally {
      await database.close();
    }
  });
});

const answer = (overrides: Partial<MistralExtraction>): MistralExtraction => ({
  docType: 'receipt',
  vendorName: null,
  vendorTaxId: null,
  invoiceNumber: null,
  date: null,
  dueDate: null,
  currency: null,
  subtotal: null,
  taxes: [],
  tip: null,
  total: null,
  paymentMethod: null,
  lineItems: [],
  statement: null,
  ...overrides,
});

const usHints = { document: { locale: 'en-US', defaultCurrency: 'USD' }, statement: { locale: 'en-US', defaultCurrency: 'EUR' } };

describe('the Mistral answer as an extraction', () => {
  it('converts amounts to integer minor units of the currency, and refuses what is not an amount', () => {
    expect(minorUnits('1,234.50', 2)).toBe(123450);
    expect(minorUnits('-12.5', 2)).toBe(-1250);
    expect(minorUnits('(7.25)', 2)).toBe(-725);
    expect(minorUnits('1500', 0)).toBe(1500);
    expect(minorUnits('12.50 EUR', 2)).toBeUndefined();
    expect(minorUnits('(7.25', 2)).toBeUndefined();
  });

  it('checks subtotal + tax = total, lowers the money confidence when it fails, and drops dates that are not dates', () => {
    const adds = toExtraction(
      answer({
        currency: 'usd',
        subtotal: '10.00',
        taxes: [{ kind: 'Sales tax', rate: 8, amount: '0.80' }],
        total: '10.80',
        date: '2024-02-30',
      }),
      usHints,
    );
    expect(extraction.parse(adds)).toEqual(adds);
    expect(adds.checks).toEqual([{ name: 'subtotal+tax=total', passed: true }]);
    expect(adds.total).toEqual({ value: { amountMinor: 1080, currency: 'USD' }, confidence: 0.95 });
    expect(adds.date).toBeUndefined();

    const off = toExtraction(answer({ subtotal: '10.00', taxes: [{ kind: 'VAT', rate: 20, amount: '2.00' }], total: '11.00' }), usHints);
    expect(off.checks).toEqual([{ name: 'subtotal+tax=total', passed: false }]);
    expect(off.total!.confidence).toBeLessThan(adds.total!.confidence);
    expect(off.currency).toEqual({ value: 'USD', confidence: 0.5 });
  });

  it("reads a statement in its account's currency and checks that the rows take opening to closing", () => {
    const statement = toExtraction(
      answer({
        docType: 'bank_statement',
        statement: {
          accountName: 'Business Checking',
          accountMask: '4821',
          periodStart: '2024-05-01',
          periodEnd: '2024-05-31',
          openingBalance: '100.00',
          closingBalance: '70.00',
          rows: [
            { date: '2024-05-02', description: 'Coffee', amount: '-5.00', balance: '95.00' },
            { date: '2024-05-03', description: 'Rent', amount: '-25.00', balance: '70.00' },
            { date: 'yesterday', description: 'Unreadable', amount: '-1.00', balance: null },
          ],
        },
      }),
      usHints,
    );
    expect(extraction.parse(statement)).toEqual(statement);
    expect(statement.statement?.rows.map((row) => row.amount.value)).toEqual([
      { amountMinor: -500, currency: 'EUR' },
      { amountMinor: -2500, currency: 'EUR' },
    ]);
    expect(statement.checks).toEqual([{ name: 'statement_balance', passed: true }]);
  });
});

describe('locale hints', () => {
  it('pairs a country with its likely language, so date and separator rules see both', () => {
    expect(localeForCountry('DE')).toBe('de-DE');
    expect(localeForCountry('us')).toBe('en-US');
    expect(localeForCountry('MY')).toBe('ms-MY');
  });
});
