/**
 * The posting activity against real PostgreSQL inside Temporal's MockActivityEnvironment: what an
 * approved receipt or statement writes to the books, that the review's edits win, that posting is
 * idempotent on the document (also under concurrent calls), and which approvals it refuses.
 */
import type { PostResult, ReviewEdits } from '@akount/contracts';
import type { Database } from '@akount/db';
import { createTestDatabase } from '@akount/db/testing';
import { createLogger } from '@akount/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountFixture, createBooksFixture, createDocumentFixture, type BooksFixture } from '../../packages/db/test/factories';
import { createTransactionsActivity } from '../src/documents/post';
import { activityEnvironment } from './documents-harness';

const logger = createLogger({ name: 'post-test', level: 'silent', pretty: false });
let database: Database;

beforeAll(() => {
  database = createTestDatabase().database;
});
afterAll(() => database?.close());

const field = <T>(value: T) => ({ value, confidence: 0.9 });

function receipt(options: { vendor?: string; totalMinor?: number | null; currency?: string; date?: string | null } = {}) {
  const currency = options.currency ?? 'USD';
  const totalMinor = options.totalMinor === undefined ? 2_450 : options.totalMinor;
  const date = options.date === undefined ? '2026-03-04' : options.date;
  return {
    engine: 'local',
    docType: field('receipt'),
    vendorName: field(options.vendor ?? 'Corner Bistro'),
    date: date === null ? null : field(date),
    currency: field(currency),
    total: totalMinor === null ? null : field({ amountMinor: totalMinor, currency }),
    checks: [],
  };
}

function statement(rows: [string, string, number][], mask = '****4821') {
  return {
    engine: 'local',
    docType: field('bank_statement'),
    currency: field('USD'),
    statement: {
      accountMask: field(mask),
      rows: rows.map(([date, description, amountMinor]) => ({
        date: field(date),
        description: field(description),
        amount: field({ amountMinor, currency: 'USD' }),
      })),
    },
    checks: [],
  };
}

interface Posting {
  books: BooksFixture;
  documentId: string;
  run(edits?: ReviewEdits): Promise<PostResult>;
}

async function approved(books: BooksFixture, data: object, document: { categoryId?: string; accountId?: string } = {}): Promise<Posting> {
  const { documentId, extractionId } = await createDocumentFixture(database, books, data, document);
  const activity = createTransactionsActivity({ database, logger });
  const ref = { tenantId: books.tenantId, entityId: books.entityId, documentId, extractionId, userId: books.userId };
  return {
    books,
    documentId,
    run: (edits = {}) => activityEnvironment({ attempt: 2 }).run(activity, { ...ref, edits }),
  };
}

async function transactionsOf(books: BooksFixture, documentId: string) {
  return database.forTenant(books.tenantId).transaction.findMany({
    where: { documentId },
    include: { journalEntry: { include: { lines: true } }, vendor: true },
    orderBy: { date: 'asc' },
  });
}

function expectBalanced(lines: { debitMinor: bigint; creditMinor: bigint }[], magnitude: bigint) {
  const debits = lines.reduce((sum, line) => sum + line.debitMinor, 0n);
  const credits = lines.reduce((sum, line) => sum + line.creditMinor, 0n);
  expect(debits).toBe(credits);
  expect(debits).toBe(magnitude);
}

