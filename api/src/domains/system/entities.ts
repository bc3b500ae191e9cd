/** Entities: the businesses a tenant keeps books for. Admins manage them. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerResourceRoutes } from '../../http/resource-routes';
import { currency, id } from '../../http/schemas';

const entity = z.object({
  id,
  name: z.string(),
  functionalCurrency: currency,
  country: z.string(),
  createdAt: z.string(),
});

const fields = {
  name: z.string().trim().min(1).max(120),
  functionalCurrency: currency,
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as US'),
};

export function registerEntityRoutes(app: FastifyInstance): void {
  registerResourceRoutes(app, {
    path: '/api/system/entities',
    name: 'Entity',
    tag: 'system',
    model: (tx) => tx.entity,
    create: z.object(fields).strict(),
    update: z.object(fields).partial().strict(),
    output: entity,
    show: (row) => ({
      id: row.id,
      name: String(row.name),
      functionalCurrency: String(row.functionalCurrency),
      country: String(row.country),
      createdAt: (row.createdAt as Date).toISOString(),
    }),
    writeRole: 'ADMIN',
    entityScoped: false,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}
