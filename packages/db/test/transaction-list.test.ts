/**
 * The transactions list on plain pg (`$listTransactions`): it never shows
 * another tenant's rows, whatever ids it is given; its keyset pages walk the
 * whole list exactly once in every sort order; and every filter returns what
 * the same filter returns through the Prisma client.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Prisma, TransactionListQuery, TransactionListRow, TransactionListSort } from '../src/index';
import { createTestDatabase, testDatabaseUrl } from '../src/testing';
import { transactionListStatement, unpackRow } from '../src/transaction-list';
import { createTenantFixture, type TenantFixture } from './factories';

let database: Database;
/** A plain connection as the app role (subject to RLS), to run the list's statement by hand. */
let raw: pg.Client;
let a: TenantFixture;
let b: TenantFixture;
let categoryId: string;
let secondAccountId: string;

const sorts: TransactionListSort[] = ['date_desc', 'date_asc', 'amount_desc', 'amount_asc'];

/** Tenant A's books: ties on date and on amount (so paging must fall back to id), two accounts, one category, soft-deleted rows. */
async function fillTenantA() {
  const db = database.forTenant(a.tenantId);
  const category = await db.category.create({
    data: { tenantId: a.tenantId, entityId: a.entityId, glAccountId: a.glAccountId, name: 'Meals' },
  });
  const card = await db.account.create({
    data: { tenantId: a.tenantId, entityId: a.entityId, glAccountId: a.glAccountId, name: 'Card', type: 'CARD', currency: 'USD' },
  });
  const descriptions = ['Coffee at 50% off', 'Lunch_with client', 'Train ticket', 'COFFEE beans', 'Office rent'];
  await db.transaction.createMany({
    data: Array.from({ length: 37 }, (_, n) => ({
      tenantId: a.tenantId,
      entityId: a.entityId,
      accountId: n % 3 === 0 ? card.id : a.accountId,
      date: new Date(Date.UTC(2026, 1, 1 + (n % 6))),
      description: `${descriptions[n % descriptions.length]} ${n}`,
      amountMinor: BigInt((n % 4) * 500 - 900),
      currency: 'USD',
      categoryId: n % 2 === 0 ? category.id : null,
      deletedAt: n % 10 === 9 ? new Date() : null,
    })),
  });
  return { categoryId: category.id, secondAccountId: card.id };
}

beforeAll(async () => {
  database = createTestDatabase().database;
  a = await createTenantFixture(database, 'Listing');
  b = await createTenantFixture(database, 'Intruder', 5);
  ({ categoryId, secondAccountId } = await fillTenantA());
  raw = new pg.Client({ connectionString: testDatabaseUrl() });
  await raw.connect();
});

afterAll(async () => {
  await Promise.all([database.close(), raw.end()]);
});

const list = (tenantId: string, query: Partial<TransactionListQuery>) =>
  database.forTenant(tenantId).$listTransactions({ sort: 'date_desc', take: 100, ...query });

/** The same list through Prisma, in the API's order (sort key, then id, in one direction). */
async function prismaList(tenantId: string, where: Prisma.TransactionWhereInput, sort: TransactionListSort) {
  const [field, direction] = {
    date_desc: ['date', 'desc'],
    date_asc: ['date', 'asc'],
    amount_desc: ['amountMinor', 'desc'],
    amount_asc: ['amountMinor', 'asc'],
  }[sort] as ['date' | 'amountMinor', 'asc' | 'desc'];
  const rows = await database.forTenant(tenantId).transaction.findMany({
    where: { deletedAt: null, ...where },
    orderBy: [{ [field]: direction }, { id: direction }],
  });
  return rows.map((row) => row.id);
}

const ids = (rows: TransactionListRow[]) => rows.map((row) => row.id);

function cursorAfter(row: TransactionListRow, sort: TransactionListSort): TransactionListQuery['after'] {
  return { value: sort.startsWith('date') ? row.date : BigInt(row.amountMinor), id: row.id };
}

