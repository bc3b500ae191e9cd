/**
 * The demo users offered by the local dev sign-in (DESIGN §5). Registered
 * only outside production; in production the route does not exist at all.
 */
import type { Database } from '@akount/db';
import { demoTenants } from '@akount/db';
import type { FastifyInstance } from 'fastify';

export function registerDevUserRoutes(app: FastifyInstance, database: Database): void {
  app.get('/api/auth/dev/users', async () => {
    const users = [];
    for (const demo of demoTenants) {
      const memberships = await database
        .forUser({ userId: demo.user.id })
        .tenantUser.findMany({ where: { userId: demo.user.id, deletedAt: null }, include: { tenant: true, user: true } });
      for (const membership of memberships) {
        users.push({
          clerkUserId: membership.user.clerkUserId,
          name: membership.user.name,
          email: membership.user.email,
          tenantId: membership.tenantId,
          tenantName: membership.tenant.name,
          role: membership.role,
        });
      }
    }
    return { users };
  });
}
