/**
 * Receives one upload (DESIGN §2): reads the multipart form part by part, decides the file's
 * type from its first bytes, streams it through a size cap into the staging key
 * (storage.put hashes it on the way), and for PDFs reads it back to check the page limit,
 * encryption and damage. It returns the staged file or throws a named refusal; after a refusal
 * nothing of the upload stays in storage.
 *
 * Fields must come before the file: the staging key holds the entity, so it has to be known
 * before the first byte is written (the same rule as an S3 POST form).
 */
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream';
import { scopedToTenant, stagingKey, StorageError, type StorageDriver } from '@akount/activities/storage';
import { DocumentError, openPdf, sniffDocument } from '@akount/ocr';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, UnprocessableError } from '../../http/errors';
import {
  BadUploadError,
  ScanUnavailableError,
  UnreadableDocumentError,
  UnsupportedDocumentError,
  UploadTooLargeError,
} from './document-errors';
import { ByteLimit, peek } from './upload-stream';

export interface UploadLimits {
  maxBytes: number;
  maxPages: number;
}

export interface StagedUpload {
  documentId: string;
  entityId: string;
  accountId: string | null;
  storageKey: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  pageCount: number | null;
}

const mimeTypes = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' } as const;
type UploadKind = keyof typeof mimeTypes;

/** Enough for every signature sniffDocument knows, and for its plain-text test. */
const sniffBytes = 64 * 1024;

const fields = z.object({ entityId: z.uuid().optional(), accountId: z.uuid().optional() }).strict();
type Fields = z.infer<typeof fields>;

/** Busboy limits: one file, a few short fields; the byte cap itself is ByteLimit's (it must see one byte too many). */
export function multipartLimits(maxBytes: number) {
  return { files: 1, fields: 4, parts: 5, fieldSize: 200, fileSize: maxBytes + 1 };
}

function kindOf(head: Buffer, fileName: string): UploadKind {
  try {
    const kind = sniffDocument(head, fileName);
    if (kind === 'pdf' || kind === 'png' || kind === 'jpeg') return kind;
    throw new UnsupportedDocumentError(`this file is ${kind === 'text' ? 'plain text' : `a ${kind.toUpperCase()} file`}`);
  } catch (error) {
    if (error instanceof DocumentError && error.code === 'EMPTY_FILE') throw new BadUploadError(`The file is empty: ${error.message}`);
    if (error instanceof DocumentError) throw new UnsupportedDocumentError(error.message);
    throw error;
  }
}

// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/g;

/** The name as the user knows it, without folders or control characters; only for display and downloads. */
function displayName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  return base.replace(controlCharacters, '').trim().slice(0, 255) || 'document';
}

/** Multipart parser failures are the client's: a malformed body, a second file, too many fields. */
function multipartFailure(error: unknown): Error {
  const code = (error as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return new BadUploadError('Send one file per upload');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new BadUploadError('Too many form fields: send entityId, accountId and the file');
  if (error instanceof Error && (error as { statusCode?: number }).statusCode === undefined)
    return new BadUploadError(`The multipart body cannot be read: ${error.message}`);
  return error as Error;
}

async function resolveTarget(request: FastifyRequest, given: Fields): Promise<{ entityId: string; accountId: string | null }> {
  const db = request.auth.db;
  let entityId = given.entityId;
  if (entityId) {
    if (!(await db.entity.findFirst({ where: { id: entityId, deletedAt: null }, select: { id: true } }))) throw new NotFoundError('Entity');
  } else {
    const entities = await db.entity.findMany({ where: { deletedAt: null }, select: { id: true }, take: 2 });
    if (entities.length !== 1 || !entities[0])
      throw new UnprocessableError('Say which business this document is for: send the entityId field before the file');
    entityId = entities[0].id;
  }
  if (given.accountId) {
    const account = await db.account.findFirst({ where: { id: given.accountId, entityId, deletedAt: null }, select: { id: true } });
    if (!account) throw new UnprocessableError('accountId must be a money account of the same business');
  }
  return { entityId, accountId: given.accountId ?? null };
}

/** Throws the PDF's problem (encrypted, damaged, too many pages) as a 422; answers its page count. */
async function checkPdf(storage: StorageDriver, key: string, maxPages: number): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  try {
    const pdf = await openPdf(Buffer.concat(chunks), { maxPages });
    const pages = pdf.pageCount;
    await pdf.close();
    return pages;
  } catch (error) {
    if (error instanceof DocumentError) throw new UnreadableDocumentError(error.code, `This PDF cannot be scanned: ${error.message}`);
    throw error;
  }
}

