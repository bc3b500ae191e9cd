/**
 * Transactions: list (date range, account, category, text search, sort,
 * cursor pages), read, and manual create/update/delete, each posting its
 * balanced journal entry and writing the audit log in one database transaction.
 * The list is the app's hottest read: it runs on the db package's plain-pg
 * page reader (`$listTransactions`), still scoped to the caller's tenant.
 */
import type { TenantTransaction, TransactionListQuery } from '@akount/db';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../http/audit';
import { AppError, NotFoundError, UnprocessableError } from '../../http/errors';
import { decodeKeyset, toKeysetPage } from '../../http/pagination';
import { jsonSerializerCompiler } from '../../http/json-serializer';
import { amountMinor, currency, dateOnly, errorResponses, id, isoDate, minorToNumber, page, pageQuery } from '../../http/schemas';
import { postJournalEntry, removeJournalEntry } from './transaction-posting';

const transaction = z.object({
  id,
  entityId: id,
  accountId: id,
  // Output dates come from the database: a plain string keeps serialising a page cheap.
  date: z.string().describe('YYYY-MM-DD'),
  description: z.string(),
  amountMinor,
  currency,
  categoryId: id.nullable(),
  vendorId: id.nullable(),
  documentId: id.nullable(),
  journalEntryId: id.nullable(),
  source: z.enum(['MANUAL', 'DOCUMENT', 'IMPORT']),
});

/** A page of the list: the route's documented response (its rows are checked as they are read, see json-serializer.ts). */
export const transactionPage = page(transaction);

type Row = Awaited<ReturnType<TenantTransaction['transaction']['create']>>;

/** A Prisma row in the API's shape (the list's rows come in that shape from the db package). */
function show(row: Row): z.output<typeof transaction> {
  return {
    id: row.id,
    entityId: row.entityId,
    accountId: row.accountId,
    date: dateOnly(row.date),
    description: row.description,
    amountMinor: minorToNumber(row.amountMinor),
    currency: row.currency,
    categoryId: row.categoryId,
    vendorId: row.vendorId,
    documentId: row.documentId,
    journalEntryId: row.journalEntryId,
    source: row.source,
  };
}

const listQuery = z.object({
  ...pageQuery,
  entityId: id.optional(),
  accountId: id.optional(),
  categoryId: id.optional(),
  uncategorized: z.enum(['true', 'false']).optional().describe('Only transactions without a category'),
  from: isoDate.optional().describe('On or after this date'),
  to: isoDate.optional().describe('On or before this date'),
  q: z.string().trim().min(1).max(100).optional().describe('Description contains (case-insensitive)'),
  sort: z.enum(['date_desc', 'date_asc', 'amount_desc', 'amount_asc']).default('date_desc'),
});

const createBody = z
  .object({
    entityId: id,
    accountId: id,
    date: isoDate,
    description: z.string().trim().min(1).max(500),
    amountMinor: amountMinor.refine((value) => value !== 0, 'must not be zero'),
    currency,
    categoryId: id.nullable().optional(),
    vendorId: id.nullable().optional(),
  })
  .strict();

const updateBody = createBody.omit({ entityId: true, accountId: true, currency: true }).partial().strict();

const day = (value: string) => new Date(`${value}T00:00:00Z`);

/** The keyset cursor of a list sorted by `field`: a cursor from another sort order, or tampered with, is refused. */
function listCursor(cursor: string | undefined, field: 'date' | 'amount'): TransactionListQuery['after'] {
  const after = decodeKeyset(cursor);
  if (!after) return undefined;
  if (typeof after.value !== (field === 'date' ? 'string' : 'number'))
    throw new UnprocessableError('cursor does not belong to this sort order');
  const valid = field === 'date' ? isoDate.safeParse(after.value).success : Number.isSafeInteger(after.value);
  if (!valid) throw new AppError('VALIDATION_FAILED', 400, 'cursor is not valid', [{ path: 'querystring.cursor', message: 'malformed' }]);
  return { value: field === 'date' ? String(after.value) : BigInt(after.value), id: after.id };
}

async function checkVendor(tx: TenantTransaction, entityId: string, vendorId: string | null | undefined) {
  if (!vendorId) return;
  const vendor = await tx.vendor.findFirst({ where: { id: vendorId, entityId, deletedAt: null } });
  if (!vendor) throw new UnprocessableError('vendorId must be a vendor of the same entity');
}