describe('tenant isolation', () => {
  it("returns nothing for another tenant's entity, even when asked by its id", async () => {
    expect(await list(a.tenantId, { entityId: b.entityId })).toEqual([]);
    expect(await list(a.tenantId, { accountId: b.accountId })).toEqual([]);
  });

  it("never shows tenant B's rows to tenant A", async () => {
    const rows = await list(a.tenantId, {});
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => b.transactionIds.includes(row.id))).toBe(false);
    expect(rows.every((row) => row.entityId === a.entityId)).toBe(true);
  });

  it("lists tenant B's own rows for tenant B only", async () => {
    expect(ids(await list(b.tenantId, { entityId: b.entityId })).sort()).toEqual([...b.transactionIds].sort());
  });

  it('refuses to read without a tenant', async () => {
    expect(() => database.forTenant('')).toThrow();
  });
});

describe('the one-statement read keeps row-level security', () => {
  const explicitFilter = 't."tenantId" = scope."tenantId" AND ';
  /** The list's own statement with the explicit tenant filter taken out: only RLS is left to restrict the rows. */
  function rlsOnly(tenantId: string, query: Partial<TransactionListQuery>) {
    const statement = transactionListStatement(tenantId, { sort: 'date_desc', take: 100, ...query });
    expect(statement.text).toContain(explicitFilter);
    return { text: statement.text.replace(explicitFilter, ''), values: statement.values };
  }
  const run = async (statement: { text: string; values: unknown[] }) =>
    (await raw.query<{ row: string }>(statement.text, statement.values)).rows.map((packed) => unpackRow(packed.row));

  it('sets the tenant before the page is read: RLS alone shows a tenant its own rows and nothing else', async () => {
    const own = await run(rlsOnly(b.tenantId, {}));
    expect(own.map((row) => row.id).sort()).toEqual([...b.transactionIds].sort());
    const mine = await run(rlsOnly(a.tenantId, {}));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((row) => row.entityId === a.entityId)).toBe(true);
  });

  it("shows tenant A none of tenant B's rows through RLS alone, even with B's entity id", async () => {
    expect(await run(rlsOnly(a.tenantId, { entityId: b.entityId }))).toEqual([]);
    expect(await run(rlsOnly(a.tenantId, { accountId: b.accountId }))).toEqual([]);
  });

  it('fails closed: without the setting the statement reads no rows', async () => {
    const statement = transactionListStatement(a.tenantId, { entityId: a.entityId, sort: 'date_desc', take: 10 });
    const unset = statement.text.replace(`set_config('app.tenant_id', $1::text, true)`, '$1::text');
    expect(unset).not.toBe(statement.text);
    expect(await run({ text: unset, values: statement.values })).toEqual([]);
  });

  it('leaves no tenant behind on the connection', async () => {
    const single = createTestDatabase({ poolSize: 1 }).database;
    try {
      expect((await single.forTenant(a.tenantId).$listTransactions({ sort: 'date_desc', take: 5 })).length).toBe(5);
      const rows = await single.forUser({ userId: a.tenantId }).$queryRaw<{ setting: string | null }[]>`
        SELECT nullif(current_setting('app.tenant_id', true), '') AS setting`;
      expect(rows[0]!.setting).toBeNull();
    } finally {
      await single.close();
    }
  });

  it('is planned as set_config first, then the page scan on the tenant it set', async () => {
    const statement = transactionListStatement(a.tenantId, { entityId: a.entityId, sort: 'date_desc', take: 51 });
    const plan = JSON.stringify((await raw.query(`EXPLAIN (VERBOSE, FORMAT JSON) ${statement.text}`, statement.values)).rows[0]);
    const root = (JSON.parse(plan) as { 'QUERY PLAN': { Plan: { 'Node Type': string; Plans: { Output?: string[] }[] } }[] })[
      'QUERY PLAN'
    ][0]!.Plan;
    expect(root['Node Type']).toBe('Nested Loop');
    expect(root.Plans[0]!.Output?.join()).toContain('set_config');
    expect(plan).toContain('current_setting');
  });

  it('refuses a page size outside 1–101 rows (it is the one literal in the text)', () => {
    expect(() => transactionListStatement(a.tenantId, { sort: 'date_desc', take: 102 })).toThrow(RangeError);
    expect(() => transactionListStatement(a.tenantId, { sort: 'date_desc', take: 1.5 })).toThrow(RangeError);
  });
});

