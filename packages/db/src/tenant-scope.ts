/**
 * The first wall of tenant isolation: a Prisma extension that adds
 * `tenantId` to every read filter and every write, and refuses a write that
 * names another tenant. It does not talk to the database itself; the client
 * (client.ts) runs each scoped query with the RLS setting as the second wall.
 */
import { Prisma } from './generated/client';

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantScopeError';
  }
}

/** Models without a tenantId column; everything else is tenant-scoped. */
const unscopedModels = new Set(['User', 'Tenant']);

const filteredOperations = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
  'upsert',
]);

const createOperations = new Set(['create', 'createMany', 'createManyAndReturn']);

type Row = Record<string, unknown>;

export function assertTenantId(tenantId: string): void {
  if (typeof tenantId !== 'string' || tenantId.trim() === '') {
    throw new TenantScopeError('a tenant id is required for tenant-scoped database access');
  }
}

function stampRow(row: Row, tenantId: string, model: string): Row {
  if ('tenant' in row) {
    throw new TenantScopeError(`${model}: set tenantId through the tenant-scoped client, not a tenant relation`);
  }
  if (row.tenantId !== undefined && row.tenantId !== tenantId) {
    throw new TenantScopeError(`${model}: refusing to write a row for another tenant`);
  }
  return { ...row, tenantId };
}

function guardUpdateData(data: unknown, tenantId: string, model: string): void {
  if (data && typeof data === 'object' && 'tenantId' in data && (data as Row).tenantId !== tenantId) {
    throw new TenantScopeError(`${model}: refusing to move a row to another tenant`);
  }
}

/**
 * Adds the tenant condition with AND, so a caller's own tenantId condition
 * (say, another tenant's) can only narrow the result, never replace the scope.
 * AND is allowed in unique filters too, so this works for findUnique/update.
 */
function withTenantFilter(where: Row | undefined, key: string, tenantId: string): Row {
  const existing = where?.AND;
  const conditions = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return { ...(where ?? {}), AND: [...conditions, { [key]: tenantId }] };
}

export function scopeArgs(model: string, operation: string, args: Row | undefined, tenantId: string): Row | undefined {
  const scoped: Row = { ...(args ?? {}) };
  const key = model === 'Tenant' ? 'id' : 'tenantId';

  if (filteredOperations.has(operation)) {
    scoped.where = withTenantFilter(scoped.where as Row | undefined, key, tenantId);
    guardUpdateData(scoped.data, tenantId, model);
  }
  if (operation === 'upsert') {
    scoped.create = model === 'Tenant' ? { ...(scoped.create as Row), id: tenantId } : stampRow(scoped.create as Row, tenantId, model);
    guardUpdateData(scoped.update, tenantId, model);
  }
  if (createOperations.has(operation)) {
    if (model === 'Tenant') {
      const rows = Array.isArray(scoped.data) ? (scoped.data as Row[]) : [scoped.data as Row];
      if (rows.some((row) => row.id !== tenantId)) throw new TenantScopeError('Tenant: can only create the tenant of this scope');
    } else if (Array.isArray(scoped.data)) {
      scoped.data = (scoped.data as Row[]).map((row) => stampRow(row, tenantId, model));
    } else {
      scoped.data = stampRow(scoped.data as Row, tenantId, model);
    }
  }
  return scoped;
}

export function tenantScope(tenantId: string) {
  assertTenantId(tenantId);
  return Prisma.defineExtension({
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (unscopedModels.has(model) && model !== 'Tenant') return query(args);
          return query(scopeArgs(model, operation, args as Row, tenantId) as typeof args);
        },
      },
    },
  });
}
