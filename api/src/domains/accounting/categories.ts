/** Categories: what a transaction is for; each posts to an income or expense GL account. */
import type { TenantTransaction } from '@akount/db';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UnprocessableError } from '../../http/errors';
import { registerResourceRoutes } from '../../http/resource-routes';
import { id } from '../../http/schemas';

const category = z.object({ id, entityId: id, glAccountId: id, name: z.string() });
const fields = { name: z.string().trim().min(1).max(120), glAccountId: id };

async function prepare(tx: TenantTransaction, data: Record<string, unknown>, existing?: { entityId?: string }) {
  if (data.glAccountId !== undefined) {
    const gl = await tx.gLAccount.findFirst({
      where: { id: String(data.glAccountId), entityId: String(existing?.entityId ?? data.entityId), deletedAt: null },
    });
    if (!gl) throw new UnprocessableError('glAccountId must be a GL account of the same entity');
    if (gl.type !== 'INCOME' && gl.type !== 'EXPENSE')
      throw new UnprocessableError('A category must post to an income or expense GL account');
  }
  return data;
}

export function registerCategoryRoutes(app: FastifyInstance): void {
  registerResourceRoutes(app, {
    path: '/api/accounting/categories',
    name: 'Category',
    tag: 'accounting',
    model: (tx) => tx.category,
    create: z.object({ entityId: id, ...fields }).strict(),
    update: z.object(fields).partial().strict(),
    output: category,
    show: (row) => ({ id: row.id, entityId: String(row.entityId), glAccountId: String(row.glAccountId), name: String(row.name) }),
    writeRole: 'ACCOUNTANT',
    entityScoped: true,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    prepare,
  });
}
