/**
 * What every document route shares: its dependencies, the path and OpenAPI tag, the tenant-scoped
 * lookup that makes another tenant's document a plain 404, and the scan status from the best
 * source (document-status.ts).
 */
import type { StorageDriver } from '@akount/activities/storage';
import type { Prisma } from '@akount/db';
import type { Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../http/errors';
import { id } from '../../http/schemas';
import type { ScanStatus } from './document-schemas';
import { readLiveScan, type DocumentScanStarter } from './document-scans';
import { statusFromDatabase, statusFromWorkflow } from './document-status';

export interface DocumentRouteDeps {
  config: { UPLOAD_MAX_BYTES: number; DOCUMENT_MAX_PAGES: number; DOCUMENT_REVIEW_STALE_DAYS: number };
  storage: StorageDriver;
  temporal: Client;
  scans: DocumentScanStarter;
  /** Route config of the AI rate tier (upload, retry). */
  aiRateLimit: object;
}

export const documentsPath = '/api/services/documents';
export const tags = ['services'];
export const params = z.object({ id });

export async function loadDocument(request: FastifyRequest, documentId: string): Promise<Prisma.DocumentModel> {
  const row = await request.auth.db.document.findFirst({ where: { id: documentId, deletedAt: null } });
  if (!row) throw new NotFoundError('Document');
  return row;
}

export async function scanStatus(temporal: Client, row: Prisma.DocumentModel): Promise<ScanStatus> {
  const live = await readLiveScan(temporal, row.id);
  return live ? statusFromWorkflow(live) : statusFromDatabase(row);
}
