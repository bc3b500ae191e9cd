/**
 * Both walls of tenant isolation, tried from tenant A against tenant B:
 * the scoped client (first wall) and PostgreSQL row-level security on a raw
 * connection (second wall).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantScopeError, type Database } from '../src/index';
import { createTestDatabase, testDatabaseUrl } from '../src/testing';
import { createTenantFixture, type TenantFixture } from './factories';

let database: Database;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  database = createTestDatabase().database;
  a = await createTenantFixture(database, 'Alpha');
  b = await createTenantFixture(database, 'Bravo');
});

afterAll(async () => {
  await database.close();
});

describe('first wall: the tenant-scoped client', () => {
  it('lists only its own tenant rows', async () => {
    const rows = await database.forTenant(a.tenantId).transaction.findMany({ where: { entityId: { in: [a.entityId, b.entityId] } } });
    expect(rows.map((row) => row.id).sort()).toEqual([...a.transactionIds].sort());
    expect(rows.every((row) => row.tenantId === a.tenantId)).toBe(true);
  });

  it('cannot find another tenant row by id, even with the other tenant id in the filter', async () => {
    const db = database.forTenant(a.tenantId);
    expect(await db.transaction.findUnique({ where: { id: b.transactionIds[0]! } })).toBeNull();
    expect(await db.transaction.findFirst({ where: { id: b.transactionIds[0]!, tenantId: b.tenantId } })).toBeNull();
    expect(await db.transaction.count({ where: { tenantId: b.tenantId } })).toBe(0);
    expect(await db.tenant.findUnique({ where: { id: b.tenantId } })).toBeNull();
  });

  it('cannot update or delete another tenant rows', async () => {
    const db = database.forTenant(a.tenantId);
    const target = b.transactionIds[0]!;
    await expect(db.transaction.update({ where: { id: target }, data: { description: 'pwned' } })).rejects.toThrow();
    expect((await db.transaction.updateMany({ where: { id: target }, data: { description: 'pwned' } })).count).toBe(0);
    await expect(db.transaction.delete({ where: { id: target } })).rejects.toThrow();
    expect((await db.transaction.deleteMany({ where: { entityId: b.entityId } })).count).toBe(0);

    const untouched = await database.forTenant(b.tenantId).transaction.findUnique({ where: { id: target } });
    expect(untouched?.description).toBe('Bravo purchase 0');
  });

  it('refuses to write a row for another tenant', async () => {
    const db = database.forTenant(a.tenantId);
    await expect(
      db.entity.create({ data: { tenantId: b.tenantId, name: 'Sneaky', functionalCurrency: 'USD', country: 'US' } }),
    ).rejects.toThrow(TenantScopeError);
    await expect(db.transaction.updateMany({ where: {}, data: { tenantId: b.tenantId } })).rejects.toThrow(TenantScopeError);
  });

  it('stamps its tenant on writes that leave tenantId out', async () => {
    const db = database.forTenant(a.tenantId);
    const vendor = await db.vendor.create({
      data: { entityId: a.entityId, name: 'Stamped Co', normalizedName: 'stamped co' } as never,
    });
    expect(vendor.tenantId).toBe(a.tenantId);
  });

  it('cannot point its own row at another tenant row by a guessed id', async () => {
    const db = database.forTenant(a.tenantId);
    await expect(
      db.transaction.create({
        data: {
          tenantId: a.tenantId,
          entityId: a.entityId,
          accountId: b.accountId,
          date: new Date(Date.UTC(2026, 1, 1)),
          description: 'cross-tenant link',
          amountMinor: -100n,
          currency: 'USD',
        },
      }),
    ).rejects.toThrow(/foreign key|Foreign key/);
  });

  it('refuses to open a scope without a tenant', () => {
    expect(() => database.forTenant('')).toThrow(TenantScopeError);
    expect(() => database.forTenant('   ')).toThrow(TenantScopeError);
  });
});

describe('second wall: row-level security on a raw connection', () => {
  async function asTenant<T>(tenantId: string | null, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      await client.query('BEGIN');
      if (tenantId) await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await work(client);
      await client.query('ROLLBACK');
      return result;
    } finally {
      await client.end();
    }
  }

  it("sees none of tenant B's rows under tenant A's setting", async () => {
    const rows = await asTenant(a.tenantId, async (client) => {
      const all = await client.query<{ tenantId: string }>('SELECT "tenantId" FROM "Transaction"');
      const bOnly = await client.query('SELECT id FROM "Transaction" WHERE "tenantId" = $1', [b.tenantId]);
      const entities = await client.query('SELECT id FROM "Entity" WHERE id = $1', [b.entityId]);
      return { all: all.rows, bOnly: bOnly.rowCount, entities: entities.rowCount };
    });
    expect(rows.all.length).toBeGreaterThanOrEqual(a.transactionIds.length);
    expect(rows.all.every((row) => row.tenantId === a.tenantId)).toBe(true);
    expect(rows.bOnly).toBe(0);
    expect(rows.entities).toBe(0);
  });

  it('sees nothing at all without a tenant setting', async () => {
    const count = await asTenant(null, async (client) => (await client.query('SELECT id FROM "Transaction"')).rowCount);
    expect(count).toBe(0);
  });

  it("cannot insert into or change tenant B's rows under tenant A's setting", async () => {
    await expect(
      asTenant(a.tenantId, (client) =>
        client.query(
          `INSERT INTO "Vendor" (id, "tenantId", "entityId", name, "normalizedName", "updatedAt") VALUES ('v-x', $1, $2, 'X', 'x', now())`,
          [b.tenantId, b.entityId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await asTenant(
      a.tenantId,
      async (client) => (await client.query(`UPDATE "Transaction" SET description = 'pwned' WHERE "tenantId" = $1`, [b.tenantId])).rowCount,
    );
    expect(updated).toBe(0);
  });

  it('enables and forces RLS on every table that has a tenantId column', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string; rls: boolean; forced: boolean }>(`
        SELECT c.table_name, cls.relrowsecurity AS rls, cls.relforcerowsecurity AS forced
          FROM information_schema.columns c
          JOIN pg_class cls ON cls.relname = c.table_name AND cls.relnamespace = 'public'::regnamespace
         WHERE c.table_schema = 'public' AND c.column_name = 'tenantId'`);
      expect(rows.length).toBeGreaterThanOrEqual(14);
      const unprotected = rows.filter((row) => !row.rls || !row.forced).map((row) => row.table_name);
      expect(unprotected).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
