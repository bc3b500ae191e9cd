/** Constraints the database itself enforces: balanced journals, soft-delete-aware uniqueness, safe roles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, UnsafeDatabaseRoleError, type Database } from '../src/index';
import { createTestDatabase, testSuperuserUrl } from '../src/testing';
import { createTenantFixture, type TenantFixture } from './factories';
import { pino } from 'pino';

let database: Database;
let t: TenantFixture;

beforeAll(async () => {
  database = createTestDatabase().database;
  t = await createTenantFixture(database, 'Integrity', 0);
});

afterAll(async () => {
  await database.close();
});

describe('double entry', () => {
  async function postEntry(debit: bigint, credit: bigint) {
    const db = database.forTenant(t.tenantId);
    return db.$tenantTransaction(async (tx) => {
      const income = await tx.gLAccount.create({
        data: { tenantId: t.tenantId, entityId: t.entityId, code: `4${Math.floor(Math.random() * 1e6)}`, name: 'Sales', type: 'INCOME' },
      });
      const entry = await tx.journalEntry.create({
        data: { tenantId: t.tenantId, entityId: t.entityId, date: new Date(Date.UTC(2026, 2, 1)), memo: 'sale', sourceType: 'test' },
      });
      await tx.journalLine.create({
        data: { tenantId: t.tenantId, journalEntryId: entry.id, glAccountId: t.glAccountId, debitMinor: debit, currency: 'USD' },
      });
      await tx.journalLine.create({
        data: { tenantId: t.tenantId, journalEntryId: entry.id, glAccountId: income.id, creditMinor: credit, currency: 'USD' },
      });
      return entry.id;
    });
  }

  it('commits a balanced journal entry', async () => {
    const id = await postEntry(12_345n, 12_345n);
    const lines = await database.forTenant(t.tenantId).journalLine.findMany({ where: { journalEntryId: id } });
    expect(lines).toHaveLength(2);
  });

  it('rejects an unbalanced journal entry at commit', async () => {
    await expect(postEntry(10_000n, 9_999n)).rejects.toThrow(/unbalanced/);
  });

  it('rejects a line with both or neither side set', async () => {
    const db = database.forTenant(t.tenantId);
    await expect(
      db.$tenantTransaction(async (tx) => {
        const entry = await tx.journalEntry.create({
          data: { tenantId: t.tenantId, entityId: t.entityId, date: new Date(Date.UTC(2026, 2, 1)), memo: 'bad', sourceType: 'test' },
        });
        await tx.journalLine.create({
          data: {
            tenantId: t.tenantId,
            journalEntryId: entry.id,
            glAccountId: t.glAccountId,
            debitMinor: 5n,
            creditMinor: 5n,
            currency: 'USD',
          },
        });
      }),
    ).rejects.toThrow(/JournalLine_one_side/);
  });
});

describe('soft delete', () => {
  it('keeps codes unique among live rows and frees them when a row is soft-deleted', async () => {
    const db = database.forTenant(t.tenantId);
    const first = await db.gLAccount.create({
      data: { tenantId: t.tenantId, entityId: t.entityId, code: '6100', name: 'Meals', type: 'EXPENSE' },
    });
    await expect(
      db.gLAccount.create({ data: { tenantId: t.tenantId, entityId: t.entityId, code: '6100', name: 'Meals again', type: 'EXPENSE' } }),
    ).rejects.toThrow(/Unique constraint|unique/i);
    await db.gLAccount.update({ where: { id: first.id }, data: { deletedAt: new Date() } });
    const second = await db.gLAccount.create({
      data: { tenantId: t.tenantId, entityId: t.entityId, code: '6100', name: 'Meals', type: 'EXPENSE' },
    });
    expect(second.id).not.toBe(first.id);
  });
});

describe('database role', () => {
  it('accepts the app role, which is subject to RLS', async () => {
    await expect(database.assertRowLevelSecurity()).resolves.toBeUndefined();
  });

  it('refuses a superuser connection, which would skip RLS', async () => {
    const superuser = createDatabase({
      url: testSuperuserUrl(),
      poolSize: 1,
      slowQueryMs: 1000,
      poolWaitWarnMs: 1000,
      logger: pino({ level: 'silent' }),
    });
    try {
      await expect(superuser.assertRowLevelSecurity()).rejects.toThrow(UnsafeDatabaseRoleError);
    } finally {
      await superuser.close();
    }
  });
});
