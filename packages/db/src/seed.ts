/**
 * Seeds the two demo tenants (DESIGN §3): a user each, an entity, the default
 * chart of accounts and categories, a bank account and 30 transactions, each
 * posted with a balanced journal entry. Goes through the same tenant-scoped
 * client as the app, so the seed itself proves the RLS policies admit
 * legitimate writes. Idempotent: a tenant that exists is left alone.
 */
import type { Database, TenantTransaction } from './client';
import { defaultChartOfAccounts, demoActivity, demoTenants, type DemoTenant } from './demo';

export const demoTransactionsPerTenant = 30;

export interface SeedResult {
  created: string[];
  skipped: string[];
}

/** A tiny deterministic generator, so every fresh database gets the same demo books. */
function sequence(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function daysBefore(anchor: Date, days: number): Date {
  const date = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate()));
  date.setUTCDate(date.getUTCDate() - days);
  return date;
}

export async function seedDemoTenants(database: Database, today = new Date()): Promise<SeedResult> {
  const result: SeedResult = { created: [], skipped: [] };
  for (const [index, demo] of demoTenants.entries()) {
    const db = database.forTenant(demo.tenantId);
    if (await db.tenant.findUnique({ where: { id: demo.tenantId } })) {
      result.skipped.push(demo.tenantName);
      continue;
    }
    await database.forUser({ userId: demo.user.id }).user.upsert({
      where: { id: demo.user.id },
      create: demo.user,
      update: {},
    });
    await db.$tenantTransaction((tx) => seedTenant(tx, demo, today, index + 1), { timeout: 60_000 });
    result.created.push(demo.tenantName);
  }
  return result;
}

/** The default chart of accounts and its categories for a new entity; returns ids by code and by category name. */
export async function createChartOfAccounts(tx: TenantTransaction, tenantId: string, entityId: string) {
  const glByCode = new Map<string, string>();
  const categoryByName = new Map<string, { id: string; glAccountId: string }>();
  for (const line of defaultChartOfAccounts) {
    const gl = await tx.gLAccount.create({
      data: { tenantId, entityId, code: line.code, name: line.name, type: line.type, isSystem: true },
    });
    glByCode.set(line.code, gl.id);
    if (line.category) {
      const category = await tx.category.create({ data: { tenantId, entityId, glAccountId: gl.id, name: line.category } });
      categoryByName.set(line.category, { id: category.id, glAccountId: gl.id });
    }
  }
  return { glByCode, categoryByName };
}

async function seedTenant(tx: TenantTransaction, demo: DemoTenant, today: Date, seed: number): Promise<void> {
  const tenantId = demo.tenantId;
  await tx.tenant.create({ data: { id: tenantId, name: demo.tenantName } });
  await tx.tenantUser.create({ data: { tenantId, userId: demo.user.id, role: 'OWNER' } });
  await tx.entity.create({
    data: { id: demo.entityId, tenantId, name: demo.entityName, functionalCurrency: demo.currency, country: demo.country },
  });

  const { glByCode, categoryByName } = await createChartOfAccounts(tx, tenantId, demo.entityId);

  const bankGlId = glByCode.get('1010') as string;
  const account = await tx.account.create({
    data: {
      tenantId,
      entityId: demo.entityId,
      glAccountId: bankGlId,
      name: 'Business checking',
      type: 'BANK',
      currency: demo.currency,
      institution: 'First Bank',
      mask: seed === 1 ? '4821' : '7730',
      openingBalanceMinor: 500_000n,
    },
  });

  const vendorIds = new Map<string, string>();
  for (const activity of demoActivity) {
    const vendor = await tx.vendor.create({
      data: {
        tenantId,
        entityId: demo.entityId,
        name: activity.vendor,
        normalizedName: activity.vendor.toLowerCase(),
        defaultCategoryId: categoryByName.get(activity.category)?.id ?? null,
      },
    });
    vendorIds.set(activity.vendor, vendor.id);
  }

  const random = sequence(seed * 7919);
  for (let n = 0; n < demoTransactionsPerTenant; n += 1) {
    const activity = demoActivity[n % demoActivity.length]!;
    const category = categoryByName.get(activity.category)!;
    const magnitude = BigInt(activity.min + Math.floor(random() * (activity.max - activity.min + 1)));
    const date = daysBefore(today, Math.floor((n * 90) / demoTransactionsPerTenant) + 1);
    const entry = await tx.journalEntry.create({
      data: {
        tenantId,
        entityId: demo.entityId,
        date,
        memo: activity.description,
        sourceType: 'seed',
        lines: {
          create: [
            {
              tenantId,
              glAccountId: activity.inflow ? bankGlId : category.glAccountId,
              debitMinor: magnitude,
              currency: demo.currency,
            },
            {
              tenantId,
              glAccountId: activity.inflow ? category.glAccountId : bankGlId,
              creditMinor: magnitude,
              currency: demo.currency,
            },
          ],
        },
      },
    });
    await tx.transaction.create({
      data: {
        tenantId,
        entityId: demo.entityId,
        accountId: account.id,
        date,
        description: `${activity.description} — ${activity.vendor}`,
        amountMinor: activity.inflow ? magnitude : -magnitude,
        currency: demo.currency,
        categoryId: category.id,
        vendorId: vendorIds.get(activity.vendor) ?? null,
        journalEntryId: entry.id,
        source: 'MANUAL',
      },
    });
  }
}
