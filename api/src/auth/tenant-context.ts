/**
 * Who is calling and for which tenant: verifies the bearer token, finds the
 * user and their memberships (cached briefly), picks the tenant (the
 * `x-tenant-id` header, else the user's first membership) and hands routes a
 * tenant-scoped database client. A tenant the user does not belong to
 * answers 404, like any other tenant's resource.
 *
 * The identity cache is per process and read-through with a fixed TTL, so
 * with several API instances a membership change (a removed member) still
 * takes effect everywhere within identityTtlMs; instances never need to tell
 * each other anything.
 */
import type { Database, TenantDb } from '@akount/db';
import type { FastifyRequest } from 'fastify';
import { NotFoundError, UnauthenticatedError } from '../http/errors';
import { requireRole, type Role } from './roles';
import type { SessionVerifier } from './session-tokens';

export interface RequestAuth {
  userId: string;
  clerkUserId: string;
  tenantId: string;
  role: Role;
  db: TenantDb;
  /** Throws 403 unless the caller's role is at least `needed`. */
  require(needed: Role, action: string): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth;
  }
}

interface Identity {
  userId: string;
  memberships: { tenantId: string; role: Role }[];
  expiresAt: number;
}

const identityTtlMs = 30_000;

export function createAuthenticator(database: Database, verifier: SessionVerifier) {
  const identities = new Map<string, Identity>();

  async function identify(clerkUserId: string): Promise<Identity> {
    const cached = identities.get(clerkUserId);
    if (cached && cached.expiresAt > Date.now()) return cached;
    const user = await database.forUser({ clerkUserId }).user.findFirst({ where: { clerkUserId, deletedAt: null } });
    if (!user) throw new UnauthenticatedError('This account is not set up in Akount yet');
    const memberships = await database
      .forUser({ userId: user.id })
      .tenantUser.findMany({ where: { userId: user.id, deletedAt: null }, orderBy: { createdAt: 'asc' } });
    const identity = {
      userId: user.id,
      memberships: memberships.map((m) => ({ tenantId: m.tenantId, role: m.role })),
      expiresAt: Date.now() + identityTtlMs,
    };
    if (identities.size > 10_000) identities.clear();
    identities.set(clerkUserId, identity);
    return identity;
  }

  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new UnauthenticatedError();
    const session = await verifier.verify(match[1]);
    const identity = await identify(session.clerkUserId);
    const wanted = request.headers['x-tenant-id'];
    const membership = typeof wanted === 'string' ? identity.memberships.find((m) => m.tenantId === wanted) : identity.memberships[0];
    if (!membership) throw new NotFoundError('Tenant');
    request.log = request.log.child({ tenantId: membership.tenantId, userId: identity.userId });
    request.auth = {
      userId: identity.userId,
      clerkUserId: session.clerkUserId,
      tenantId: membership.tenantId,
      role: membership.role,
      db: database.forTenant(membership.tenantId),
      require: (needed, action) => requireRole(membership.role, needed, action),
    };
  };
}
