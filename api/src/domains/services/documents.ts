/**
 * Document routes under /api/services/documents (DESIGN §4): list, read, scan status and a
 * short-lived file link here; upload and the review actions in document-actions.ts. Every route
 * runs in the caller's tenant scope: another tenant's document is simply not found (404).
 */
import { scopedToTenant } from '@akount/activities/storage';
import type { Prisma } from '@akount/db';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, NotFoundError } from '../../http/errors';
import { decodeKeyset, toKeysetPage } from '../../http/pagination';
import { page } from '../../http/schemas';
import { documentsPath, loadDocument, params, scanStatus, tags, type DocumentRouteDeps } from './document-access';
import { registerDocumentActions } from './document-actions';
import {
  documentDetail,
  documentErrors,
  documentOut,
  fileLink,
  listQuery,
  scanStatusOut,
  showDocument,
  showExtraction,
  toDbDocType,
} from './document-schemas';
import { multipartLimits } from './document-upload';

/** File links live one hour (DESIGN §4). */
const fileLinkSeconds = 3600;

/** Newest first; the cursor is the last row's (createdAt, id). */
function listCursor(cursor: string | undefined): Prisma.DocumentWhereInput | undefined {
  const after = decodeKeyset(cursor);
  if (!after) return undefined;
  const at = typeof after.value === 'string' ? new Date(after.value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()))
    throw new AppError('VALIDATION_FAILED', 400, 'cursor is not valid', [{ path: 'querystring.cursor', message: 'malformed' }]);
  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }] };
}

const dayStart = (value: string) => new Date(`${value}T00:00:00.000Z`);
const dayAfter = (value: string) => new Date(dayStart(value).getTime() + 24 * 3600 * 1000);

function registerReadRoutes(app: FastifyInstance, deps: DocumentRouteDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    documentsPath,
    {
      schema: {
        tags,
        summary: 'List documents, newest first',
        querystring: listQuery,
        response: { 200: page(documentOut), ...documentErrors },
      },
    },
    async (request) => {
      const query = request.query;
      const after = listCursor(query.cursor);
      const rows = await request.auth.db.document.findMany({
        where: {
          deletedAt: null,
          ...(query.status ? { status: { in: query.status } } : {}),
          ...(query.docType ? { docType: toDbDocType(query.docType) } : {}),
          ...(query.entityId ? { entityId: query.entityId } : {}),
          ...(query.q ? { fileName: { contains: query.q, mode: 'insensitive' as const } } : {}),
          createdAt: { ...(query.from ? { gte: dayStart(query.from) } : {}), ...(query.to ? { lt: dayAfter(query.to) } : {}) },
          ...(after ? { AND: [after] } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
      });
      return toKeysetPage(rows, query.limit, (row) => row.createdAt.toISOString(), showDocument);
    },
  );

  routes.get(
    `${documentsPath}/:id`,
    {
      schema: { tags, summary: 'Get a document with its latest extraction', params, response: { 200: documentDetail, ...documentErrors } },
    },
    async (request) => {
      const row = await loadDocument(request, request.params.id);
      const extraction = await request.auth.db.documentExtraction.findFirst({
        where: { documentId: row.id },
        orderBy: { version: 'desc' },
      });
      return { ...showDocument(row), extraction: extraction ? showExtraction(extraction) : null };
    },
  );

  routes.get(
    `${documentsPath}/:id/status`,
    {
      schema: {
        tags,
        summary: "A document's scan progress: every stage with its state, attempts and last error",
        params,
        response: { 200: scanStatusOut, ...documentErrors },
      },
    },
    async (request) => scanStatus(deps.temporal, await loadDocument(request, request.params.id)),
  );

  routes.get(
    `${documentsPath}/:id/file`,
    { schema: { tags, summary: 'A link to download the file (valid for 1 hour)', params, response: { 200: fileLink, ...documentErrors } } },
    async (request) => {
      const row = await loadDocument(request, request.params.id);
      const storage = scopedToTenant(deps.storage, request.auth.tenantId);
      if (!(await storage.exists(row.storageKey))) throw new NotFoundError('Document file');
      const expiresAt = new Date(Date.now() + fileLinkSeconds * 1000);
      const url = await storage.presignedGetUrl(row.storageKey, { expiresInSeconds: fileLinkSeconds, downloadName: row.fileName });
      return { url, expiresAt: expiresAt.toISOString() };
    },
  );
}

/** Registers every document route in its own scope, the only one that parses multipart bodies. */
export async function registerDocumentRoutes(app: FastifyInstance, deps: DocumentRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: multipartLimits(deps.config.UPLOAD_MAX_BYTES), throwFileSizeLimit: false });
    registerReadRoutes(scope, deps);
    registerDocumentActions(scope, deps);
  });
}
