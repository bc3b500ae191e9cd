/** Journal entries: read-only views of the double-entry books (entries are written by postings). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../http/errors';
import { pageArgs, toPage } from '../../http/pagination';
import { amountMinor, currency, dateOnly, errorResponses, id, isoDate, minorToNumber, page, pageQuery } from '../../http/schemas';

const line = z.object({
  id,
  glAccountId: id,
  debitMinor: amountMinor,
  creditMinor: amountMinor,
  currency,
  description: z.string().nullable(),
});
const entry = z.object({
  id,
  entityId: id,
  date: isoDate,
  memo: z.string(),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  lines: z.array(line),
});

type Entry = { id: string; entityId: string; date: Date; memo: string; sourceType: string; sourceId: string | null };
type Line = { id: string; glAccountId: string; debitMinor: bigint; creditMinor: bigint; currency: string; description: string | null };

function show(row: Entry & { lines: Line[] }): z.output<typeof entry> {
  return {
    id: row.id,
    entityId: row.entityId,
    date: dateOnly(row.date),
    memo: row.memo,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    lines: row.lines.map((l) => ({
      id: l.id,
      glAccountId: l.glAccountId,
      debitMinor: minorToNumber(l.debitMinor),
      creditMinor: minorToNumber(l.creditMinor),
      currency: l.currency,
      description: l.description,
    })),
  };
}

const day = (value: string) => new Date(`${value}T00:00:00Z`);

export function registerJournalEntryRoutes(app: FastifyInstance): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounting'];

  routes.get(
    '/api/accounting/journal-entries',
    {
      schema: {
        tags,
        summary: 'List journal entries with their lines',
        querystring: z.object({
          ...pageQuery,
          entityId: id.optional(),
          glAccountId: id.optional().describe('Only entries touching this GL account'),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: page(entry), ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query;
      const rows = await request.auth.db.journalEntry.findMany({
        where: {
          ...(query.entityId ? { entityId: query.entityId } : {}),
          ...(query.glAccountId ? { lines: { some: { glAccountId: query.glAccountId } } } : {}),
          ...(query.from || query.to
            ? { date: { ...(query.from ? { gte: day(query.from) } : {}), ...(query.to ? { lte: day(query.to) } : {}) } }
            : {}),
        },
        include: { lines: { orderBy: { debitMinor: 'desc' } } },
        orderBy: [{ date: 'desc' }, { id: 'desc' }],
        ...pageArgs(query.limit, query.cursor),
      });
      return toPage(rows, query.limit, show);
    },
  );

  routes.get(
    '/api/accounting/journal-entries/:id',
    { schema: { tags, summary: 'Get a journal entry', params: z.object({ id }), response: { 200: entry, ...errorResponses } } },
    async (request) => {
      const row = await request.auth.db.journalEntry.findFirst({
        where: { id: request.params.id },
        include: { lines: { orderBy: { debitMinor: 'desc' } } },
      });
      if (!row) throw new NotFoundError('Journal entry');
      return show(row);
    },
  );
}
