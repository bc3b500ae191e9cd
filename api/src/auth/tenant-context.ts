/**
 * Who is calling and for which tenant: verifies the bearer token, finds the
 * user and their memberships (cached briefly), picks the tenant (the
 * `x-tenant-id` header, else the user's first membership) and hands routes a
 * tenant-scoped database client. A tenant the user does not belong to
 * answers 404, like any other tenant's resource.
 *
 * The identity cache (identity-cache.ts) is per process and read-through with
 * a fixed TTL, so with several API instances a membership change (a removed
 * member) still takes effect everywhere within identityTtlMs; instances never
 * need to tell each other anything.
 */
import type { Database, TenantDb } from '@akount/db';
import type { Logger } from '@akount/logger';
import type { FastifyRequest } from 'fastify';
import { NotFoundError, UnauthenticatedError } from '../http/errors';
import { createIdentityCache } from './identity-cache';
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
}

/** A membership change applies everywhere within this long; a busy user's entry is refreshed in the background after two thirds of it. */
const identityTtlMs = 30_000;
const identityRefreshAfterMs = 20_000;

export interface AuthenticatorSettings {
  /** A background identity refresh failed; the cached identity is served until it expires. */
  onRefreshError?: (error: unknown) => void;
}

export function createAuthenticator(database: Database, verifier: SessionVerifier, settings: AuthenticatorSettings = {}) {
  async function lookUp(clerkUserId: string): Promise<Identity> {
    const user = await database.forUser({ clerkUserId }).user.findFirst({ where: { clerkUserId, deletedAt: null } });
    if (!user) throw new UnauthenticatedError('This account is not set up in Akount yet');
    const memberships = await database
      .forUser({ userId: user.id })
      .tenantUser.findMany({ where: { userId: user.id, deletedAt: null }, orderBy: { createdAt: 'asc' } });
    return { userId: user.id, memberships: memberships.map((m) => ({ tenantId: m.tenantId, role: m.role })) };
  }

  const identities = createIdentityCache(lookUp, {
    ttlMs: identityTtlMs,
    refreshAfterMs: identityRefreshAfterMs,
    onRefreshError: settings.onRefreshError,
  });

  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new UnauthenticatedError();
    const session = await verifier.verify(match[1]);
    const identity = await identities.get(session.clerkUserId);
    const wanted = request.headers['x-tenant-id'];
    const membership = typeof wanted === 'string' ? identity.memberships.find((m) => m.tenantId === wanted) : identity.memberships[0];
    if (!membership) throw new NotFoundError('Tenant');
    // Fastify gives each request its own pino child: adding to its bindings costs a fifth of a child of that child, and
    // the request's closing log line (written through reply.log, the same logger) carries the tenant and user too.
    // (buildApp's logger is pino, so Fastify's request loggers are pino children; its types only show the common subset.)
    (request.log as unknown as Logger).setBindings({ tenantId: membership.tenantId, userId: identity.userId });
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
