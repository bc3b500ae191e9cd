/**
 * The transactions list on plain pg: the hottest read in the app (every
 * banking screen pages through it), so it skips Prisma's query engine and its
 * per-operation interactive transaction. It keeps both walls of tenant
 * isolation: the tenant id filters every statement explicitly, and
 * `app.tenant_id` is set for the read, so row-level security applies too. It
 * is reachable only through a tenant-scoped client
 * (`forTenant(tenantId).$listTransactions`); it must never take a tenant id
 * from a request's input, nor hand out the pool it runs on.
 *
 * A page is one statement and one round trip (it used to be four: BEGIN READ
 * ONLY, set_config, the SELECT, COMMIT). The statement sets the tenant
 * itself, transaction-locally, in a one-row subquery, and reads the page in a
 * LATERAL subquery that takes its tenant filter from that row:
 *
 *   SELECT page.* FROM (SELECT set_config('app.tenant_id', $1, true) AS "tenantId" OFFSET 0) scope
 *   CROSS JOIN LATERAL (SELECT … FROM "Transaction" t WHERE t."tenantId" = scope."tenantId" AND … LIMIT …) page
 *
 * Why RLS sees the setting: the page depends on the scope row, so the only
 * plan is a nested loop that computes the scope row (running set_config)
 * before it starts the inner scan, and the policy's `current_setting` is
 * evaluated by that scan (transaction-list.test.ts checks the plan and that
 * RLS alone restricts the rows). OFFSET 0 keeps the planner from folding the
 * volatile set_config into the page's conditions. Without the setting the
 * policy compares with NULL and the read returns no rows: it fails closed.
 * The statement runs as its own implicit transaction, so the setting ends
 * with it, and it is a single SELECT of fixed text, so it cannot write.
 * The page keeps the inner ORDER BY: a nested loop over one outer row emits
 * the inner rows in their order (the keyset tests walk every sort order).
 *
 * Each row travels as one text column: its eleven machine-formatted fields
 * (ids, the date, the amount, the currency, the source) joined by the ASCII
 * unit separator, then the description, which is free text and so comes last
 * and may contain anything. The driver turns every column of every row into
 * a JavaScript string with a call into C++, and at 12 columns × 51 rows that
 * was most of the page's cost in the API (measured: 430 → 260 µs of client
 * CPU a page); splitting one string per row in JavaScript is far cheaper.
 * The reader checks what it splits (field count, date, safe-integer amount,
 * source), so a malformed row fails the request instead of reaching a client.
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

/** A row of the list, already in the API's shape (its fields in the API's order), so a page is serialised as it is read. */
export interface TransactionListRow {
  id: string;
  entityId: string;
  accountId: string;
  /** YYYY-MM-DD */
  date: string;
  description: string;
  /** Minor units, checked to be a safe integer when read (JSON numbers stay exact). */
  amountMinor: number;
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

/** Between the packed fields: a control character no id, date, amount, currency or source contains. */
const separator = '\x1f';

/**
 * The row as one text: the fields of TransactionListRow in its order, the
 * description last. Null ids travel as empty strings (concat_ws would drop a
 * NULL and shift the fields after it); no id is empty.
 */
const packedRow = `concat_ws(chr(31), t."id", t."entityId", t."accountId", to_char(t."date", 'YYYY-MM-DD'), t."amountMinor", t."currency",
  coalesce(t."categoryId", ''), coalesce(t."vendorId", ''), coalesce(t."documentId", ''), coalesce(t."journalEntryId", ''),
  t."source", t."description") AS "row"`;

const packedFields = 11;
const sources: ReadonlySet<string> = new Set<TransactionSource>(['MANUAL', 'DOCUMENT', 'IMPORT']);
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** Only the entity filter: the best plan is the (tenant, entity, sort key) index walk, whatever the values. */
const onlyEntity = (query: TransactionListQuery) =>
  query.entityId !== undefined &&
  query.accountId === undefined &&
  query.categoryId === undefined &&
  !query.uncategorized &&
  query.from === undefined &&
  query.to === undefined &&
  query.q === undefined;

/** The most rows one read may ask for (a page of 100 plus one). */
const maxTake = 101;

/** `%`, `_` and the escape character itself, escaped for LIKE's default escape `\`. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

interface Statement {
  text: string;
  values: unknown[];
}

/**
 * One SQL text per combination of filters, never per value: the values
 * always travel as parameters ($1 is the tenant, for the setting and the
 * filter alike). One exception: the plain entity list (no filter but the
 * entity) writes its page size as a literal, a validated integer, so the plan
 * PostgreSQL caches for it is costed for a page, not for a tenth of the table,
 * and its plan cache settles on the generic index walk instead of re-planning
 * every page (it used to force that with plan_cache_mode, which took a
 * statement of its own). At most 101 sizes × 4 sorts × 2 (cursor or not)
 * texts, so the statements prepared per connection stay bounded.
 */
export function transactionListStatement(tenantId: string, query: TransactionListQuery): Statement {
  if (!Number.isSafeInteger(query.take) || query.take < 1 || query.take > maxTake)
    throw new RangeError(`a page reads 1 to ${maxTake} rows, not ${query.take}`);
  const values: unknown[] = [tenantId];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = [`t."tenantId" = scope."tenantId"`, `t."deletedAt" IS NULL`];
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
    const value = `${param(typeof query.after.value === 'bigint' ? query.after.value.toString() : query.after.value)}::${sort.cast}`;
    const id = `${param(query.after.id)}::text`;
    // The plain entity list hides the cursor from the row estimate (one-row sub-selects): custom and generic
    // plans then cost the same index walk, so PostgreSQL's plan cache settles on the generic plan instead of
    // re-planning every page (measured 0.77 → 0.40 ms a page). Filtered lists keep the values visible to the planner.
    const bound = onlyEntity(query) ? `((SELECT ${value}), (SELECT ${id}))` : `(${value}, ${id})`;
    where.push(`(t.${sort.column}, t."id") ${sort.desc ? '<' : '>'} ${bound}`);
  }
  const direction = sort.desc ? 'DESC' : 'ASC';
  const limit = onlyEntity(query) ? String(query.take) : param(query.take);
  const text = `SELECT page.* FROM (SELECT set_config('app.tenant_id', $1::text, true) AS "tenantId" OFFSET 0) AS scope
    CROSS JOIN LATERAL (SELECT ${packedRow} FROM "Transaction" t WHERE ${where.join(' AND ')}
      ORDER BY t.${sort.column} ${direction}, t."id" ${direction} LIMIT ${limit}) AS page`;
  return { text, values };
}

