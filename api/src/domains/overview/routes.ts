/**
 * The overview numbers: cash per money account, income and expense per month
 * and per category, how many transactions lack a category, how many documents
 * wait for review. Sums are computed in PostgreSQL on integer minor units.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../http/errors';
import { amountMinor, currency, errorResponses, id, isoDate, minorToNumber } from '../../http/schemas';

const overview = z.object({
  entityId: id,
  currency,
  cashByAccount: z.array(z.object({ accountId: id, name: z.string(), type: z.string(), currency, balanceMinor: amountMinor })),
  byMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), incomeMinor: amountMinor, expenseMinor: amountMinor })),
  byCategory: z.array(
    z.object({ categoryId: id.nullable(), name: z.string(), kind: z.enum(['INCOME', 'EXPENSE']), totalMinor: amountMinor }),
  ),
  uncategorizedCount: z.number().int(),
  documentsAwaitingReview: z.number().int(),
});

export function registerOverviewRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/overview',
    {
      schema: {
        tags: ['overview'],
        summary: 'Cash, income and expense, and what needs attention, for one entity',
        querystring: z.object({ entityId: id, from: isoDate.optional(), to: isoDate.optional() }),
        response: { 200: overview, ...errorResponses },
      },
    },
    async (request) => {
      const { entityId } = request.query;
      const from = request.query.from ? new Date(`${request.query.from}T00:00:00Z`) : new Date('1900-01-01T00:00:00Z');
      const to = request.query.to ? new Date(`${request.query.to}T00:00:00Z`) : new Date('9999-12-31T00:00:00Z');
      const db = request.auth.db;
      const entity = await db.entity.findFirst({ where: { id: entityId, deletedAt: null } });
      if (!entity) throw new NotFoundError('Entity');

      const [accounts, balances, months, categories, uncategorizedCount, documentsAwaitingReview] = await Promise.all([
        db.account.findMany({ where: { entityId, deletedAt: null }, orderBy: { name: 'asc' } }),
        db.transaction.groupBy({ by: ['accountId'], where: { entityId, deletedAt: null }, _sum: { amountMinor: true } }),
        db.$queryRaw<{ month: string; income: bigint; expense: bigint }[]>`
          SELECT to_char(date_trunc('month', t."date"), 'YYYY-MM') AS month,
                 COALESCE(SUM(t."amountMinor") FILTER (WHERE t."amountMinor" > 0), 0)::bigint AS income,
                 COALESCE(-SUM(t."amountMinor") FILTER (WHERE t."amountMinor" < 0), 0)::bigint AS expense
            FROM "Transaction" t
           WHERE t."entityId" = ${entityId} AND t."deletedAt" IS NULL AND t."date" BETWEEN ${from} AND ${to}
           GROUP BY 1 ORDER BY 1`,
        db.$queryRaw<{ categoryId: string | null; name: string | null; total: bigint }[]>`
          SELECT t."categoryId", c."name", SUM(t."amountMinor")::bigint AS total
            FROM "Transaction" t LEFT JOIN "Category" c ON c."id" = t."categoryId"
           WHERE t."entityId" = ${entityId} AND t."deletedAt" IS NULL AND t."date" BETWEEN ${from} AND ${to}
           GROUP BY 1, 2 ORDER BY ABS(SUM(t."amountMinor")) DESC`,
        db.transaction.count({ where: { entityId, deletedAt: null, categoryId: null } }),
        db.document.count({ where: { entityId, deletedAt: null, status: 'AWAITING_REVIEW' } }),
      ]);
      const sums = new Map(balances.map((row) => [row.accountId, row._sum.amountMinor ?? 0n]));
      return {
        entityId,
        currency: entity.functionalCurrency,
        cashByAccount: accounts.map((account) => ({
          accountId: account.id,
          name: account.name,
          type: account.type,
          currency: account.currency,
          balanceMinor: minorToNumber(account.openingBalanceMinor + (sums.get(account.id) ?? 0n)),
        })),
        byMonth: months.map((row) => ({
          month: row.month,
          incomeMinor: minorToNumber(row.income),
          expenseMinor: minorToNumber(row.expense),
        })),
        byCategory: categories.map((row) => ({
          categoryId: row.categoryId,
          name: row.name ?? 'Uncategorized',
          kind: row.total >= 0n ? ('INCOME' as const) : ('EXPENSE' as const),
          totalMinor: minorToNumber(row.total < 0n ? -row.total : row.total),
        })),
        uncategorizedCount,
        documentsAwaitingReview,
      };
    },
  );
}