export function registerTransactionRoutes(app: FastifyInstance): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['banking'];
  const params = z.object({ id });

  routes.get(
    '/api/banking/transactions',
    {
      schema: { tags, summary: 'List transactions', querystring: listQuery, response: { 200: transactionPage, ...errorResponses } },
      // The hottest route: its rows are checked as they are read, in the response's shape (see json-serializer.ts).
      serializerCompiler: jsonSerializerCompiler,
    },
    async (request) => {
      const query = request.query;
      const field = query.sort.startsWith('date') ? 'date' : 'amount';
      const rows = await request.auth.db.$listTransactions({
        entityId: query.entityId,
        accountId: query.accountId,
        categoryId: query.categoryId,
        uncategorized: query.uncategorized === 'true',
        from: query.from,
        to: query.to,
        q: query.q,
        sort: query.sort,
        after: listCursor(query.cursor, field),
        take: query.limit + 1,
      });
      return toKeysetPage(
        rows,
        query.limit,
        (row) => (field === 'date' ? row.date : row.amountMinor),
        (row) => row,
      );
    },
  );

  routes.get(
    '/api/banking/transactions/:id',
    { schema: { tags, summary: 'Get a transaction', params, response: { 200: transaction, ...errorResponses } } },
    async (request) => {
      const row = await request.auth.db.transaction.findFirst({ where: { id: request.params.id, deletedAt: null } });
      if (!row) throw new NotFoundError('Transaction');
      return show(row);
    },
  );

  routes.post(
    '/api/banking/transactions',
    {
      schema: {
        tags,
        summary: 'Record a manual transaction (posts a balanced journal entry)',
        body: createBody,
        response: { 201: transaction, ...errorResponses },
      },
    },
    async (request, reply) => {
      request.auth.require('ACCOUNTANT', 'record transactions');
      const body = request.body;
      const tenantId = request.auth.tenantId;
      const created = await request.auth.db.$tenantTransaction(async (tx) => {
        const account = await tx.account.findFirst({ where: { id: body.accountId, entityId: body.entityId, deletedAt: null } });
        if (!account) throw new NotFoundError('Account');
        if (account.currency !== body.currency)
          throw new UnprocessableError(`currency must be the account's currency (${account.currency})`);
        await checkVendor(tx, body.entityId, body.vendorId);
        const journalEntryId = await postJournalEntry(tx, tenantId, {
          entityId: body.entityId,
          accountGlId: account.glAccountId,
          categoryId: body.categoryId ?? null,
          date: day(body.date),
          description: body.description,
          amountMinor: BigInt(body.amountMinor),
          currency: body.currency,
        });
        const row = await tx.transaction.create({
          data: {
            tenantId,
            entityId: body.entityId,
            accountId: account.id,
            date: day(body.date),
            description: body.description,
            amountMinor: BigInt(body.amountMinor),
            currency: body.currency,
            categoryId: body.categoryId ?? null,
            vendorId: body.vendorId ?? null,
            journalEntryId,
            source: 'MANUAL',
          },
        });
        await tx.journalEntry.update({ where: { id: journalEntryId }, data: { sourceId: row.id } });
        await audit(tx, request, { action: 'create', resourceType: 'Transaction', resourceId: row.id, after: row });
        return row;
      });
      return reply.code(201).send(show(created));
    },
  );

  routes.patch(
    '/api/banking/transactions/:id',
    {
      schema: {
        tags,
        summary: 'Change a transaction (re-posts its journal entry)',
        params,
        body: updateBody,
        response: { 200: transaction, ...errorResponses },
      },
    },
    async (request) => {
      request.auth.require('ACCOUNTANT', 'change transactions');
      const tenantId = request.auth.tenantId;
      const updated = await request.auth.db.$tenantTransaction(async (tx) => {
        const before = await tx.transaction.findFirst({ where: { id: request.params.id, deletedAt: null }, include: { account: true } });
        if (!before) throw new NotFoundError('Transaction');
        const body = request.body;
        await checkVendor(tx, before.entityId, body.vendorId);
        const next = {
          date: body.date ? day(body.date) : before.date,
          description: body.description ?? before.description,
          amountMinor: body.amountMinor !== undefined ? BigInt(body.amountMinor) : before.amountMinor,
          categoryId: body.categoryId !== undefined ? body.categoryId : before.categoryId,
          vendorId: body.vendorId !== undefined ? body.vendorId : before.vendorId,
        };
        const oldEntry = before.journalEntryId;
        await tx.transaction.update({ where: { id: before.id }, data: { journalEntryId: null } });
        if (oldEntry) await removeJournalEntry(tx, oldEntry);
        const journalEntryId = await postJournalEntry(
          tx,
          tenantId,
          { entityId: before.entityId, accountGlId: before.account.glAccountId, currency: before.currency, ...next },
          before.id,
        );
        const row = await tx.transaction.update({ where: { id: before.id }, data: { ...next, journalEntryId } });
        const { account: _account, ...beforeRow } = before;
        await audit(tx, request, { action: 'update', resourceType: 'Transaction', resourceId: row.id, before: beforeRow, after: row });
        return row;
      });
      return show(updated);
    },
  );

  // Untyped: the typed provider only allows documented statuses, and 204 has no body to document.
  app.delete<{ Params: { id: string } }>(
    '/api/banking/transactions/:id',
    {
      schema: { tags, summary: 'Delete a transaction (removes its journal entry)', params, response: errorResponses },
    },
    async (request, reply) => {
      request.auth.require('ACCOUNTANT', 'delete transactions');
      await request.auth.db.$tenantTransaction(async (tx) => {
        const before = await tx.transaction.findFirst({ where: { id: request.params.id, deletedAt: null } });
        if (!before) throw new NotFoundError('Transaction');
        const row = await tx.transaction.update({ where: { id: before.id }, data: { deletedAt: new Date(), journalEntryId: null } });
        if (before.journalEntryId) await removeJournalEntry(tx, before.journalEntryId);
        await audit(tx, request, { action: 'delete', resourceType: 'Transaction', resourceId: row.id, before, after: row });
      });
      return reply.code(204).send(null);
    },
  );
}