/** Splits a packed row (see packedRow) and checks its fields; throws on anything but a well-formed row. */
export function unpackRow(packed: string): TransactionListRow {
  const fields: string[] = [];
  let start = 0;
  for (let n = 0; n < packedFields; n += 1) {
    const end = packed.indexOf(separator, start);
    if (end < 0) throw new Error(`a transaction row has ${n} of its ${packedFields} fields before the description`);
    fields.push(packed.slice(start, end));
    start = end + 1;
  }
  // The loop found all eleven, so the defaults never apply; they only spare a tuple type.
  const [id = '', entityId = '', accountId = '', date = '', amount = '', currency = '', ...rest] = fields;
  const [categoryId = '', vendorId = '', documentId = '', journalEntryId = '', source = ''] = rest;
  const amountMinor = Number(amount);
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError('amount exceeds the JSON-safe integer range');
  if (!dayPattern.test(date) || !sources.has(source) || id === '' || entityId === '' || accountId === '')
    throw new Error(`transaction ${id} was read malformed`);
  return {
    id,
    entityId,
    accountId,
    date,
    description: packed.slice(start),
    amountMinor,
    currency,
    categoryId: categoryId || null,
    vendorId: vendorId || null,
    documentId: documentId || null,
    journalEntryId: journalEntryId || null,
    source: source as TransactionSource,
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

/** Reads one page of a tenant's transactions, with the tenant's RLS setting, in one statement. */
export async function listTransactionsForTenant(
  pool: pg.Pool,
  settings: TransactionListSettings,
  tenantId: string,
  query: TransactionListQuery,
): Promise<TransactionListRow[]> {
  assertTenantId(tenantId);
  const statement = transactionListStatement(tenantId, query);
  const client = await pool.connect();
  let result: pg.QueryResult<[string]>;
  const started = performance.now();
  try {
    result = await client.query<[string]>({
      name: statementName(statement.text),
      text: statement.text,
      values: statement.values,
      rowMode: 'array',
    });
  } finally {
    // The statement was its own transaction: nothing of it (the tenant setting included) outlives it on the connection.
    client.release();
  }
  const durationMs = performance.now() - started;
  // Timed from the checkout, so a wait for the pool is not a slow query. Parameters are left out: they can hold user data.
  if (durationMs >= settings.slowQueryMs) settings.logger.warn({ durationMs: Math.round(durationMs), query: statement.text }, 'slow query');
  return result.rows.map((row) => unpackRow(row[0]));
}
