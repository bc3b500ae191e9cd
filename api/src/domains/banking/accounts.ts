/** Money accounts (bank, card, cash), each backed by an asset or liability GL account. */
import type { TenantTransaction } from '@akount/db';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UnprocessableError } from '../../http/errors';
import { registerResourceRoutes } from '../../http/resource-routes';
import { amountMinor, currency, id, minorToNumber } from '../../http/schemas';

const account = z.object({
  id,
  entityId: id,
  glAccountId: id,
  name: z.string(),
  type: z.enum(['BANK', 'CARD', 'CASH']),
  currency,
  institution: z.string().nullable(),
  mask: z.string().nullable(),
  openingBalanceMinor: amountMinor,
});

const fields = {
  name: z.string().trim().min(1).max(120),
  type: z.enum(['BANK', 'CARD', 'CASH']),
  glAccountId: id,
  currency,
  institution: z.string().trim().max(120).nullable().optional(),
  mask: z
    .string()
    .regex(/^\d{2,6}$/, 'must be the last 2–6 digits')
    .nullable()
    .optional(),
  openingBalanceMinor: amountMinor.optional(),
};

async function prepare(tx: TenantTransaction, data: Record<string, unknown>, existing?: { entityId?: string }) {
  if (data.glAccountId !== undefined) {
    const entityId = existing?.entityId ?? data.entityId;
    const gl = await tx.gLAccount.findFirst({ where: { id: String(data.glAccountId), entityId: String(entityId), deletedAt: null } });
    if (!gl) throw new UnprocessableError('glAccountId must be a GL account of the same entity');
    if (gl.type !== 'ASSET' && gl.type !== 'LIABILITY')
      throw new UnprocessableError('A money account must post to an asset or liability GL account');
  }
  return {
    ...data,
    ...(data.openingBalanceMinor !== undefined ? { openingBalanceMinor: BigInt(data.openingBalanceMinor as number) } : {}),
  };
}

export function registerAccountRoutes(app: FastifyInstance): void {
  registerResourceRoutes(app, {
    path: '/api/banking/accounts',
    name: 'Account',
    tag: 'banking',
    model: (tx) => tx.account,
    create: z.object({ entityId: id, ...fields }).strict(),
    update: z.object(fields).omit({ currency: true }).partial().strict(),
    output: account,
    show: (row) => ({
      id: row.id,
      entityId: String(row.entityId),
      glAccountId: String(row.glAccountId),
      name: String(row.name),
      type: row.type as 'BANK' | 'CARD' | 'CASH',
      currency: String(row.currency),
      institution: (row.institution as string | null) ?? null,
      mask: (row.mask as string | null) ?? null,
      openingBalanceMinor: minorToNumber(row.openingBalanceMinor as bigint),
    }),
    writeRole: 'ADMIN',
    entityScoped: true,
    filters: z.object({ type: z.enum(['BANK', 'CARD', 'CASH']).optional() }),
    where: (query) => (query.type ? { type: query.type } : {}),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    prepare,
  });
}
