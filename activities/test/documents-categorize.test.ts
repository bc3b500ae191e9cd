/**
 * The categorize activity against real PostgreSQL (and the fake Mistral for the AI step), inside
 * Temporal's MockActivityEnvironment: the chain's order, what it records on the Document, and that
 * one tenant's rules and vendors never decide for another.
 */
import type { CategorizeResult } from '@akount/contracts';
import type { Database } from '@akount/db';
import { createTestDatabase } from '@akount/db/testing';
import { createLogger } from '@akount/logger';
import { FAKE_API_KEY, startFakeMistral, type FakeChatRequest, type FakeMistral } from '@akount/mistral/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBooksFixture, createDocumentFixture, type BooksFixture } from '../../packages/db/test/factories';
import { categorizeDocumentActivity } from '../src/documents/categorize';
import { activityEnvironment } from './documents-harness';

const logger = createLogger({ name: 'categorize-test', level: 'silent', pretty: false });
let database: Database;

beforeAll(() => {
  database = createTestDatabase().database;
});
afterAll(() => database?.close());

const field = <T>(value: T) => ({ value, confidence: 0.9 });

function receipt(vendor: string | null, totalMinor: number | null, items: string[] = []) {
  return {
    engine: 'local',
    docType: field('receipt'),
    vendorName: vendor === null ? null : field(vendor),
    date: field('2026-03-04'),
    currency: field('USD'),
    total: totalMinor === null ? null : field({ amountMinor: totalMinor, currency: 'USD' }),
    lineItems: items.map((description) => ({ description: field(description), amount: field({ amountMinor: 100, currency: 'USD' }) })),
    checks: [],
  };
}

function statement(rows: [string, number][]) {
  return {
    engine: 'local',
    docType: field('bank_statement'),
    currency: field('USD'),
    statement: {
      accountMask: field('****4821'),
      rows: rows.map(([description, amountMinor], day) => ({
        date: field(`2026-02-${String(day + 1).padStart(2, '0')}`),
        description: field(description),
        amount: field({ amountMinor, currency: 'USD' }),
      })),
    },
    checks: [],
  };
}

async function categorize(
  books: BooksFixture,
  data: object,
  mistral?: FakeMistral,
  attempt = 1,
): Promise<CategorizeResult & { documentId: string }> {
  const { documentId, extractionId } = await createDocumentFixture(database, books, data);
  const deps = {
    database,
    logger,
    mistral: mistral && {
      apiKey: FAKE_API_KEY,
      baseUrl: mistral.url,
      ocrModel: 'mistral-ocr-latest',
      chatModel: 'mistral-large-latest',
      timeoutMs: 5_000,
    },
  };
  const env = activityEnvironment({ attempt });
  const result: CategorizeResult = await env.run(categorizeDocumentActivity(deps), {
    tenantId: books.tenantId,
    entityId: books.entityId,
    documentId,
    extractionId,
  });
  return { ...result, documentId };
}

async function storedDecision(books: BooksFixture, documentId: string) {
  return database.forTenant(books.tenantId).document.findFirstOrThrow({
    where: { id: documentId },
    select: { categoryId: true, categorizedBy: true, categorizationReason: true },
  });
}

const category = (books: BooksFixture, name: string) => books.categoryIds.get(name)!;

