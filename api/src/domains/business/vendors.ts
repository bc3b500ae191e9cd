/** Vendors: who money goes to or comes from. Names are unique per entity, case- and space-insensitively. */
import { normalizeVendorName, type TenantTransaction } from '@akount/db';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UnprocessableError } from '../../http/errors';
import { registerResourceRoutes } from '../../http/resource-routes';
import { id } from '../../http/schemas';

const vendor = z.object({ id, entityId: id, name: z.string(), taxId: z.string().nullable(), defaultCategoryId: id.nullable() });
const fields = {
  name: z.string().trim().min(1).max(160),
  taxId: z.string().trim().max(40).nullable().optional(),
  defaultCategoryId: id.nullable().optional(),
};

async function prepare(tx: TenantTransaction, data: Record<string, unknown>, existing?: { entityId?: string }) {
  if (data.defaultCategoryId) {
    const found = await tx.category.findFirst({
      where: { id: String(data.defaultCategoryId), entityId: String(existing?.entityId ?? data.entityId), deletedAt: null },
    });
    if (!found) throw new UnprocessableError('defaultCategoryId must be a category of the same entity');
  }
  return typeof data.name === 'string' ? { ...data, normalizedName: normalizeVendorName(data.name) } : data;
}

export function registerVendorRoutes(app: FastifyInstance): void {
  registerResourceRoutes(app, {
    path: '/api/business/vendors',
    name: 'Vendor',
    tag: 'business',
    model: (tx) => tx.vendor,
    create: z.object({ entityId: id, ...fields }).strict(),
    update: z.object(fields).partial().strict(),
    output: vendor,
    show: (row) => ({
      id: row.id,
      entityId: String(row.entityId),
      name: String(row.name),
      taxId: (row.taxId as string | null) ?? null,
      defaultCategoryId: (row.defaultCategoryId as string | null) ?? null,
    }),
    writeRole: 'ACCOUNTANT',
    entityScoped: true,
    filters: z.object({ q: z.string().trim().min(1).max(100).optional().describe('Name contains') }),
    where: (query) => (query.q ? { normalizedName: { contains: normalizeVendorName(String(query.q)) } } : {}),
    orderBy: [{ normalizedName: 'asc' }, { id: 'asc' }],
    prepare,
  });
}
