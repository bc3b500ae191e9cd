/**
 * The transactions list on plain pg: the hottest read in the app (every
 * banking screen pages through it), so it skips Prisma's query engine and its
 * per-operation interactive transaction. It keeps both walls of tenant
 * isolation: the tenant id filters every statement explicitly, and the page
 * is read in a read-only transaction with `app.tenant_id` set, so row-level
 * security applies too. It is reachable only through a tenant-scoped client
 * (`forTenant(tenantId).$listTransactions`); it must never take a tenant id
 * from a request's input, nor hand out the pool it runs on.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from '@akount/logger';
import type { TransactionSource } from './generated/enums';
import { assertTenantId } from './tenant-scope';

export type TransactionListSort = 'date_desc' | 'date_asc' | 'amount_desc' | 'amount_asc';

export interface TransactionListQuery {
  entityId?: string;
  accountId?: string;
  categoryId?: string;
  /** Only rows without a category (wins over `categoryId`). */
  uncategorized?: boolean;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  /** Description contains this text, case-insensitive; `%` and `_` match themselves. */
  q?: string;
  sort: TransactionListSort;
  /** Keyset cursor: rows strictly after this (sort value, id) pair. Dates as YYYY-MM-DD. */
  after?: { value: string | bigint; id: string };
  /** Rows to read (a page plus one, to know whether another page follows). */
  take: number;
}

export interface TransactionListRow {
  id: string;
  entityId: string;
  accountId: string;
  /** YYYY-MM-DD */
  date: string;
  description: string;
  amountMinor: bigint;
  currency: string;
  categoryId: string | null;
  vendorId: string | null;
  documentId: string | null;
  journalEntryId: string | null;
  source: TransactionSource;
}

export interface TransactionListSettings {
  slowQueryMs: number;
  logger: Logger;
}

const sortColumns: Record<TransactionListSort, { column: '"date"' | '"amountMinor"'; cast: 'date' | 'bigint'; desc: boolean }> = {
  date_desc: { column: '"date"', cast: 'date', desc: true },
  date_asc: { column: '"date"', cast: 'date', desc: false },
  amount_desc: { column: '"amountMinor"', cast: 'bigint', desc: true },
  amount_asc: { column: '"amountMinor"', cast: 'bigint', desc: false },
};

const selectList = `t."id", t."entityId", t."accountId", to_char(t."date", 'YYYY-MM-DD') AS "day", t."description",
  t."amountMinor"::text AS "amount", t."currency", t."categoryId", t."vendorId", t."documentId", t."journalEntryId", t."source"::text AS "source"`;

type RawRow = [string, string, string, string, string, string, string, string | null, string | null, string | null, string | null, string];

/** `%`, `_` and the escape character itself, escaped for LIKE's default escape `\`. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

interface Statement {
  text: string;
  values: unknown[];
  /** True when the best plan does not depend on the values: walk the (tenant, entity, sort key) index. */
  planIndependentOfValues: boolean;
}

/** One SQL text per combination of filters, never per value: the values always travel as parameters. */
export function transactionListStatement(tenantId: string, query: TransactionListQuery): Statement {
  const values: unknown[] = [tenantId];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = [`t."tenantId" = $1`, `t."deletedAt" IS NULL`];
  if (query.entityId !== undefined) where.push(`t."entityId" = ${param(query.entityId)}`);
  if (query.accountId !== undefined) where.push(`t."accountId" = ${param(query.accountId)}`);
  if (query.uncategorized) where.push(`t."categoryId" IS NULL`);
  else if (query.categoryId !== undefined) where.push(`t."categoryId" = ${param(query.categoryId)}`);
  if (query.from !== undefined) where.push(`t."date" >= ${param(query.from)}::date`);
  if (query.to !== undefined) where.push(`t."date" <= ${param(query.to)}::date`);
  if (query.q !== undefined) where.push(`t."description" ILIKE ${param(likeLiteral(query.q))}`);
  const sort = sortColumns[query.sort];
  if (query.after) {
    // A row comparison is an index condition: the scan starts at the cursor, so a deep page costs what the first does.
    const value = param(typeof query.after.value === 'bigint' ? query.after.value.toString() : query.after.value);
    where.push(`(t.${sort.column}, t."id") ${sort.desc ? '<' : '>'} (${value}::${sort.cast}, ${param(query.after.id)})`);
  }
  const direction = sort.desc ? 'DESC' : 'ASC';
  const text = `SELECT ${selectList} FROM "Transaction" t WHERE ${where.join(' AND ')}
    ORDER BY t.${sort.column} ${direction}, t."id" ${direction} LIMIT ${param(query.take)}`;
  const onlyEntity = query.entityId !== undefined && query.accountId === undefined && query.categoryId === undefined;
  const planIndependentOfValues =
    onlyEntity && !query.uncategorized && query.from === undefined && query.to === undefined && query.q === undefined;
  return { text, values, planIndependentOfValues };
}

function toRow(raw: RawRow): TransactionListRow {
  return {
    id: raw[0],
    entityId: raw[1],
    accountId: raw[2],
    date: raw[3],
    description: raw[4],
    amountMinor: BigInt(raw[5]),
    currency: raw[6],
    categoryId: raw[7],
    vendorId: raw[8],
    documentId: raw[9],
    journalEntryId: raw[10],
    source: raw[11] as TransactionSource,
  };
}

const statementNames = new Map<string, string>();

/** Prepared once per connection under a name derived from the text, so PostgreSQL parses it once. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `akount_transaction_list_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

const setTenant = {
  name: 'akount_read_as_tenant',
  // Both settings are transaction-local: they end with this read.
  text: `SELECT set_config('app.tenant_id', $1, true), set_config('plan_cache_mode', coalesce($2, current_setting('plan_cache_mode')), true)`,
};

/**
 * Reads one page of a tenant's transactions in a read-only transaction with
 * the tenant's RLS setting. For the plain entity list, PostgreSQL would
 * re-plan the same index walk on every call; the generic plan is forced
 * there, and left to PostgreSQL for the filtered lists.
 */
export async function listTransactionsForTenant(
  pool: pg.Pool,
  settings: TransactionListSettings,
  tenantId: string,
  query: TransactionListQuery,
): Promise<TransactionListRow[]> {
  assertTenantId(tenantId);
  const statement = transactionListStatement(tenantId, query);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query({ ...setTenant, values: [tenantId, statement.planIndependentOfValues ? 'force_generic_plan' : null] });
    const started = performance.now();
    const result = await client.query<RawRow>({
      name: statementName(statement.text),
      text: statement.text,
      values: statement.values,
      rowMode: 'array',
    });
    const durationMs = performance.now() - started;
    // Parameters are left out on purpose: they can hold user data.
    if (durationMs >= settings.slowQueryMs)
      settings.logger.warn({ durationMs: Math.round(durationMs), query: statement.text }, 'slow query');
    await client.query('COMMIT');
    return result.rows.map(toRow);
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
    });
    throw error;
  } finally {
    // A connection whose rollback failed may still be inside the transaction: discard it.
    client.release(broken);
  }
}