describe('createTransactions: receipts and invoices', () => {
  it('posts one transaction with a balanced journal entry on the default card account and creates the vendor', async () => {
    const books = await createBooksFixture(database, 'Receipt');
    const cardId = await createAccountFixture(database, books, { type: 'CARD', currency: 'USD' });
    await createAccountFixture(database, books, { type: 'CASH', currency: 'USD' });
    const posting = await approved(books, receipt({ vendor: 'Corner  Bistro' }), { categoryId: books.categoryIds.get('Meals') });

    const result = await posting.run();
    expect(result).toMatchObject({ attempt: 2, skippedDuplicates: 0, alreadyPosted: false });
    const [row, ...more] = await transactionsOf(books, posting.documentId);
    expect(more).toHaveLength(0);
    expect(result.transactionIds).toEqual([row!.id]);
    expect(row).toMatchObject({
      accountId: cardId,
      amountMinor: -2_450n,
      currency: 'USD',
      source: 'DOCUMENT',
      description: 'Corner  Bistro',
      categoryId: books.categoryIds.get('Meals'),
    });
    expect(row!.date.toISOString().slice(0, 10)).toBe('2026-03-04');
    expect(row!.vendor).toMatchObject({ name: 'Corner  Bistro', normalizedName: 'corner bistro' });
    const lines = row!.journalEntry!.lines;
    expectBalanced(lines, 2_450n);
    expect(lines.find((line) => line.debitMinor > 0n)!.glAccountId).toBe(books.glByCode.get('6100'));
    expect(lines.find((line) => line.creditMinor > 0n)!.glAccountId).toBe(books.glByCode.get('2100'));

    const db = database.forTenant(books.tenantId);
    expect(await db.document.findFirstOrThrow({ where: { id: posting.documentId } })).toMatchObject({
      accountId: cardId,
      categoryId: books.categoryIds.get('Meals'),
      docType: 'RECEIPT',
    });
    const audit = await db.auditLog.findMany({ where: { resourceId: posting.documentId } });
    expect(audit).toEqual([expect.objectContaining({ action: 'document.approved', userId: books.userId, resourceType: 'Document' })]);

    // A second receipt from the same vendor reuses the vendor.
    const again = await approved(books, receipt({ vendor: 'CORNER BISTRO', date: '2026-03-05' }));
    await again.run();
    expect(await db.vendor.count({ where: { entityId: books.entityId, normalizedName: 'corner bistro' } })).toBe(1);
  });

  it("applies the review's edits (total, date, category, account, vendor, description) and saves them as a review version", async () => {
    const books = await createBooksFixture(database, 'Edits');
    const cashId = await createAccountFixture(database, books, { type: 'CASH', currency: 'EUR' });
    const posting = await approved(books, receipt({ totalMinor: 999, date: null }), { categoryId: books.categoryIds.get('Meals') });

    const edits: ReviewEdits = {
      total: { amountMinor: 12_345, currency: 'EUR' },
      date: '2026-01-31',
      categoryId: books.categoryIds.get('Travel')!,
      accountId: cashId,
      vendorName: 'Gare de Lyon Taxis',
      description: 'Taxi to the client',
    };
    await posting.run(edits);
    const [row] = await transactionsOf(books, posting.documentId);
    expect(row).toMatchObject({
      accountId: cashId,
      amountMinor: -12_345n,
      currency: 'EUR',
      categoryId: books.categoryIds.get('Travel'),
      description: 'Taxi to the client',
    });
    expect(row!.date.toISOString().slice(0, 10)).toBe('2026-01-31');
    expect(row!.vendor!.name).toBe('Gare de Lyon Taxis');
    expectBalanced(row!.journalEntry!.lines, 12_345n);

    const versions = await database
      .forTenant(books.tenantId)
      .documentExtraction.findMany({ where: { documentId: posting.documentId }, orderBy: { version: 'asc' } });
    expect(versions.map((version) => [version.version, version.engine])).toEqual([
      [1, 'local'],
      [2, 'review'],
    ]);
    expect(versions[1]!.data).toMatchObject({
      date: { value: '2026-01-31', confidence: 1 },
      total: { value: { amountMinor: 12_345, currency: 'EUR' }, confidence: 1 },
      vendorName: { value: 'Gare de Lyon Taxis' },
    });
  });

  it('clears the category when the review sets it to null, posting to Uncategorized', async () => {
    const books = await createBooksFixture(database, 'Clear');
    const posting = await approved(books, receipt(), { categoryId: books.categoryIds.get('Meals') });
    await posting.run({ categoryId: null });
    const [row] = await transactionsOf(books, posting.documentId);
    expect(row!.categoryId).toBeNull();
    expect(row!.journalEntry!.lines.find((line) => line.debitMinor > 0n)!.glAccountId).toBe(books.glByCode.get('6900'));
  });

  it('is idempotent on the document: a second run and concurrent runs write one transaction', async () => {
    const books = await createBooksFixture(database, 'Idempotent');
    const posting = await approved(books, receipt());
    const first = await posting.run();
    const second = await posting.run({ total: { amountMinor: 1, currency: 'USD' } });
    expect(second).toEqual({ ...first, alreadyPosted: true });
    expect(await transactionsOf(books, posting.documentId)).toHaveLength(1);

    const racing = await approved(books, receipt({ date: '2026-03-09' }));
    const results = await Promise.all([racing.run(), racing.run(), racing.run()]);
    const rows = await transactionsOf(books, racing.documentId);
    expect(rows).toHaveLength(1);
    expect(results.map((result) => result.transactionIds)).toEqual([[rows[0]!.id], [rows[0]!.id], [rows[0]!.id]]);
    expect(results.filter((result) => !result.alreadyPosted)).toHaveLength(1);
    expect(await database.forTenant(books.tenantId).auditLog.count({ where: { resourceId: racing.documentId } })).toBe(1);
  });

  it('refuses a receipt without a date or a total, with a permanent failure naming what to add', async () => {
    const books = await createBooksFixture(database, 'Missing');
    const noDate = await approved(books, receipt({ date: null }));
    await expect(noDate.run()).rejects.toMatchObject({ type: 'NEEDS_DATE', nonRetryable: true, details: [{ attempt: 2 }] });
    const noTotal = await approved(books, receipt({ totalMinor: null }));
    await expect(noTotal.run()).rejects.toMatchObject({
      type: 'NEEDS_TOTAL',
      nonRetryable: true,
      message: expect.stringContaining('total'),
    });
    expect(await transactionsOf(books, noDate.documentId)).toHaveLength(0);
    expect(await database.forTenant(books.tenantId).auditLog.count({ where: { resourceId: noDate.documentId } })).toBe(0);

    // Adding them at review is enough.
    expect((await noDate.run({ date: '2026-02-02' })).transactionIds).toHaveLength(1);
  });

  it("refuses another tenant's account, an account in another currency, and a currency without an account", async () => {
    const other = await createBooksFixture(database, 'Stranger');
    const books = await createBooksFixture(database, 'Guarded');
    const posting = await approved(books, receipt());
    await expect(posting.run({ accountId: other.bankAccountId })).rejects.toMatchObject({ type: 'ACCOUNT_NOT_FOUND', nonRetryable: true });

    const euro = await createAccountFixture(database, books, { type: 'BANK', currency: 'EUR', name: 'Euro account' });
    await expect(posting.run({ accountId: euro })).rejects.toMatchObject({
      type: 'CURRENCY_MISMATCH',
      message: 'This document is in USD but the account "Euro account" is in EUR; choose an account in USD.',
    });

    const yen = await approved(books, receipt({ currency: 'JPY', totalMinor: 1_200 }));
    await expect(yen.run()).rejects.toMatchObject({ type: 'NO_ACCOUNT', message: expect.stringContaining('JPY') });
    expect(await database.forTenant(books.tenantId).transaction.count({ where: { entityId: books.entityId } })).toBe(0);
    expect(await database.forTenant(other.tenantId).transaction.count()).toBe(0);
  });
});

