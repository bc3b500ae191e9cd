/**
 * What the document routes accept and answer, as zod schemas (validation and OpenAPI from one
 * source), and `showDocument`, the one way a Document row becomes JSON. Statuses, stages and
 * review edits come from @akount/contracts so the web app and the workflow read the same words.
 */
import { documentStatus, reviewEdits, scanStages } from '@akount/contracts';
import type { Prisma } from '@akount/db';
import { z } from 'zod';
import { errorBody, errorResponses, id, isoDate, pageQuery } from '../../http/schemas';

type Document = Prisma.DocumentModel;
type DocumentExtraction = Prisma.DocumentExtractionModel;

/** Every error the document routes can answer, documented once. */
export const documentErrors = { ...errorResponses, 409: errorBody, 413: errorBody, 415: errorBody, 503: errorBody };

const docTypes = ['receipt', 'invoice', 'bank_statement', 'other'] as const;
type DocTypeName = (typeof docTypes)[number];
const dbDocTypes: Record<DocTypeName, NonNullable<Document['docType']>> = {
  receipt: 'RECEIPT',
  invoice: 'INVOICE',
  bank_statement: 'BANK_STATEMENT',
  other: 'OTHER',
};
export const toDbDocType = (name: DocTypeName) => dbDocTypes[name];
const fromDbDocType = (value: Document['docType']) => (value ? (value.toLowerCase() as DocTypeName) : null);

export const scanError = z.object({ code: z.string(), message: z.string() });

export const documentOut = z.object({
  id,
  entityId: id,
  accountId: id.nullable(),
  fileName: z.string(),
  mimeType: z.string().describe('application/pdf, image/png or image/jpeg'),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  status: documentStatus,
  docType: z.enum(docTypes).nullable(),
  pageCount: z.number().int().nullable(),
  engine: z.string().nullable(),
  categoryId: id.nullable(),
  categorizedBy: z.string().nullable().describe('rule | vendor | keyword | mistral | none'),
  categorizationReason: z.string().nullable(),
  error: scanError.nullable(),
  stale: z.boolean().describe('The review waited longer than DOCUMENT_REVIEW_STALE_DAYS'),
  duplicateOfId: id.nullable(),
  uploadedById: id,
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});

export const extractionOut = z.object({
  id,
  version: z.number().int(),
  engine: z.string(),
  confidence: z.number().nullable(),
  createdAt: z.string(),
  data: z.unknown().describe('The extraction JSON of DESIGN §8'),
});

export const documentDetail = documentOut.extend({ extraction: extractionOut.nullable() });

export function showDocument(row: Document): z.output<typeof documentOut> {
  return {
    id: row.id,
    entityId: row.entityId,
    accountId: row.accountId,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    status: row.status,
    docType: fromDbDocType(row.docType),
    pageCount: row.pageCount,
    engine: row.engine,
    categoryId: row.categoryId,
    categorizedBy: row.categorizedBy,
    categorizationReason: row.categorizationReason,
    error: row.errorCode || row.errorMessage ? { code: row.errorCode ?? 'ERROR', message: row.errorMessage ?? '' } : null,
    stale: row.staleAt !== null,
    duplicateOfId: row.duplicateOfId,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function showExtraction(row: DocumentExtraction): z.output<typeof extractionOut> {
  return {
    id: row.id,
    version: row.version,
    engine: row.engine,
    confidence: row.confidence,
    createdAt: row.createdAt.toISOString(),
    data: row.data,
  };
}

const statusList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()))
  .pipe(z.array(documentStatus).min(1));

export const listQuery = z.object({
  ...pageQuery,
  status: statusList.optional().describe('One status or several, comma-separated (QUEUED,OCR)'),
  docType: z.enum(docTypes).optional(),
  entityId: id.optional(),
  from: isoDate.optional().describe('Uploaded on or after this date (UTC)'),
  to: isoDate.optional().describe('Uploaded on or before this date (UTC)'),
  q: z.string().trim().min(1).max(100).optional().describe('File name contains (case-insensitive)'),
});

/** The multipart form, for OpenAPI only: the handler streams the parts itself. */
export const uploadForm = z.object({
  entityId: z.uuid().optional().describe('Which business files it; may be left out when the tenant has one entity. Send before the file.'),
  accountId: z.uuid().optional().describe('The money account its transactions post to. Send before the file.'),
  file: z.string().meta({ format: 'binary' }).describe('A PDF, PNG or JPEG, at most UPLOAD_MAX_BYTES'),
});

export const uploadAccepted = z.object({ documentId: id, status: z.literal('QUEUED'), statusUrl: z.string() });

const stageState = z.enum(['pending', 'running', 'completed', 'failed', 'skipped', 'unknown']);

export const scanStatusOut = z.object({
  documentId: id,
  status: documentStatus,
  source: z
    .enum(['workflow', 'database'])
    .describe('workflow: its live progress query; database: the Document row (scan ended or unreachable)'),
  stages: z.array(
    z.object({
      name: z.enum(scanStages),
      state: stageState.describe('unknown when the database answered and cannot tell'),
      attempts: z.number().int(),
      startedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      lastError: scanError.nullable(),
      detail: z.string().nullable(),
    }),
  ),
  failedStage: z.enum(scanStages).nullable(),
  error: scanError.nullable(),
  stale: z.boolean(),
  terminal: z.boolean(),
  result: z
    .object({
      extractionId: id.nullable(),
      docType: z.enum(docTypes).nullable(),
      categoryId: id.nullable(),
      transactionIds: z.array(id),
    })
    .nullable(),
});
export type ScanStatus = z.output<typeof scanStatusOut>;

export const approveBody = z.object({ edits: reviewEdits.default({}) }).strict();
export const rejectBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const approveAnswer = z.object({ documentId: id, accepted: z.boolean(), status: documentStatus });
export const actionAnswer = z.object({ documentId: id, status: documentStatus });

export const fileLink = z.object({ url: z.string(), expiresAt: z.string() });