async function stageFile(request: FastifyRequest, part: MultipartFile, given: Fields, storage: StorageDriver, limits: UploadLimits) {
  const source = await peek(part.file, sniffBytes);
  const fileName = displayName(part.filename);
  let kind: UploadKind;
  let target: { entityId: string; accountId: string | null };
  try {
    kind = kindOf(source.head, fileName);
    target = await resolveTarget(request, given);
  } catch (error) {
    await source.discard();
    throw error;
  }
  const documentId = randomUUID();
  const storageKey = stagingKey({ tenantId: request.auth.tenantId, entityId: target.entityId, documentId, fileName });
  try {
    const limit = new ByteLimit(limits.maxBytes, () => new UploadTooLargeError(limits.maxBytes));
    const stored = await storage.put(
      storageKey,
      pipeline(source.whole(), limit, () => undefined),
      { contentType: mimeTypes[kind] },
    );
    const pageCount = kind === 'pdf' ? await checkPdf(storage, storageKey, limits.maxPages) : null;
    return {
      documentId,
      ...target,
      storageKey,
      fileName,
      mimeType: mimeTypes[kind],
      sizeBytes: stored.size,
      sha256: stored.sha256,
      pageCount,
    };
  } catch (error) {
    await source.discard();
    await storage
      .delete(storageKey)
      .catch((cleanup: unknown) => request.log.error({ err: cleanup, storageKey }, 'a refused upload could not be removed from staging'));
    if (error instanceof StorageError && error.retryable)
      throw new ScanUnavailableError('Document storage cannot be reached right now; nothing was kept, try again in a minute');
    throw error;
  }
}

/**
 * Reads the form and stages its file. Fields after the file, a second file or an unknown field
 * refuse the upload (and delete what was staged).
 */
export async function receiveUpload(request: FastifyRequest, storage: StorageDriver, limits: UploadLimits): Promise<StagedUpload> {
  if (!request.isMultipart()) throw new UnsupportedDocumentError('send the file as multipart/form-data (a "file" field)');
  const scoped = scopedToTenant(storage, request.auth.tenantId);
  const given: Record<string, string> = {};
  let staged: StagedUpload | undefined;
  try {
    const parts = request.parts({ limits: multipartLimits(limits.maxBytes) });
    for (;;) {
      let next: IteratorResult<Multipart>;
      try {
        next = await parts.next();
      } catch (error) {
        throw multipartFailure(error);
      }
      if (next.done) break;
      const part = next.value;
      if (part.type === 'file') {
        const parsed = fields.safeParse(given);
        if (!parsed.success) {
          await peek(part.file, 0).then((rest) => rest.discard());
          throw new BadUploadError(
            `The form is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'form'} ${issue.message}`).join('; ')}`,
          );
        }
        staged = await stageFile(request, part, parsed.data, scoped, limits);
      } else {
        if (staged) throw new BadUploadError(`Send the ${part.fieldname} field before the file`);
        if (part.valueTruncated) throw new BadUploadError(`The ${part.fieldname} field is too long`);
        given[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (staged) await scoped.delete(staged.storageKey);
    throw error;
  }
  if (!staged) throw new BadUploadError('The form has no file: send the document in a "file" field');
  return staged;
}
