/**
 * Routes for a plain tenant-scoped resource (list, create, read, update,
 * soft-delete) from a small description: the Prisma model, the zod schemas,
 * how to show a row, which role may write. Every mutation is audited; rows
 * of other tenants are simply not found (404). Resources with real
 * behaviour (transactions, journal entries) write their own routes.
 */
import type { TenantTransaction } from '@akount/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../auth/roles';
import { audit } from './audit';
import { NotFoundError } from './errors';
import { pageArgs, toPage } from './pagination';
import { errorResponses, id, page, pageQuery } from './schemas';

type Row = { id: string; entityId?: string } & Record<string, unknown>;

/** The part of a Prisma model delegate these routes use. */
interface Delegate {
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  create(args: object): Promise<Row>;
  update(args: object): Promise<Row>;
}

export interface ResourceDefinition<Create extends z.ZodObject, Update extends z.ZodObject, Out extends z.ZodType> {
  /** URL path, e.g. /api/business/vendors */
  path: string;
  /** Singular name for messages and the audit log, e.g. "Vendor" */
  name: string;
  tag: string;
  model: (tx: TenantTransaction) => unknown;
  create: Create;
  update: Update;
  output: Out;
  show: (row: Row) => z.output<Out>;
  /** Role needed to create, update or delete. */
  writeRole: Role;
  /** Resources that belong to an entity accept an `entityId` filter and check it on create. */
  entityScoped: boolean;
  /** Extra list filters from the query string, as a Prisma where. */
  filters?: z.ZodObject;
  where?: (query: Record<string, unknown>) => object;
  orderBy: object[];
  /** Checks and fills data before a write (references in the same entity, normalised names). */
  prepare?: (tx: TenantTransaction, data: Record<string, unknown>, existing?: Row) => Promise<Record<string, unknown>>;
}

async function requireEntity(tx: TenantTransaction, entityId: string): Promise<void> {
  const entity = await tx.entity.findFirst({ where: { id: entityId, deletedAt: null }, select: { id: true } });
  if (!entity) throw new NotFoundError('Entity');
}

export function registerResourceRoutes<Create extends z.ZodObject, Update extends z.ZodObject, Out extends z.ZodType>(
  app: FastifyInstance,
  definition: ResourceDefinition<Create, Update, Out>,
): void {
  // The generic schemas defeat the type provider's inference here, so routes
  // are registered untyped; the zod compilers still validate and serialise.
  const routes = app;
  type WithId = { Params: { id: string } };
  const delegate = (tx: TenantTransaction) => definition.model(tx) as Delegate;
  const params = z.object({ id });
  const listQuery = z.object({
    ...pageQuery,
    ...(definition.entityScoped ? { entityId: id.optional().describe('Only rows of this entity') } : {}),
    ...(definition.filters?.shape ?? {}),
  });
  const tags = [definition.tag];

  async function load(request: FastifyRequest, tx: TenantTransaction, rowId: string): Promise<Row> {
    const row = await delegate(tx).findFirst({ where: { id: rowId, deletedAt: null } });
    if (!row) throw new NotFoundError(definition.name);
    return row;
  }

  routes.get(
    definition.path,
    {
      schema: {
        tags,
        summary: `List ${definition.name.toLowerCase()}s`,
        querystring: listQuery,
        response: { 200: page(definition.output), ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query as Record<string, unknown> & { limit: number; cursor?: string; entityId?: string };
      const rows = await delegate(request.auth.db as unknown as TenantTransaction).findMany({
        where: { deletedAt: null, ...(query.entityId ? { entityId: query.entityId } : {}), ...(definition.where?.(query) ?? {}) },
        orderBy: definition.orderBy,
        ...pageArgs(query.limit, query.cursor),
      });
      return toPage(rows, query.limit, definition.show);
    },
  );

  routes.get<WithId>(
    `${definition.path}/:id`,
    {
      schema: { tags, summary: `Get a ${definition.name.toLowerCase()}`, params, response: { 200: definition.output, ...errorResponses } },
    },
    async (request) => definition.show(await load(request, request.auth.db as unknown as TenantTransaction, request.params.id)),
  );

  routes.post(
    definition.path,
    {
      schema: {
        tags,
        summary: `Create a ${definition.name.toLowerCase()}`,
        body: definition.create,
        response: { 201: definition.output, ...errorResponses },
      },
    },
    async (request, reply) => {
      request.auth.require(definition.writeRole, `create a ${definition.name.toLowerCase()}`);
      const created = await request.auth.db.$tenantTransaction(async (tx) => {
        let data = { ...(request.body as Record<string, unknown>) };
        if (definition.entityScoped) await requireEntity(tx, String(data.entityId));
        if (definition.prepare) data = await definition.prepare(tx, data);
        const row = await delegate(tx).create({ data: { ...data, tenantId: request.auth.tenantId } });
        await audit(tx, request, { action: 'create', resourceType: definition.name, resourceId: row.id, after: row });
        return row;
      });
      return reply.code(201).send(definition.show(created));
    },
  );

  routes.patch<WithId>(
    `${definition.path}/:id`,
    {
      schema: {
        tags,
        summary: `Update a ${definition.name.toLowerCase()}`,
        params,
        body: definition.update,
        response: { 200: definition.output, ...errorResponses },
      },
    },
    async (request) => {
      request.auth.require(definition.writeRole, `change a ${definition.name.toLowerCase()}`);
      const updated = await request.auth.db.$tenantTransaction(async (tx) => {
        const before = await load(request, tx, request.params.id);
        let data = { ...(request.body as Record<string, unknown>) };
        if (definition.prepare) data = await definition.prepare(tx, data, before);
        const row = await delegate(tx).update({ where: { id: before.id }, data });
        await audit(tx, request, { action: 'update', resourceType: definition.name, resourceId: row.id, before, after: row });
        return row;
      });
      return definition.show(updated);
    },
  );

  routes.delete<WithId>(
    `${definition.path}/:id`,
    { schema: { tags, summary: `Delete a ${definition.name.toLowerCase()}`, params, response: errorResponses } },
    async (request, reply) => {
      request.auth.require(definition.writeRole, `delete a ${definition.name.toLowerCase()}`);
      await request.auth.db.$tenantTransaction(async (tx) => {
        const before = await load(request, tx, request.params.id);
        const row = await delegate(tx).update({ where: { id: before.id }, data: { deletedAt: new Date() } });
        await audit(tx, request, { action: 'delete', resourceType: definition.name, resourceId: row.id, before, after: row });
      });
      return reply.code(204).send(null);
    },
  );
}
