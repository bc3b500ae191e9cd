/** The chart of accounts. Codes are unique per entity among live rows. */
import type { TenantTransaction } from '@akount/db';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UnprocessableError } from '../../http/errors';
import { registerResourceRoutes } from '../../http/resource-routes';
import { id } from '../../http/schemas';

const glTypes = ['ASSET', 'LIABILITY', 'EQUITY', 'INCOME', 'EXPENSE'] as const;

const glAccount = z.object({
  id,
  entityId: id,
  code: z.string(),
  name: z.string(),
  type: z.enum(glTypes),
  parentId: id.nullable(),
  isSystem: z.boolean(),
});

const fields = {
  code: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/, 'must be 1–20 letters, digits, dots or dashes'),
  name: z.string().trim().min(1).max(120),
  type: z.enum(glTypes),
  parentId: id.nullable().optional(),
};

async function prepare(tx: TenantTransaction, data: Record<string, unknown>, existing?: { entityId?: string }) {
  if (data.parentId) {
    const parent = await tx.gLAccount.findFirst({
      where: { id: String(data.parentId), entityId: String(existing?.entityId ?? data.entityId), deletedAt: null },
    });
    if (!parent) throw new UnprocessableError('parentId must be a GL account of the same entity');
  }
  return data;
}

export function registerGlAccountRoutes(app: FastifyInstance): void {
  registerResourceRoutes(app, {
    path: '/api/accounting/gl-accounts',
    name: 'GL account',
    tag: 'accounting',
    model: (tx) => tx.gLAccount,
    create: z.object({ entityId: id, ...fields }).strict(),
    update: z.object(fields).partial().strict(),
    output: glAccount,
    show: (row) => ({
      id: row.id,
      entityId: String(row.entityId),
      code: String(row.code),
      name: String(row.name),
      type: row.type as (typeof glTypes)[number],
      parentId: (row.parentId as string | null) ?? null,
      isSystem: Boolean(row.isSystem),
    }),
    writeRole: 'ADMIN',
    entityScoped: true,
    filters: z.object({ type: z.enum(glTypes).optional() }),
    where: (query) => (query.type ? { type: query.type } : {}),
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
    prepare,
  });
}
