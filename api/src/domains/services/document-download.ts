/**
 * GET /api/services/documents/download?token=…: where the local folder driver's "presigned"
 * links point (S3 serves its own). The signed token is the credential — it names one key and
 * expires — so the route is public, like an S3 URL, and sits outside the session check. Files go
 * out as attachments and never get sniffed into something a browser would run.
 */
import { LocalFolderDriver, StorageError, type StorageDriver } from '@akount/activities/storage';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../http/errors';
import { documentsPath, tags } from './document-access';
import { documentErrors } from './document-schemas';

const query = z.object({ token: z.string().min(1).max(4096).describe('The signed token from GET /:id/file') });

export function registerDocumentDownloadRoute(app: FastifyInstance, storage: StorageDriver): void {
  if (!(storage instanceof LocalFolderDriver)) return;
  // Untyped: the typed provider only sends what the schema describes, and this route sends a stream.
  app.get<{ Querystring: z.output<typeof query> }>(
    `${documentsPath}/download`,
    {
      schema: {
        tags,
        summary: 'Download a file through a signed link (local storage only)',
        security: [],
        querystring: query,
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
          ...documentErrors,
        },
      },
    },
    async (request, reply) => {
      let download;
      try {
        download = await storage.openDownload(request.query.token);
      } catch (error) {
        if (error instanceof StorageError && error.code === 'invalid-token')
          throw new ForbiddenError('This download link is not valid or has expired; ask for a new one');
        if (error instanceof StorageError && error.code === 'not-found') throw new NotFoundError('File');
        throw error;
      }
      return reply
        .header('content-type', download.contentType)
        .header('content-length', download.size)
        .header('content-disposition', download.contentDisposition ?? 'attachment')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(download.body);
    },
  );
}