describe('createTransactions: bank statements', () => {
  it("posts each row with its signed amount on the mask's account, skipping duplicates and excluded rows", async () => {
    const books = await createBooksFixture(database, 'Statement');
    const matching = await createAccountFixture(database, books, { type: 'BANK', currency: 'USD', mask: '4821', name: 'Operating' });
    const db = database.forTenant(books.tenantId);
    await db.transaction.create({
      data: {
        tenantId: books.tenantId,
        entityId: books.entityId,
        accountId: matching,
        date: new Date('2026-02-02T00:00:00Z'),
        description: 'starbucks  store 1234',
        amountMinor: -560n,
        currency: 'USD',
      },
    });
    const posting = await approved(
      books,
      statement([
        ['2026-02-01', 'UBER *TRIP', -1_850],
        ['2026-02-02', 'STARBUCKS STORE 1234', -560],
        ['2026-02-02', 'STARBUCKS STORE 1234', -560],
        ['2026-02-03', 'CLIENT PAYMENT NORTHWIND', 250_000],
        ['2026-02-04', 'CARD REFUND', 1_000],
      ]),
    );

    const result = await posting.run({ excludeRows: [4] });
    expect(result).toMatchObject({ skippedDuplicates: 1, alreadyPosted: false });
    const rows = await transactionsOf(books, posting.documentId);
    expect(result.transactionIds.sort()).toEqual(rows.map((row) => row.id).sort());
    expect(rows.map((row) => [row.description, row.amountMinor, row.accountId, row.source, row.externalId])).toEqual([
      ['UBER *TRIP', -1_850n, matching, 'IMPORT', `doc:${posting.documentId}:0`],
      ['STARBUCKS STORE 1234', -560n, matching, 'IMPORT', `doc:${posting.documentId}:2`],
      ['CLIENT PAYMENT NORTHWIND', 250_000n, matching, 'IMPORT', `doc:${posting.documentId}:3`],
    ]);
    expect(rows.map((row) => row.categoryId)).toEqual([books.categoryIds.get('Travel'), books.categoryIds.get('Meals'), null]);
    for (const row of rows) expectBalanced(row.journalEntry!.lines, row.amountMinor < 0n ? -row.amountMinor : row.amountMinor);
    const income = rows[2]!.journalEntry!.lines.find((line) => line.debitMinor > 0n)!;
    expect(income.glAccountId).toBe(books.glByCode.get('1010'));

    // Another statement overlapping this one adds only the new lines.
    const next = await approved(
      books,
      statement([
        ['2026-02-03', 'Client payment  Northwind', 250_000],
        ['2026-02-05', 'RENT FEBRUARY', -120_000],
      ]),
    );
    expect(await next.run()).toMatchObject({ skippedDuplicates: 1 });
    expect(await transactionsOf(books, next.documentId)).toMatchObject([
      { description: 'RENT FEBRUARY', categoryId: books.categoryIds.get('Rent') },
    ]);
  });

  it('uses the only account in the currency when no mask matches, and asks for a choice when several could', async () => {
    const books = await createBooksFixture(database, 'Choose');
    const only = await approved(books, statement([['2026-02-01', 'ATM WITHDRAWAL', -2_000]], '****0000'));
    await only.run();
    expect(await transactionsOf(books, only.documentId)).toMatchObject([{ accountId: books.bankAccountId }]);

    await createAccountFixture(database, books, { type: 'BANK', currency: 'USD', mask: '7777' });
    const ambiguous = await approved(books, statement([['2026-02-01', 'ATM WITHDRAWAL', -3_000]], '****0000'));
    await expect(ambiguous.run()).rejects.toMatchObject({ type: 'ACCOUNT_REQUIRED', nonRetryable: true });
    expect((await ambiguous.run({ accountId: books.bankAccountId })).transactionIds).toHaveLength(1);
  });
});
