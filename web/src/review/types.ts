/**
 * The JSON the review page reads from the API (api/src/domains/services/document-schemas.ts and the
 * banking/accounting lists), as types only: the server fetches, the client components render.
 */
import type { DocType, DocumentStatus, Extraction, ScanError, ScanStage } from '@akount/contracts';

export interface DocumentDetail {
  id: string;
  entityId: string;
  accountId: string | null;
  fileName: string;
  mimeType: string;
  status: DocumentStatus;
  docType: DocType | null;
  pageCount: number | null;
  engine: string | null;
  categoryId: string | null;
  categorizedBy: string | null;
  categorizationReason: string | null;
  error: ScanError | null;
  stale: boolean;
  duplicateOfId: string | null;
  createdAt: string;
  completedAt: string | null;
  extraction: { id: string; version: number; engine: string; confidence: number | null; data: Extraction } | null;
}

export interface StageState {
  name: ScanStage;
  state: 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'unknown';
  attempts: number;
  lastError: ScanError | null;
  detail: string | null;
}

export interface ScanStatus {
  documentId: string;
  status: DocumentStatus;
  stages: StageState[];
  failedStage: ScanStage | null;
  error: ScanError | null;
  terminal: boolean;
  result: { transactionIds: string[] } | null;
}

export interface AccountOption {
  id: string;
  name: string;
  type: string;
  currency: string;
  mask: string | null;
}

export interface CategoryOption {
  id: string;
  name: string;
}

export interface PostedTransaction {
  id: string;
  date: string;
  description: string;
  amountMinor: number;
  currency: string;
}

/** Where the posted transactions of a completed document are listed on the banking page. */
export interface PostedView {
  transactions: PostedTransaction[];
  bankingHref: string;
}

/** Neighbours in the list of documents awaiting review (newest first). */
export interface ReviewQueue {
  previousId: string | null;
  nextId: string | null;
  waiting: number;
}
