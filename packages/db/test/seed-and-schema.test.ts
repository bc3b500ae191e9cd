/** The demo seed (as bootstrap ran it), the migration history, and schema drift between Prisma and SQL. */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTenants, demoTransactionsPerTenant, loadMigrations, migrate, seedDemoTenants, type Database } from '../src/index';
import { createTestDatabase, testDatabaseUrl } from '../src/testing';

let database: Database;

beforeAll(() => {
  database = createTestDatabase().database;
});

afterAll(async () => {
  await database.close();
});

describe('demo seed', () => {
  it('gives each demo tenant a user, an entity, a chart of accounts, a bank account and 30 transactions', async () => {
    for (const demo of demoTenants) {
      const db = database.forTenant(demo.tenantId);
      expect(await db.tenantUser.count({ where: { userId: demo.user.id, role: 'OWNER' } })).toBe(1);
      expect(await db.entity.count()).toBeGreaterThanOrEqual(1);
      expect(await db.gLAccount.count({ where: { entityId: demo.entityId } })).toBeGreaterThanOrEqual(15);
      expect(await db.category.count({ where: { entityId: demo.entityId } })).toBeGreaterThanOrEqual(10);
      expect(await db.account.count({ where: { entityId: demo.entityId, type: 'BANK' } })).toBe(1);
      const transactions = await db.transaction.findMany({
        where: { entityId: demo.entityId },
        include: { journalEntry: { include: { lines: true } } },
      });
      expect(transactions).toHaveLength(demoTransactionsPerTenant);
      for (const transaction of transactions) {
        expect(transaction.currency).toBe(demo.currency);
        const lines = transaction.journalEntry?.lines ?? [];
        const debits = lines.reduce((sum, line) => sum + line.debitMinor, 0n);
        const credits = lines.reduce((sum, line) => sum + line.creditMinor, 0n);
        expect(debits).toBe(credits);
        expect(debits).toBe(transaction.amountMinor < 0n ? -transaction.amountMinor : transaction.amountMinor);
      }
    }
  });

  it('shows each demo user only their own tenant', async () => {
    for (const demo of demoTenants) {
      const memberships = await database.forUser({ userId: demo.user.id }).tenantUser.findMany({ include: { tenant: true } });
      expect(memberships.map((membership) => membership.tenant.name)).toEqual([demo.tenantName]);
    }
  });

  it('finds a user by Clerk id before any tenant is chosen, and nobody else', async () => {
    const [ava, ben] = demoTenants;
    const users = await database.forUser({ clerkUserId: ava!.user.clerkUserId }).user.findMany();
    expect(users.map((user) => user.email)).toEqual([ava!.user.email]);
    expect(users.map((user) => user.email)).not.toContain(ben!.user.email);
  });

  it('is idempotent', async () => {
    const result = await seedDemoTenants(database);
    expect(result.created).toEqual([]);
    expect(result.skipped).toEqual(demoTenants.map((demo) => demo.tenantName));
  });
});

describe('migrations', () => {
  it('records every migration with its checksum and re-runs as a no-op', async () => {
    const migrations = await loadMigrations();
    const result = await migrate(testDatabaseUrl());
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toEqual(migrations.map((migration) => migration.name));
  });
});

interface SchemaField {
  model: string;
  name: string;
  type: string;
  kind: 'scalar' | 'enum';
  isRequired: boolean;
}

/** Reads the scalar and enum fields of schema.prisma (relation fields are skipped). */
function prismaFields(): { fields: SchemaField[]; models: string[] } {
  const schema = readFileSync(new URL('../prisma/schema.prisma', import.meta.url), 'utf8');
  const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((match) => match[1]!);
  const enums = new Set([...schema.matchAll(/^enum (\w+) \{/gm)].map((match) => match[1]!));
  const fields: SchemaField[] = [];
  for (const block of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const line of block[2]!.split('\n')) {
      const match = /^\s*(\w+)\s+(\w+)(\?|\[\])?/.exec(line);
      if (!match || line.trim().startsWith('//') || line.trim().startsWith('@@')) continue;
      const [, name, type, modifier] = match;
      if (models.includes(type!) || modifier === '[]') continue;
      fields.push({ model: block[1]!, name: name!, type: type!, kind: enums.has(type!) ? 'enum' : 'scalar', isRequired: modifier !== '?' });
    }
  }
  return { fields, models };
}

describe('schema drift', () => {
  const scalarTypes: Record<string, string[]> = {
    String: ['text', 'character'],
    Int: ['integer'],
    BigInt: ['bigint'],
    Float: ['double precision'],
    Boolean: ['boolean'],
    DateTime: ['timestamp with time zone', 'date'],
    Json: ['jsonb'],
  };

  it('has a table and a matching column in the database for every field of the Prisma schema', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{
        table_name: string;
        column_name: string;
        data_type: string;
        udt_name: string;
        is_nullable: string;
      }>(`SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`);
      const columns = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row]));
      const problems: string[] = [];
      const { fields, models } = prismaFields();
      expect(fields.length).toBeGreaterThan(100);
      for (const field of fields) {
        const where = `${field.model}.${field.name}`;
        const column = columns.get(where);
        if (!column) {
          problems.push(`${where}: missing column`);
          continue;
        }
        const expected = field.kind === 'enum' ? ['USER-DEFINED'] : (scalarTypes[field.type] ?? []);
        if (!expected.includes(column.data_type)) problems.push(`${where}: ${column.data_type}, expected ${expected.join('|')}`);
        if (field.kind === 'enum' && column.udt_name !== field.type)
          problems.push(`${where}: enum ${column.udt_name}, expected ${field.type}`);
        const nullable = column.is_nullable === 'YES';
        if (nullable === field.isRequired) problems.push(`${where}: nullable=${nullable}, required=${field.isRequired}`);
      }
      const known = new Set(fields.map((field) => `${field.model}.${field.name}`));
      for (const key of columns.keys()) {
        if (!key.startsWith('_prisma_migrations.') && !known.has(key)) problems.push(`${key}: column not in schema.prisma`);
      }
      const modelTables = new Set(models);
      const extraTables = [...new Set(rows.map((row) => row.table_name))].filter(
        (table) => !modelTables.has(table) && table !== '_prisma_migrations',
      );
      expect(extraTables).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