describe('rows', () => {
  it('reads dates as YYYY-MM-DD, amounts as safe integers and every column of the row', async () => {
    const [row] = await list(a.tenantId, { entityId: a.entityId, sort: 'date_asc', take: 1 });
    const stored = await database.forTenant(a.tenantId).transaction.findUnique({ where: { id: row!.id } });
    expect(row).toEqual({
      id: stored!.id,
      entityId: stored!.entityId,
      accountId: stored!.accountId,
      date: stored!.date.toISOString().slice(0, 10),
      description: stored!.description,
      amountMinor: Number(stored!.amountMinor),
      currency: stored!.currency,
      categoryId: stored!.categoryId,
      vendorId: stored!.vendorId,
      documentId: stored!.documentId,
      journalEntryId: stored!.journalEntryId,
      source: stored!.source,
    });
  });
});

describe('a row travels packed in one text and is checked as it is unpacked', () => {
  const fields = ['t1', 'e1', 'a1', '2026-02-03', '-1250', 'USD', 'c1', 'v1', 'd1', 'j1', 'DOCUMENT'];
  const pack = (values: string[], description: string) => [...values, description].join('\x1f');

  it('keeps a description with separators, quotes, newlines and non-ASCII text whole, and every field in place', () => {
    const description = 'Caf\u00e9 \u2014 "12\x1f34" \\ back\nslash';
    expect(unpackRow(pack(fields, description))).toEqual({
      id: 't1',
      entityId: 'e1',
      accountId: 'a1',
      date: '2026-02-03',
      description,
      amountMinor: -1250,
      currency: 'USD',
      categoryId: 'c1',
      vendorId: 'v1',
      documentId: 'd1',
      journalEntryId: 'j1',
      source: 'DOCUMENT',
    });
  });

  it('reads empty optional ids as null and keeps an empty description', () => {
    const row = unpackRow(pack([...fields.slice(0, 6), '', '', '', '', 'MANUAL'], ''));
    expect([row.categoryId, row.vendorId, row.documentId, row.journalEntryId, row.description]).toEqual([null, null, null, null, '']);
  });

  it('refuses a row with fields missing, a shifted field, an unsafe amount or an unknown source', () => {
    expect(() => unpackRow(fields.slice(0, 5).join('\x1f'))).toThrow(/4 of its 11 fields/);
    expect(() => unpackRow(pack(['t1', 'e1', 'a1', '2026-02-03', 'x', ...fields.slice(4)], 'shifted'))).toThrow();
    expect(() => unpackRow(pack([...fields.slice(0, 4), '9007199254740993', ...fields.slice(5)], 'big'))).toThrow(RangeError);
    expect(() => unpackRow(pack([...fields.slice(0, 10), 'GIFT'], 'odd'))).toThrow(/malformed/);
    expect(() => unpackRow(pack(['', ...fields.slice(1)], 'no id'))).toThrow(/malformed/);
  });

  it('round-trips a stored row with a category, a vendor and a description full of separators through PostgreSQL', async () => {
    const c = await createTenantFixture(database, 'Packing', 0);
    const db = database.forTenant(c.tenantId);
    const category = await db.category.create({
      data: { tenantId: c.tenantId, entityId: c.entityId, glAccountId: c.glAccountId, name: 'Travel' },
    });
    const vendor = await db.vendor.create({
      data: { tenantId: c.tenantId, entityId: c.entityId, name: 'Caf\u00e9 | Bar', normalizedName: 'cafe bar' },
    });
    const description = 'Taxi \u2014 "airport"\x1f|\ttab\nline \u{1F695}';
    const stored = await db.transaction.create({
      data: {
        tenantId: c.tenantId,
        entityId: c.entityId,
        accountId: c.accountId,
        date: new Date('2026-03-04'),
        description,
        amountMinor: -9007199254740991n,
        currency: 'EUR',
        categoryId: category.id,
        vendorId: vendor.id,
        source: 'IMPORT',
      },
    });
    const [row] = await list(c.tenantId, {});
    expect(row).toEqual({
      id: stored.id,
      entityId: c.entityId,
      accountId: c.accountId,
      date: '2026-03-04',
      description,
      amountMinor: -9007199254740991,
      currency: 'EUR',
      categoryId: category.id,
      vendorId: vendor.id,
      documentId: null,
      journalEntryId: null,
      source: 'IMPORT',
    });
  });
});