describe('categorizeDocument', () => {
  it('lets a rule beat vendor history, and vendor history beat the keyword map, and records who decided', async () => {
    const books = await createBooksFixture(database, 'Chain');
    const db = database.forTenant(books.tenantId);
    const base = { tenantId: books.tenantId, entityId: books.entityId };
    const rule = await db.categorizationRule.create({
      data: { ...base, categoryId: category(books, 'Office supplies'), field: 'VENDOR', match: 'CONTAINS', pattern: 'SHELL' },
    });
    const vendor = await db.vendor.create({
      data: { ...base, name: 'Shell Station 42', normalizedName: 'shell station 42', defaultCategoryId: category(books, 'Meals') },
    });
    const data = receipt('Shell  Station 42', 4_500, ['Unleaded 95']);

    const byRule = await categorize(books, data, undefined, 3);
    expect(byRule).toMatchObject({ attempt: 3, decidedBy: 'rule', categoryId: category(books, 'Office supplies') });
    expect(byRule.reason).toBe('rule (priority 100): vendor contains "SHELL" → Office supplies');
    expect(await storedDecision(books, byRule.documentId)).toEqual({
      categoryId: category(books, 'Office supplies'),
      categorizedBy: 'rule',
      categorizationReason: byRule.reason,
    });

    await db.categorizationRule.update({ where: { id: rule.id }, data: { deletedAt: new Date() } });
    const byVendor = await categorize(books, data);
    expect(byVendor).toMatchObject({ decidedBy: 'vendor', categoryId: category(books, 'Meals') });
    expect(byVendor.reason).toContain('Shell Station 42');

    await db.vendor.update({ where: { id: vendor.id }, data: { deletedAt: new Date() } });
    const byKeyword = await categorize(books, data);
    expect(byKeyword).toMatchObject({ decidedBy: 'keyword', categoryId: category(books, 'Travel') });
    expect(byKeyword.reason).toBe('keyword "shell" → Travel');
    expect((await storedDecision(books, byKeyword.documentId)).categorizedBy).toBe('keyword');
  });

  it('applies amount ranges on the total and takes the lowest priority number first', async () => {
    const books = await createBooksFixture(database, 'Ranges');
    const db = database.forTenant(books.tenantId);
    const base = { tenantId: books.tenantId, entityId: books.entityId, field: 'DESCRIPTION' as const, pattern: 'amazon' };
    await db.categorizationRule.createMany({
      data: [
        { ...base, categoryId: category(books, 'Software'), match: 'STARTS_WITH', priority: 50 },
        { ...base, categoryId: category(books, 'Office supplies'), match: 'CONTAINS', priority: 10, minAmountMinor: 10_000n },
        { ...base, categoryId: category(books, 'Advertising'), match: 'EQUALS', priority: 20, maxAmountMinor: 500n },
      ],
    });

    const large = await categorize(books, receipt('Amazon Marketplace', 25_000));
    expect(large).toMatchObject({ decidedBy: 'rule', categoryId: category(books, 'Office supplies') });
    expect(large.reason).toContain('amount at least 100.00 USD');

    const small = await categorize(books, receipt('Amazon Marketplace', 1_999));
    expect(small).toMatchObject({ decidedBy: 'rule', categoryId: category(books, 'Software') });

    const tinyExact = await categorize(books, receipt('AMAZON', 400));
    expect(tinyExact).toMatchObject({ decidedBy: 'rule', categoryId: category(books, 'Advertising') });

    const noTotal = await categorize(books, receipt('Amazon Marketplace', null));
    expect(noTotal).toMatchObject({ decidedBy: 'rule', categoryId: category(books, 'Software') });
  });

  it("uses the vendor's default category, else the most frequent category of its transactions", async () => {
    const books = await createBooksFixture(database, 'Vendors');
    const db = database.forTenant(books.tenantId);
    const base = { tenantId: books.tenantId, entityId: books.entityId };
    await db.vendor.create({ data: { ...base, name: 'Figma', normalizedName: 'figma', defaultCategoryId: category(books, 'Rent') } });
    const bistro = await db.vendor.create({ data: { ...base, name: 'Corner Bistro', normalizedName: 'corner bistro' } });
    for (const [name, day] of [
      ['Professional fees', 1],
      ['Professional fees', 2],
      ['Travel', 3],
    ] as const) {
      await db.transaction.create({
        data: {
          ...base,
          accountId: books.bankAccountId,
          date: new Date(Date.UTC(2026, 0, day)),
          description: 'Corner Bistro',
          amountMinor: -1_000n,
          currency: 'USD',
          vendorId: bistro.id,
          categoryId: category(books, name),
        },
      });
    }

    const byDefault = await categorize(books, receipt('FIGMA', 1_500, ['Design software subscription']));
    expect(byDefault).toMatchObject({ decidedBy: 'vendor', categoryId: category(books, 'Rent') });

    const byHistory = await categorize(books, receipt('corner   bistro', 2_000, ['Lunch']));
    expect(byHistory).toMatchObject({ decidedBy: 'vendor', categoryId: category(books, 'Professional fees') });
    expect(byHistory.reason).toBe('vendor "Corner Bistro": 2 of 3 earlier transactions were Professional fees');
  });

  it('reads keywords in French, German and Spanish receipts, and only for categories the entity has', async () => {
    const books = await createBooksFixture(database, 'Keywords');
    expect(await categorize(books, receipt('Boulangerie Pâtisserie Dupont', 850, ['Croissant', 'Café crème']))).toMatchObject({
      decidedBy: 'keyword',
      categoryId: category(books, 'Meals'),
    });
    expect(await categorize(books, receipt('ARAL Tankstelle Köln', 6_230, ['Super E10']))).toMatchObject({
      decidedBy: 'keyword',
      categoryId: category(books, 'Travel'),
    });
    expect(await categorize(books, receipt('Papelería Martínez', 1_240, ['Bolígrafo azul', 'Cuaderno A4']))).toMatchObject({
      decidedBy: 'keyword',
      categoryId: category(books, 'Office supplies'),
    });
    // "bar" is a word, not a prefix: a barber is no restaurant.
    expect(await categorize(books, receipt('Barbershop Deluxe', 3_000, ['Haircut']))).toMatchObject({
      decidedBy: 'none',
      categoryId: null,
    });

    await database
      .forTenant(books.tenantId)
      .category.update({ where: { id: category(books, 'Meals') }, data: { deletedAt: new Date(), name: 'Meals (old)' } });
    expect(await categorize(books, receipt('Café de Flore', 1_200, ['Espresso']))).toMatchObject({ decidedBy: 'none', categoryId: null });
  });

  it("asks Mistral, constrained to the entity's category names, when nothing else decided, and records its usage", async () => {
    const books = await createBooksFixture(database, 'Mistral');
    const requests: FakeChatRequest[] = [];
    const fake = await startFakeMistral({
      chatAnswer: (request) => {
        requests.push(request);
        const text = JSON.stringify(request.messages);
        return text.includes('Zyxwv')
          ? { category: 'Software', reason: 'A cloud tool subscription.' }
          : { category: 'none', reason: 'Unclear.' };
      },
    });
    try {
      const chosen = await categorize(books, receipt('Zyxwv Labs Inc', 4_900, ['Team plan, monthly']), fake);
      expect(chosen).toMatchObject({ decidedBy: 'mistral', categoryId: category(books, 'Software') });
      expect(chosen.reason).toBe('Mistral chose Software: A cloud tool subscription.');
      const allowed = (requests[0]!.schema as { properties: { category: { enum: string[] } } }).properties.category.enum;
      expect([...allowed].sort()).toEqual([...[...books.categoryIds.keys()].filter((name) => name !== 'Uncategorized'), 'none'].sort());

      const usage = await database.forTenant(books.tenantId).aiUsage.findMany({ where: { documentId: chosen.documentId } });
      expect(usage).toHaveLength(1);
      expect(usage[0]).toMatchObject({ provider: 'mistral', operation: 'categorize', model: 'mistral-large-latest' });
      expect(usage[0]!.inputTokens).toBeGreaterThan(0);

      const declined = await categorize(books, receipt('Qqqq Holdings', 700), fake);
      expect(declined).toMatchObject({ decidedBy: 'none', categoryId: null });
      expect(declined.reason).toContain('Mistral found none: Unclear.');
      expect(requests).toHaveLength(2);

      // A keyword decides before Mistral is asked.
      await categorize(books, receipt('Uber', 1_800), fake);
      expect(requests).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it('decides none when nothing matches and Mistral is off', async () => {
    const books = await createBooksFixture(database, 'None');
    const result = await categorize(books, receipt('Qqqq Holdings', 700, ['Item 1']));
    expect(result).toMatchObject({ decidedBy: 'none', categoryId: null, reason: 'no rule, vendor or keyword matched' });
    expect(await storedDecision(books, result.documentId)).toMatchObject({ categorizedBy: 'none', categoryId: null });
  });

  it("never uses another tenant's rules or vendors", async () => {
    const other = await createBooksFixture(database, 'Other');
    const otherDb = database.forTenant(other.tenantId);
    const base = { tenantId: other.tenantId, entityId: other.entityId };
    await otherDb.categorizationRule.create({ data: { ...base, categoryId: category(other, 'Travel'), field: 'VENDOR', pattern: 'acme' } });
    await otherDb.vendor.create({
      data: { ...base, name: 'Acme Widgets', normalizedName: 'acme widgets', defaultCategoryId: category(other, 'Rent') },
    });

    const mine = await createBooksFixture(database, 'Mine');
    const result = await categorize(mine, receipt('Acme Widgets', 1_000));
    expect(result).toMatchObject({ decidedBy: 'none', categoryId: null });
    expect(await categorize(other, receipt('Acme Widgets', 1_000))).toMatchObject({
      decidedBy: 'rule',
      categoryId: category(other, 'Travel'),
    });
  });

  it("categorizes a bank statement row by row and shows the rows' most common category", async () => {
    const books = await createBooksFixture(database, 'Statement');
    await database.forTenant(books.tenantId).categorizationRule.create({
      data: {
        tenantId: books.tenantId,
        entityId: books.entityId,
        categoryId: category(books, 'Rent'),
        field: 'DESCRIPTION',
        pattern: 'parkside',
      },
    });
    const result = await categorize(
      books,
      statement([
        ['UBER *TRIP HELP.UBER.COM', -1_850],
        ['STARBUCKS STORE 1234', -560],
        ['LYFT RIDE THU 8PM', -2_200],
        ['PARKSIDE PROPERTIES', -120_000],
        ['TRANSFER 99812', 50_000],
      ]),
    );
    expect(result).toMatchObject({ decidedBy: 'keyword', categoryId: category(books, 'Travel') });
    expect(result.reason).toBe('most common of the statement rows: 2 of 5 are Travel (4 rows categorized)');
  });
});
