/**
 * The document-scan activities as the workflow calls them (DESIGN §2). The worker builds them with
 * `createDocumentActivities(deps)`; workflows import this type only.
 *
 * The workflow owns the Document row's status (setDocumentStatus, a local activity); the stage
 * activities never write it.
 *
 * Failure contract: a transient problem (clamd, storage, database or Mistral unavailable, 429, 5xx,
 * timeouts) throws a retryable error and Temporal retries the activity with backoff (a Retry-After
 * becomes the next retry delay). A permanent one (unreadable file, Mistral 4xx, an edit that does
 * not fit the books) throws a non-retryable `ApplicationFailure` whose `type` is a ScanError code, whose
 * message is written for the user and whose first detail is `{ attempt }`; the workflow then waits in NEEDS_ATTENTION.
 */
import type {
  CategorizeResult,
  ExtractResult,
  OcrResult,
  PostResult,
  ReviewEdits,
  ScanRef,
  StatusUpdate,
  StoreResult,
  VirusScanResult,
} from '@akount/contracts';

export interface DocumentActivities {
  /** Streams the staged upload to clamd. Sets status SCANNING. Infected is a verdict, not a failure. */
  virusScan(ref: ScanRef): Promise<VirusScanResult>;
  /** Promotes staging → documents/{yyyy}/…, deletes the staged copy, records the key. Idempotent. */
  storeDocument(ref: ScanRef): Promise<StoreResult>;
  /** Reads the text (local engines or Mistral OCR) into a DocumentText row. */
  ocrDocument(ref: ScanRef): Promise<OcrResult>;
  /** Text → DESIGN §8 extraction JSON, saved as the next DocumentExtraction version. */
  extractDocument(ref: ScanRef & { textId: string }): Promise<ExtractResult>;
  /** user rules → vendor history → keyword map → Mistral (when on); records who decided. */
  categorizeDocument(ref: ScanRef & { extractionId: string }): Promise<CategorizeResult>;
  /** Posts the approved document: transaction(s) + balanced journal entries. Idempotent on the document. */
  createTransactions(ref: ScanRef & { extractionId: string; edits: ReviewEdits; userId: string }): Promise<PostResult>;
  /** Mirrors a workflow-owned status (AWAITING_REVIEW, NEEDS_ATTENTION, terminal ones) onto the Document row. */
  setDocumentStatus(update: StatusUpdate): Promise<void>;
  /** Deletes the staged upload, if still there (infected, cancelled). Idempotent. */
  discardStagedDocument(ref: ScanRef): Promise<void>;
}
