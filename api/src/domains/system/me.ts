/** Who am I: the signed-in user, the tenant in use, their role, and the entities they can pick. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, id } from '../../http/schemas';

export function registerMeRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/system/me',
    {
      schema: {
        tags: ['system'],
        summary: 'The signed-in user and their tenant',
        response: {
          200: z.object({
            user: z.object({ id, name: z.string(), email: z.string() }),
            tenant: z.object({ id, name: z.string() }),
            role: z.enum(['OWNER', 'ADMIN', 'ACCOUNTANT', 'VIEWER']),
            entities: z.array(z.object({ id, name: z.string(), functionalCurrency: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const db = request.auth.db;
      const [user, tenant, entities] = await Promise.all([
        db.user.findFirst({ where: { id: request.auth.userId } }),
        db.tenant.findFirst({ where: { id: request.auth.tenantId } }),
        db.entity.findMany({ where: { deletedAt: null }, orderBy: { name: 'asc' } }),
      ]);
      return {
        user: { id: request.auth.userId, name: user?.name ?? '', email: user?.email ?? '' },
        tenant: { id: request.auth.tenantId, name: tenant?.name ?? '' },
        role: request.auth.role,
        entities: entities.map((entity) => ({ id: entity.id, name: entity.name, functionalCurrency: entity.functionalCurrency })),
      };
    },
  );
}