describe('keyset pages', () => {
  it.each(sorts)('walk the whole list once, in order, sorted %s', async (sort) => {
    const expected = await prismaList(a.tenantId, { entityId: a.entityId }, sort);
    const seen: string[] = [];
    let after: TransactionListQuery['after'];
    for (let page = 0; page < 50; page += 1) {
      const rows = await list(a.tenantId, { entityId: a.entityId, sort, take: 4, after });
      seen.push(...ids(rows));
      if (rows.length < 4) break;
      after = cursorAfter(rows[rows.length - 1]!, sort);
    }
    expect(seen).toEqual(expected);
  });

  it('pages a filtered list too', async () => {
    const expected = await prismaList(a.tenantId, { entityId: a.entityId, categoryId: null }, 'amount_desc');
    const first = await list(a.tenantId, { entityId: a.entityId, uncategorized: true, sort: 'amount_desc', take: 5 });
    const rest = await list(a.tenantId, {
      entityId: a.entityId,
      uncategorized: true,
      sort: 'amount_desc',
      after: cursorAfter(first[first.length - 1]!, 'amount_desc'),
    });
    expect([...ids(first), ...ids(rest)]).toEqual(expected);
  });
});

describe('filters match the Prisma client', () => {
  const cases: [string, Partial<TransactionListQuery>, Prisma.TransactionWhereInput][] = [
    ['no filter (the whole tenant)', {}, {}],
    ['entity', { entityId: 'E' }, { entityId: 'E' }],
    ['account', { accountId: 'CARD' }, { accountId: 'CARD' }],
    ['category', { categoryId: 'CAT' }, { categoryId: 'CAT' }],
    ['uncategorized (wins over a category)', { categoryId: 'CAT', uncategorized: true }, { categoryId: null }],
    ['date range', { from: '2026-02-02', to: '2026-02-04' }, { date: { gte: new Date('2026-02-02'), lte: new Date('2026-02-04') } }],
    ['text, case-insensitive', { q: 'coffee' }, { description: { contains: 'coffee', mode: 'insensitive' } }],
    [
      'everything at once',
      { entityId: 'E', accountId: 'BANK', uncategorized: true, from: '2026-02-01', q: 'e' },
      {
        entityId: 'E',
        accountId: 'BANK',
        categoryId: null,
        date: { gte: new Date('2026-02-01') },
        description: { contains: 'e', mode: 'insensitive' },
      },
    ],
  ];
  const resolve = <T extends object>(value: T): T =>
    JSON.parse(
      JSON.stringify(value)
        .replaceAll('"E"', JSON.stringify(a.entityId))
        .replaceAll('"CARD"', JSON.stringify(secondAccountId))
        .replaceAll('"BANK"', JSON.stringify(a.accountId))
        .replaceAll('"CAT"', JSON.stringify(categoryId)),
      (key, raw: unknown) => (key === 'gte' || key === 'lte' ? new Date(raw as string) : raw),
    ) as T;

  it.each(cases)('%s', async (_name, query, where) => {
    for (const sort of sorts) {
      const expected = await prismaList(a.tenantId, resolve(where), sort);
      expect(expected.length, 'a filter case that matches nothing proves little').toBeGreaterThan(0);
      expect(ids(await list(a.tenantId, { ...resolve(query), sort }))).toEqual(expected);
    }
  });

  it('treats % and _ in the text as themselves, not as wildcards', async () => {
    expect((await list(a.tenantId, { q: '50%' })).map((row) => row.description.startsWith('Coffee at 50% off'))).not.toContain(false);
    expect((await list(a.tenantId, { q: 'Lunch_with' })).length).toBeGreaterThan(0);
    expect(await list(a.tenantId, { q: 'Lunch%client' })).toEqual([]);
    expect(await list(a.tenantId, { q: 'Lunch_xith' })).toEqual([]);
  });

  it('honours the page size', async () => {
    expect(await list(a.tenantId, { entityId: a.entityId, take: 3 })).toHaveLength(3);
  });
});
