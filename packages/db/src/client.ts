/**
 * Opens the app's database: Prisma 7 on the pg driver adapter, with two ways
 * in and no third. `forTenant(tenantId)` scopes every query to one tenant and
 * runs it with `app.tenant_id` set, so row-level security applies; `forUser`
 * answers the questions asked before a tenant is chosen (who is signing in,
 * which tenants may they enter). There is deliberately no unscoped client.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from '@akount/logger';
import { PrismaClient } from './generated/client';
import { InstrumentedPool } from './pool';
import { createRateLimitCounter, type RateLimitCounter } from './rate-limits';
import { assertTenantId, tenantScope } from './tenant-scope';
import { listTransactionsForTenant, type TransactionListQuery, type TransactionListRow } from './transaction-list';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  slowQueryMs: number;
  poolWaitWarnMs: number;
  logger: Logger;
}

export interface UserContext {
  userId?: string;
  clerkUserId?: string;
}

export class UnsafeDatabaseRoleError extends Error {
  constructor(role: string, reason: string) {
    super(`database role "${role}" ${reason}: row-level security would not apply. Connect as a role without SUPERUSER or BYPASSRLS.`);
    this.name = 'UnsafeDatabaseRoleError';
  }
}

const tenantSetting = 'app.tenant_id';
const userSetting = 'app.user_id';
const clerkSetting = 'app.clerk_user_id';

function createBaseClient(settings: DatabaseSettings) {
  const pool = new InstrumentedPool(settings);
  const base = new PrismaClient({
    adapter: new PrismaPg(pool),
    log: [
      { emit: 'event', level: 'query' },
      { emit: 'event', level: 'warn' },
      { emit: 'event', level: 'error' },
    ],
  });
  base.$on('query', (event) => {
    if (event.duration >= settings.slowQueryMs) {
      // Parameters are left out on purpose: they can hold user data.
      settings.logger.warn({ durationMs: event.duration, query: event.query }, 'slow query');
    }
  });
  base.$on('warn', (event) => settings.logger.warn({ target: event.target }, event.message));
  // Query errors reach the caller, which decides (a unique violation is a 409, not an incident); keep them for debugging.
  base.$on('error', (event) => settings.logger.debug({ target: event.target }, event.message));
  return { base, pool };
}

type BaseClient = ReturnType<typeof createBaseClient>['base'];

function setConfig(client: Pick<BaseClient, '$executeRaw'>, name: string, value: string) {
  return client.$executeRaw`SELECT set_config(${name}, ${value}, true)`;
}

/** Prisma's client property for a model name: `GLAccount` → `gLAccount`. */
const delegateName = (model: string) => model.charAt(0).toLowerCase() + model.slice(1);

function scopedToTenant(base: BaseClient, pool: InstrumentedPool, settings: DatabaseSettings, tenantId: string) {
  assertTenantId(tenantId);
  const injected = injectedFor(base, tenantId);
  return injected.$extends({
    name: 'tenant-rls',
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (model) {
          // Model operations run in a short interactive transaction: measured
          // ~2x cheaper than a batch transaction. `args` already carry the
          // tenant scope (the tenant-scope extension runs before this one), so
          // the base client's transaction runs them as they are.
          return base.$transaction(async (tx) => {
            await setConfig(tx, tenantSetting, tenantId);
            const delegate = (tx as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[delegateName(model)];
            return delegate![operation]!(args);
          });
        }
        const [, result] = await base.$transaction([setConfig(base, tenantSetting, tenantId), query(args)]);
        return result;
      },
    },
    client: {
      /**
       * An interactive transaction in this tenant's scope. Use it, not
       * `$transaction`, for multi-statement writes (e.g. a journal entry).
       */
      $tenantTransaction<R>(work: (tx: TenantTransaction) => Promise<R>, options?: { timeout?: number }): Promise<R> {
        return injected.$transaction(async (tx) => {
          await setConfig(tx, tenantSetting, tenantId);
          return work(tx);
        }, options);
      },
      /** One page of this tenant's transactions, read on plain pg (transaction-list.ts): the hot list skips Prisma. */
      $listTransactions(query: TransactionListQuery): Promise<TransactionListRow[]> {
        return listTransactionsForTenant(pool, settings, tenantId, query);
      },
    },
  });
}

function scopedToUser(base: BaseClient, context: UserContext) {
  if (!context.userId && !context.clerkUserId) throw new Error('forUser needs a userId or a clerkUserId');
  return base.$extends({
    name: 'user-rls',
    query: {
      async $allOperations({ args, query }) {
        const [, , result] = await base.$transaction([
          setConfig(base, userSetting, context.userId ?? ''),
          setConfig(base, clerkSetting, context.clerkUserId ?? ''),
          query(args),
        ]);
        return result;
      },
    },
  });
}

/** The client handed to `$tenantTransaction` work: scoped, inside one transaction. */
export type TenantTransaction = Parameters<Parameters<ReturnType<typeof injectedFor>['$transaction']>[0]>[0];
function injectedFor(base: BaseClient, tenantId: string) {
  return base.$extends(tenantScope(tenantId));
}
export type TenantDb = ReturnType<typeof scopedToTenant>;
export type UserDb = ReturnType<typeof scopedToUser>;

export interface Database {
  forTenant(tenantId: string): TenantDb;
  forUser(context: UserContext): UserDb;
  /** Refuses SUPERUSER and BYPASSRLS roles, which would silently skip RLS. */
  assertRowLevelSecurity(): Promise<void>;
  ping(): Promise<void>;
  poolStats(): { total: number; idle: number; waiting: number; max: number };
  /** Rate-limit counters shared by every process on this database (rate-limits.ts); not tenant data. */
  rateLimits: RateLimitCounter;
  close(): Promise<void>;
}

export function createDatabase(settings: DatabaseSettings): Database {
  const { base, pool } = createBaseClient(settings);
  const tenantClients = new Map<string, TenantDb>();

  return {
    forTenant(tenantId) {
      let client = tenantClients.get(tenantId);
      if (!client) {
        client = scopedToTenant(base, pool, settings, tenantId);
        if (tenantClients.size >= 1000) tenantClients.delete(tenantClients.keys().next().value as string);
        tenantClients.set(tenantId, client);
      }
      return client;
    },
    forUser: (context) => scopedToUser(base, context),
    async assertRowLevelSecurity() {
      const rows = await base.$queryRaw<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }[]>`
        SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`;
      const role = rows[0];
      if (!role) throw new Error('could not read the current database role');
      if (role.rolsuper) throw new UnsafeDatabaseRoleError(role.rolname, 'is a superuser');
      if (role.rolbypassrls) throw new UnsafeDatabaseRoleError(role.rolname, 'has BYPASSRLS');
    },
    async ping() {
      await base.$queryRaw`SELECT 1`;
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 0 }),
    rateLimits: createRateLimitCounter(pool),
    async close() {
      await base.$disconnect();
      await pool.end();
    },
  };
}
