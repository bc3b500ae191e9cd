/**
 * Builds a fresh tenant with its own entity, chart line, bank account and
 * transactions through the scoped client, so each test owns its rows.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../src/index';

export interface TenantFixture {
  tenantId: string;
  entityId: string;
  glAccountId: string;
  accountId: string;
  transactionIds: string[];
}

export async function createTenantFixture(database: Database, label: string, transactions = 3): Promise<TenantFixture> {
  const tenantId = randomUUID();
  const db = database.forTenant(tenantId);
  return db.$tenantTransaction(async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: `${label} ${tenantId.slice(0, 8)}` } });
    const entity = await tx.entity.create({ data: { tenantId, name: `${label} LLC`, functionalCurrency: 'USD', country: 'US' } });
    const gl = await tx.gLAccount.create({ data: { tenantId, entityId: entity.id, code: '1010', name: 'Checking', type: 'ASSET' } });
    const account = await tx.account.create({
      data: { tenantId, entityId: entity.id, glAccountId: gl.id, name: 'Checking', type: 'BANK', currency: 'USD' },
    });
    const transactionIds: string[] = [];
    for (let n = 0; n < transactions; n += 1) {
      const row = await tx.transaction.create({
        data: {
          tenantId,
          entityId: entity.id,
          accountId: account.id,
          date: new Date(Date.UTC(2026, 0, n + 1)),
          description: `${label} purchase ${n}`,
          amountMinor: BigInt(-(n + 1) * 1000),
          currency: 'USD',
        },
      });
      transactionIds.push(row.id);
    }
    return { tenantId, entityId: entity.id, glAccountId: gl.id, accountId: account.id, transactionIds };
  });
}
