/**
 * The JSON the inbox reads from the document API (api/src/domains/services/document-schemas.ts),
 * as types only: the server page fetches the first page, the client components everything after.
 */
import type { DocType, DocumentStatus, ScanError, ScanStage } from '@akount/contracts';
import type { StageStateName } from './status';

/** One row of GET /api/services/documents (the fields the inbox shows). */
export interface DocumentSummary {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  status: DocumentStatus;
  docType: DocType | null;
  error: ScanError | null;
  stale: boolean;
  duplicateOfId: string | null;
  createdAt: string;
}

export interface DocumentPage {
  items: DocumentSummary[];
  nextCursor: string | null;
}

export interface StageStatus {
  name: ScanStage;
  state: StageStateName;
  attempts: number;
  startedAt: string | null;
  endedAt: string | null;
  lastError: ScanError | null;
  detail: string | null;
}

/** GET /api/services/documents/:id/status. */
export interface ScanStatus {
  documentId: string;
  status: DocumentStatus;
  source: 'workflow' | 'database';
  stages: StageStatus[];
  failedStage: ScanStage | null;
  error: ScanError | null;
  stale: boolean;
  terminal: boolean;
  result: { docType: DocType | null; transactionIds: string[] } | null;
}

/** The 202 of POST /api/services/documents/upload. */
export interface UploadAccepted {
  documentId: string;
  status: 'QUEUED';
  statusUrl: string;
}
