// Loads many bank transactions into one demo entity in a single SQL statement
// (INSERT … SELECT generate_series), as the app role with app.tenant_id set,
// so row-level security checks every row exactly as it would for the app.
// Read benchmarks only: the rows get no journal entries, categories or
// vendors, so they must never be used to measure posting or the ledger.
import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** Descriptions cycle through the demo activity, so text and amounts look like real books. */
const descriptions = [
  'Client payment — Northwind Traders',
  'Online sales payout — Stripe',
  'Studio rent — Parkside Properties',
  'Design software — Figma',
  'Team lunch — Corner Bistro',
  'Printer paper and ink — Office Depot',
  'Electricity — City Power',
  'Train tickets — Rail Express',
  'Social ads — Meta Ads',
  'Monthly account fee — First Bank',
];

/**
 * Dates spread over five years (about 55 rows a day), so many rows share a
 * date and the list's (date, id) order and cursors are exercised for real.
 * Every tenth row is an inflow; amounts are never zero.
 */
const insertRows = `
  INSERT INTO "Transaction"
    ("id", "tenantId", "entityId", "accountId", "date", "description", "amountMinor", "currency", "updatedAt", "source")
  SELECT gen_random_uuid()::text, $1::text, $2::text, $3::text,
         current_date - (n % 1826)::int,
         ($5::text[])[1 + n % 10] || ' #' || n,
         CASE WHEN n % 10 = 0 THEN 1 + (n * 7919) % 300000 ELSE -(1 + (n * 104729) % 20000) END,
         $6::text, now(), 'IMPORT'::"TransactionSource"
    FROM generate_series(1, $4::bigint) AS n`;

/**
 * @param {string} databaseUrl the app role's url
 * @param {{ tenantId: string, entityId: string, currency: string }} demo
 * @param {number} count
 * @returns {Promise<{ accountId: string, inserted: number, rowsInEntity: number, insertSeconds: number, analyzeSeconds: number }>}
 */
export async function loadTransactions(databaseUrl, demo, count) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [demo.tenantId]);
    const account = await client.query(
      `SELECT "id" FROM "Account" WHERE "entityId" = $1 AND "type" = 'BANK' ORDER BY "createdAt" LIMIT 1`,
      [demo.entityId],
    );
    if (account.rowCount === 0) throw new Error(`the demo entity ${demo.entityId} has no bank account: was the seed run?`);
    const accountId = account.rows[0].id;

    const insertStarted = performance.now();
    const inserted = await client.query(insertRows, [demo.tenantId, demo.entityId, accountId, count, descriptions, demo.currency]);
    await client.query('COMMIT');
    const insertSeconds = (performance.now() - insertStarted) / 1000;

    const analyzeStarted = performance.now();
    await client.query('ANALYZE "Transaction"');
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;

    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [demo.tenantId]);
    const total = await client.query(`SELECT count(*)::int AS n FROM "Transaction" WHERE "entityId" = $1 AND "deletedAt" IS NULL`, [
      demo.entityId,
    ]);
    await client.query('COMMIT');
    return { accountId, inserted: inserted.rowCount, rowsInEntity: total.rows[0].n, insertSeconds, analyzeSeconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
