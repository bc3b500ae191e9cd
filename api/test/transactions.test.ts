/**
 * Transactions post balanced journal entries; lists filter, search, sort and
 * page; journal entries and the overview read the same books; another
 * tenant's ids answer 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionPage } from '../src/domains/banking/transactions';
import { createTenant, createTestApi, type TenantFixture, type TestApi } from './support';

let api: TestApi;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  api = await createTestApi();
  a = await createTenant(api.database, 'Ledger');
  b = await createTenant(api.database, 'Other');
});

afterAll(async () => {
  await api.close();
});

const record = (t: TenantFixture, who: string, overrides: Record<string, unknown> = {}) =>
  api.as(who, {
    method: 'POST',
    url: '/api/banking/transactions',
    payload: {
      entityId: t.entityId,
      accountId: t.accountId,
      date: '2026-03-14',
      description: 'Lunch with client',
      amountMinor: -4250,
      currency: 'USD',
      categoryId: t.categoryId,
      ...overrides,
    },
  });

async function linesOf(journalEntryId: string, who: string) {
  const response = await api.as(who, { method: 'GET', url: `/api/accounting/journal-entries/${journalEntryId}` });
  expect(response.statusCode).toBe(200);
  return response.json().lines as { glAccountId: string; debitMinor: number; creditMinor: number }[];
}

describe('manual transactions', () => {
  it('posts money out as a balanced entry: debit the category, credit the bank', async () => {
    const created = await record(a, a.accountant);
    expect(created.statusCode, created.body).toBe(201);
    const transaction = created.json();
    expect(transaction).toMatchObject({ amountMinor: -4250, currency: 'USD', date: '2026-03-14', source: 'MANUAL' });
    const lines = await linesOf(transaction.journalEntryId, a.viewer);
    expect(lines).toContainEqual(expect.objectContaining({ glAccountId: a.expenseGlId, debitMinor: 4250, creditMinor: 0 }));
    expect(lines).toContainEqual(expect.objectContaining({ glAccountId: a.bankGlId, debitMinor: 0, creditMinor: 4250 }));
  });

  it('re-posts the entry when the amount changes, and removes it on delete', async () => {
    const transaction = (await record(a, a.accountant, { description: 'Taxi' })).json();
    const updated = await api.as(a.accountant, {
      method: 'PATCH',
      url: `/api/banking/transactions/${transaction.id}`,
      payload: { amountMinor: -9900 },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const lines = await linesOf(updated.json().journalEntryId, a.viewer);
    expect(lines.reduce((sum, line) => sum + line.debitMinor, 0)).toBe(9900);
    expect(lines.reduce((sum, line) => sum + line.creditMinor, 0)).toBe(9900);
    expect(
      (await api.as(a.viewer, { method: 'GET', url: `/api/accounting/journal-entries/${transaction.journalEntryId}` })).statusCode,
    ).toBe(404);

    expect((await api.as(a.accountant, { method: 'DELETE', url: `/api/banking/transactions/${transaction.id}` })).statusCode).toBe(204);
    expect((await api.as(a.viewer, { method: 'GET', url: `/api/banking/transactions/${transaction.id}` })).statusCode).toBe(404);
    expect(
      (await api.as(a.viewer, { method: 'GET', url: `/api/accounting/journal-entries/${updated.json().journalEntryId}` })).statusCode,
    ).toBe(404);
  });

  it('posts to the uncategorized account when no category is given', async () => {
    const created = await record(a, a.accountant, { categoryId: null, amountMinor: 120000, description: 'Client deposit' });
    expect(created.statusCode).toBe(201);
    const lines = await linesOf(created.json().journalEntryId, a.viewer);
    expect(lines).toContainEqual(expect.objectContaining({ glAccountId: a.bankGlId, debitMinor: 120000 }));
  });

  it('validates amounts, dates and currency', async () => {
    const invalid = await record(a, a.accountant, { amountMinor: 12.5, date: '2026-02-30', currency: 'usd' });
    expect(invalid.statusCode).toBe(400);
    const paths = invalid.json().error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['body.amountMinor', 'body.date', 'body.currency']));
    const wrongCurrency = await record(a, a.accountant, { currency: 'EUR' });
    expect(wrongCurrency.statusCode).toBe(422);
    expect(wrongCurrency.json().error.message).toMatch(/USD/);
  });

  it('answers 401 without a token and 403 for a viewer', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/api/banking/transactions' })).statusCode).toBe(401);
    expect((await record(a, a.viewer)).statusCode).toBe(403);
  });

  it("answers 404 for another tenant's transaction, account and journal entry", async () => {
    const theirs = (await record(b, b.owner)).json();
    expect((await api.as(a.owner, { method: 'GET', url: `/api/banking/transactions/${theirs.id}` })).statusCode).toBe(404);
    expect(
      (await api.as(a.owner, { method: 'PATCH', url: `/api/banking/transactions/${theirs.id}`, payload: { description: 'x' } })).statusCode,
    ).toBe(404);
    expect((await api.as(a.owner, { method: 'DELETE', url: `/api/banking/transactions/${theirs.id}` })).statusCode).toBe(404);
    expect((await api.as(a.owner, { method: 'GET', url: `/api/accounting/journal-entries/${theirs.journalEntryId}` })).statusCode).toBe(
      404,
    );
    expect((await record(a, a.owner, { entityId: b.entityId, accountId: b.accountId })).statusCode).toBe(404);
  });
});

describe('listing transactions', () => {
  beforeAll(async () => {
    for (let day = 1; day <= 7; day += 1) {
      await record(a, a.accountant, { date: `2026-01-0${day}`, description: `Coffee beans batch ${day}`, amountMinor: -(day * 100) });
    }
  });

  it('filters by date range and searches descriptions', async () => {
    const response = await api.as(a.viewer, {
      method: 'GET',
      url: '/api/banking/transactions?from=2026-01-02&to=2026-01-04&q=coffee%20BEANS',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((item: { date: string }) => item.date)).toEqual(['2026-01-04', '2026-01-03', '2026-01-02']);
  });

  it('pages with a cursor without repeating or skipping rows', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/banking/transactions?q=coffee&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await api.as(a.viewer, { method: 'GET', url })).json();
      seen.push(...body.items.map((item: { id: string }) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('answers each listed row exactly as the transaction reads on its own, in the documented shape', async () => {
    const description = 'Caf\u00e9 \u2014 "Corner" \\ bistro\ttab';
    const created = (await record(a, a.accountant, { date: '2025-12-09', description, amountMinor: -123_456_789_012 })).json();
    const body = (await api.as(a.viewer, { method: 'GET', url: '/api/banking/transactions?q=bistro' })).json();
    expect(transactionPage.safeParse(body).success).toBe(true);
    expect(body.items).toHaveLength(1);
    const alone = await api.as(a.viewer, { method: 'GET', url: `/api/banking/transactions/${created.id}` });
    expect(body.items[0]).toEqual(alone.json());
    expect(body.items[0]).toMatchObject({ description, amountMinor: -123_456_789_012, categoryId: a.categoryId, date: '2025-12-09' });
    expect(Object.keys(body.items[0])).toEqual(Object.keys(alone.json()));
  });

  it('sorts by amount', async () => {
    const body = (await api.as(a.viewer, { method: 'GET', url: '/api/banking/transactions?q=coffee&sort=amount_asc&limit=2' })).json();
    expect(body.items.map((item: { amountMinor: number }) => item.amountMinor)).toEqual([-700, -600]);
  });

  it('refuses a search with a NUL character as a validation error, not a 500 (schemathesis found it)', async () => {
    const response = await api.as(a.viewer, { method: 'GET', url: '/api/banking/transactions?q=a%00b' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: 'Text must not contain NUL characters' } });
  });

  it('rejects a malformed cursor and an out-of-range limit', async () => {
    expect((await api.as(a.viewer, { method: 'GET', url: '/api/banking/transactions?cursor=%%%' })).statusCode).toBe(400);
    expect((await api.as(a.viewer, { method: 'GET', url: '/api/banking/transactions?limit=1000' })).statusCode).toBe(400);
  });

  it('refuses a cursor whose sort value was tampered with, or that belongs to another sort order', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify([value, 'some-id'])).toString('base64url');
    const get = (query: string) => api.as(a.viewer, { method: 'GET', url: `/api/banking/transactions?${query}` });
    expect((await get(`cursor=${cursor('2026-13-45')}`)).statusCode).toBe(400);
    expect((await get(`cursor=${cursor('yesterday')}`)).statusCode).toBe(400);
    expect((await get(`sort=amount_desc&cursor=${cursor(1.5)}`)).statusCode).toBe(400);
    expect((await get(`sort=amount_desc&cursor=${cursor(1e300)}`)).statusCode).toBe(400);
    expect((await get(`sort=amount_desc&cursor=${cursor('2026-01-01')}`)).statusCode).toBe(422);
  });

  it("lists nothing of another tenant's entity, even by its id", async () => {
    await record(b, b.owner, { description: 'Coffee for the other tenant' });
    const response = await api.as(a.viewer, { method: 'GET', url: `/api/banking/transactions?entityId=${b.entityId}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], nextCursor: null });
    const own = (await api.as(a.viewer, { method: 'GET', url: '/api/banking/transactions?q=coffee&limit=100' })).json();
    expect(own.items.every((item: { entityId: string }) => item.entityId === a.entityId)).toBe(true);
  });
});

describe('overview', () => {
  it('sums cash per account and income/expense per month from the same books', async () => {
    const response = await api.as(a.viewer, { method: 'GET', url: `/api/overview?entityId=${a.entityId}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const transactions = (
      await api.as(a.viewer, { method: 'GET', url: `/api/banking/transactions?entityId=${a.entityId}&limit=100` })
    ).json().items as {
      amountMinor: number;
    }[];
    const net = transactions.reduce((sum, item) => sum + item.amountMinor, 0);
    expect(body.cashByAccount).toEqual([expect.objectContaining({ accountId: a.accountId, balanceMinor: 100_000 + net })]);
    const january = body.byMonth.find((month: { month: string }) => month.month === '2026-01');
    expect(january).toEqual({ month: '2026-01', incomeMinor: 0, expenseMinor: 2800 });
    expect(body.uncategorizedCount).toBeGreaterThanOrEqual(1);
    expect(body.documentsAwaitingReview).toBe(0);
  });

  it("answers 404 for another tenant's entity and 400 without one", async () => {
    expect((await api.as(a.viewer, { method: 'GET', url: `/api/overview?entityId=${b.entityId}` })).statusCode).toBe(404);
    expect((await api.as(a.viewer, { method: 'GET', url: '/api/overview' })).statusCode).toBe(400);
    expect((await api.app.inject({ method: 'GET', url: `/api/overview?entityId=${a.entityId}` })).statusCode).toBe(401);
  });
});

describe('journal entries list', () => {
  it('lists only this tenant entries, filterable by GL account', async () => {
    const body = (
      await api.as(a.viewer, { method: 'GET', url: `/api/accounting/journal-entries?glAccountId=${a.expenseGlId}&limit=100` })
    ).json();
    expect(body.items.length).toBeGreaterThan(0);
    for (const entry of body.items) {
      expect(entry.entityId).toBe(a.entityId);
      expect(entry.lines.some((line: { glAccountId: string }) => line.glAccountId === a.expenseGlId)).toBe(true);
    }
    const theirs = (await api.as(a.viewer, { method: 'GET', url: `/api/accounting/journal-entries?entityId=${b.entityId}` })).json();
    expect(theirs.items).toEqual([]);
  });
});

describe('tenant selection', () => {
  it('answers 404 when asking for a tenant the user does not belong to', async () => {
    const response = await api.as(a.owner, { method: 'GET', url: '/api/system/me', headers: { 'x-tenant-id': b.tenantId } });
    expect(response.statusCode).toBe(404);
  });
});
