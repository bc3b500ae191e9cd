/**
 * The document routes that change something: upload (stage, check, queue, start the scan) and
 * the review actions the workflow listens for — approve (an update, so the caller learns at once
 * whether the scan took it), reject and retry (signals), cancel. Each needs a role that may write
 * (VIEWER is read-only), finds the document in the caller's tenant first and leaves an audit row.
 */
import { isTerminalStatus } from '@akount/contracts';
import type { Prisma } from '@akount/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../http/audit';
import { documentsPath, loadDocument, params, scanStatus, tags, type DocumentRouteDeps } from './document-access';
import { ScanStateError } from './document-errors';
import { admitUpload } from './document-intake';
import { actionAnswer, approveAnswer, approveBody, documentErrors, rejectBody, uploadAccepted, uploadForm } from './document-schemas';
import { scanActions } from './document-scans';
import { receiveUpload } from './document-upload';

type Decision = 'approve' | 'reject' | 'retry' | 'cancel';

async function recordDecision(request: FastifyRequest, row: Prisma.DocumentModel, decision: Decision, detail: object = {}) {
  await request.auth.db.$tenantTransaction((tx) =>
    audit(tx, request, { action: 'update', resourceType: 'Document', resourceId: row.id, before: row, after: { decision, ...detail } }),
  );
}

/** The form is streamed by the handler (document-upload.ts); the body schema is there for OpenAPI only. */
const streamedBody = () => (data: unknown) => ({ value: data });

export function registerDocumentActions(app: FastifyInstance, deps: DocumentRouteDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const client = deps.temporal;

  routes.post(
    `${documentsPath}/upload`,
    {
      config: deps.aiRateLimit,
      validatorCompiler: streamedBody,
      schema: {
        tags,
        summary: 'Upload a receipt, invoice or statement (PDF, PNG or JPEG) and start its scan',
        description: 'multipart/form-data: the optional entityId and accountId fields first, then the file.',
        consumes: ['multipart/form-data'],
        body: uploadForm,
        response: { 202: uploadAccepted, ...documentErrors },
      },
    },
    async (request, reply) => {
      request.auth.require('ACCOUNTANT', 'upload documents');
      const staged = await receiveUpload(request, deps.storage, {
        maxBytes: deps.config.UPLOAD_MAX_BYTES,
        maxPages: deps.config.DOCUMENT_MAX_PAGES,
      });
      await admitUpload(request, staged, {
        storage: deps.storage,
        scans: deps.scans,
        reviewStaleDays: deps.config.DOCUMENT_REVIEW_STALE_DAYS,
      });
      return reply
        .code(202)
        .send({ documentId: staged.documentId, status: 'QUEUED' as const, statusUrl: `${documentsPath}/${staged.documentId}/status` });
    },
  );

  routes.post(
    `${documentsPath}/:id/approve`,
    {
      schema: {
        tags,
        summary: 'Approve the reviewed document, with your corrections; it is then posted',
        params,
        body: approveBody,
        response: { 200: approveAnswer, ...documentErrors },
      },
    },
    async (request) => {
      request.auth.require('ACCOUNTANT', 'approve documents');
      const row = await loadDocument(request, request.params.id);
      // The row mirrors the workflow, which writes AWAITING_REVIEW before it waits for an approval:
      // a scan still in its stages is answered here, without a round trip to a worker that may not
      // be there. NEEDS_ATTENTION goes to the workflow: after a failed posting, approving again with
      // corrected edits is how the user fixes it (its validator refuses the other failures).
      if (row.status === 'COMPLETED') return { documentId: row.id, accepted: false, status: row.status };
      if (isTerminalStatus(row.status))
        throw new ScanStateError(`The document is ${row.status.toLowerCase()}; there is nothing to approve`);
      if (!['AWAITING_REVIEW', 'POSTING', 'NEEDS_ATTENTION'].includes(row.status))
        throw new ScanStateError(`Only a document awaiting review can be approved; this one is ${row.status}`);
      const result = await scanActions(client, row.id).approve({ edits: request.body.edits, userId: request.auth.userId });
      await recordDecision(request, row, 'approve', { edits: request.body.edits, accepted: result.accepted });
      return { documentId: row.id, accepted: result.accepted, status: result.status };
    },
  );

  routes.post(
    `${documentsPath}/:id/reject`,
    {
      schema: {
        tags,
        summary: 'Dismiss a document awaiting review: nothing is posted',
        params,
        body: rejectBody.nullish().describe('Optional: why it was rejected'),
        response: { 202: actionAnswer, ...documentErrors },
      },
    },
    async (request, reply) => {
      request.auth.require('ACCOUNTANT', 'reject documents');
      const row = await loadDocument(request, request.params.id);
      const current = await scanStatus(client, row);
      if (current.status !== 'AWAITING_REVIEW')
        throw new ScanStateError(`Only a document awaiting review can be rejected; this one is ${current.status}`);
      const reason = request.body?.reason;
      await scanActions(client, row.id).reject(request.auth.userId, reason);
      await recordDecision(request, row, 'reject', reason === undefined ? {} : { reason });
      return reply.code(202).send({ documentId: row.id, status: current.status });
    },
  );

  routes.post(
    `${documentsPath}/:id/retry`,
    {
      config: deps.aiRateLimit,
      schema: {
        tags,
        summary: 'Resume a scan that needs attention from the stage that failed',
        params,
        response: { 202: actionAnswer, ...documentErrors },
      },
    },
    async (request, reply) => {
      request.auth.require('ACCOUNTANT', 'retry scans');
      const row = await loadDocument(request, request.params.id);
      const current = await scanStatus(client, row);
      if (current.status !== 'NEEDS_ATTENTION')
        throw new ScanStateError(`Only a scan that needs attention can be retried; this one is ${current.status}`);
      await scanActions(client, row.id).retry();
      await recordDecision(request, row, 'retry');
      return reply.code(202).send({ documentId: row.id, status: current.status });
    },
  );

  routes.post(
    `${documentsPath}/:id/cancel`,
    {
      schema: {
        tags,
        summary: 'Cancel a scan: its staged file is removed and it ends as CANCELLED',
        params,
        response: { 202: actionAnswer, ...documentErrors },
      },
    },
    async (request, reply) => {
      request.auth.require('ACCOUNTANT', 'cancel scans');
      const row = await loadDocument(request, request.params.id);
      const current = await scanStatus(client, row);
      if (current.terminal) throw new ScanStateError(`The scan has already ended (${current.status})`);
      await scanActions(client, row.id).cancel();
      await recordDecision(request, row, 'cancel');
      return reply.code(202).send({ documentId: row.id, status: current.status });
    },
  );
}
