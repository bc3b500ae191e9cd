/**
 * The local dev sign-in (DESIGN §5): lists the seeded demo users and issues
 * them Clerk-format session tokens signed with the dev key, which every API
 * process shares (auth/dev-signing-key.ts). Only registered outside
 * production and when no Clerk keys are configured; in production these
 * routes do not exist.
 */
import type { Database } from '@akount/db';
import { demoTenants } from '@akount/db';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DevSigner } from '../../auth/session-tokens';
import { NotFoundError } from '../../http/errors';
import { errorResponses } from '../../http/schemas';

const demoUser = z.object({
  clerkUserId: z.string(),
  name: z.string(),
  email: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  role: z.string(),
});

async function listDemoUsers(database: Database) {
  const users: z.output<typeof demoUser>[] = [];
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
  return users;
}

export function registerDevUserRoutes(app: FastifyInstance, database: Database, signer: DevSigner, authorizedParty: string): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  routes.get(
    '/api/auth/dev/users',
    { schema: { tags, summary: 'Demo users for the local dev sign-in', response: { 200: z.object({ users: z.array(demoUser) }) } } },
    async () => ({ users: await listDemoUsers(database) }),
  );

  routes.post(
    '/api/auth/dev/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign in as a demo user (local development only)',
        body: z.object({ clerkUserId: z.string().min(1).max(100) }).strict(),
        response: { 200: z.object({ token: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const users = await listDemoUsers(database);
      if (!users.some((user) => user.clerkUserId === request.body.clerkUserId)) throw new NotFoundError('Demo user');
      const expiresIn = 12 * 60 * 60;
      return { token: signer.sign(request.body.clerkUserId, authorizedParty, expiresIn), tokenType: 'Bearer' as const, expiresIn };
    },
  );
}
