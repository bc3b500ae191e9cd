/**
 * The Clerk webhook (POST /api/webhooks/clerk): verifies the svix signature
 * over the raw body, then keeps our users in step with Clerk. A new user gets
 * their own tenant, as OWNER, with a first entity and the default chart of
 * accounts, so they can start right away. Deleted users are soft-deleted.
 * Registered only when CLERK_WEBHOOK_SECRET is set.
 */
import { randomUUID } from 'node:crypto';
import { createChartOfAccounts, type Database } from '@akount/db';
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'svix';
import { z } from 'zod';
import { AppError, UnauthenticatedError } from '../../http/errors';

const clerkUser = z.object({
  id: z.string(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  primary_email_address_id: z.string().nullable().optional(),
  email_addresses: z.array(z.object({ id: z.string(), email_address: z.string() })).default([]),
});

const event = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user.created'), data: clerkUser }),
  z.object({ type: z.literal('user.updated'), data: clerkUser }),
  z.object({ type: z.literal('user.deleted'), data: z.object({ id: z.string() }) }),
]);

function profile(user: z.output<typeof clerkUser>) {
  const primary = user.email_addresses.find((address) => address.id === user.primary_email_address_id) ?? user.email_addresses[0];
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return { email: primary?.email_address ?? '', name: name || primary?.email_address || 'New user' };
}

async function createUserWithTenant(database: Database, user: z.output<typeof clerkUser>) {
  const userId = randomUUID();
  const { email, name } = profile(user);
  await database.forUser({ userId }).user.create({ data: { id: userId, clerkUserId: user.id, email, name } });
  const tenantId = randomUUID();
  await database.forTenant(tenantId).$tenantTransaction(async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: `${name}'s business` } });
    await tx.tenantUser.create({ data: { tenantId, userId, role: 'OWNER' } });
    const entity = await tx.entity.create({ data: { tenantId, name: `${name}'s business`, functionalCurrency: 'USD', country: 'US' } });
    await createChartOfAccounts(tx, tenantId, entity.id);
  });
}

export async function applyClerkEvent(database: Database, payload: unknown): Promise<'created' | 'updated' | 'deleted' | 'ignored'> {
  const parsed = event.safeParse(payload);
  if (!parsed.success) return 'ignored';
  const { type, data } = parsed.data;
  const existing = await database.forUser({ clerkUserId: data.id }).user.findFirst({ where: { clerkUserId: data.id } });
  if (type === 'user.deleted') {
    if (!existing) return 'ignored';
    await database.forUser({ userId: existing.id }).user.update({ where: { id: existing.id }, data: { deletedAt: new Date() } });
    return 'deleted';
  }
  if (existing) {
    await database
      .forUser({ userId: existing.id })
      .user.update({ where: { id: existing.id }, data: { ...profile(data), deletedAt: null } });
    return 'updated';
  }
  await createUserWithTenant(database, data);
  return 'created';
}

export function registerClerkWebhook(app: FastifyInstance, database: Database, secret: string): void {
  const verifier = new Webhook(secret);
  app.register(async (scope) => {
    // Signatures cover the exact bytes Clerk sent, so this route keeps the raw body.
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
    scope.post('/api/webhooks/clerk', { schema: { hide: true } }, async (request) => {
      let payload: unknown;
      try {
        payload = verifier.verify(String(request.body), {
          'svix-id': String(request.headers['svix-id'] ?? ''),
          'svix-timestamp': String(request.headers['svix-timestamp'] ?? ''),
          'svix-signature': String(request.headers['svix-signature'] ?? ''),
        });
      } catch {
        throw new UnauthenticatedError('Webhook signature is missing or invalid');
      }
      try {
        return { result: await applyClerkEvent(database, payload) };
      } catch (error) {
        request.log.error({ err: error }, 'clerk webhook failed');
        throw new AppError('INTERNAL', 500, 'Could not apply the webhook event; Clerk will retry');
      }
    });
  });
}
