/**
 * The document scan (DESIGN §2) as the workflow, the activities, the API and the web app see it:
 * statuses, the stages of the progress query, the review edits the `approve` update carries, and
 * what each activity returns. Shapes only: nothing here talks to Temporal, the database or storage,
 * so workflow code (sandboxed, deterministic) can import it as safely as the web app.
 */
import { z } from 'zod';
import { currencyCode, docType, isoDate } from './extraction';

export const documentStatuses = [
  'QUEUED',
  'SCANNING',
  'STORING',
  'OCR',
  'EXTRACTING',
  'CATEGORIZING',
  'AWAITING_REVIEW',
  'POSTING',
  'COMPLETED',
  'REJECTED',
  'DUPLICATE',
  'NEEDS_ATTENTION',
  'DISMISSED',
  'CANCELLED',
] as const;
export const documentStatus = z.enum(documentStatuses);
export type DocumentStatus = z.infer<typeof documentStatus>;

/** Statuses after which the workflow has ended and the Document row is the only record. */
export const terminalStatuses: readonly DocumentStatus[] = ['COMPLETED', 'REJECTED', 'DUPLICATE', 'DISMISSED', 'CANCELLED'];
export const isTerminalStatus = (status: DocumentStatus) => terminalStatuses.includes(status);

/** The stages in order; each maps to the status the document shows while it runs. */
export const scanStages = ['virusScan', 'store', 'ocr', 'extract', 'categorize', 'review', 'post'] as const;
export type ScanStage = (typeof scanStages)[number];
export const stageStatus: Record<ScanStage, DocumentStatus> = {
  virusScan: 'SCANNING',
  store: 'STORING',
  ocr: 'OCR',
  extract: 'EXTRACTING',
  categorize: 'CATEGORIZING',
  review: 'AWAITING_REVIEW',
  post: 'POSTING',
};

export interface ScanError {
  /** A stable code (INFECTED, UNREADABLE, MISTRAL_REJECTED, …) the web app can key messages on. */
  code: string;
  /** Written for the user: what went wrong and what they can do. */
  message: string;
}

export interface StageProgress {
  name: ScanStage;
  state: 'pending' | 'running' | 'completed' | 'failed' | 'skipped';
  /** Activity attempts the stage took (1 when it succeeded first time; 0 before it ran). */
  attempts: number;
  /** ISO timestamps from workflow time. */
  startedAt: string | null;
  endedAt: string | null;
  lastError: ScanError | null;
  /** One line on what the stage found: "clean", "3 pages, local engine", "rule: Coffee shops". */
  detail: string | null;
}

/** What the `progress` query answers. Small by design: references, never document contents. */
export interface ScanProgress {
  documentId: string;
  status: DocumentStatus;
  stages: StageProgress[];
  /** Set while NEEDS_ATTENTION: the stage a `retry` resumes from, and why it stopped. */
  failedStage: ScanStage | null;
  error: ScanError | null;
  /** The review waited longer than the review timer. */
  stale: boolean;
  result: {
    extractionId: string | null;
    docType: z.infer<typeof docType> | null;
    categoryId: string | null;
    transactionIds: string[];
  };
}

/** Which document a workflow (and each of its activities) works on. */
export const scanRef = z.object({
  tenantId: z.uuid(),
  entityId: z.uuid(),
  documentId: z.uuid(),
});
export type ScanRef = z.infer<typeof scanRef>;

export interface DocumentScanInput extends ScanRef {
  /** Days before an unreviewed document is marked stale; default 30 (DOCUMENT_REVIEW_STALE_DAYS). */
  reviewStaleDays?: number;
}

const money = z.object({
  amountMinor: z
    .number()
    .int()
    .refine(Number.isSafeInteger, 'must be a safe integer')
    .refine((value) => value !== 0, 'must not be zero'),
  currency: currencyCode,
});

/**
 * The user's corrections at review. Every field is optional: what is absent keeps the extracted
 * value. `total.amountMinor` is the document's total as printed (positive for a purchase); the
 * posting turns it into money out.
 */
export const reviewEdits = z
  .object({
    docType: docType.optional(),
    vendorName: z.string().trim().min(1).max(200).optional(),
    date: isoDate.optional(),
    total: money.optional(),
    description: z.string().trim().min(1).max(500).optional(),
    categoryId: z.uuid().nullable().optional(),
    accountId: z.uuid().optional(),
    /** Bank statements: row numbers (0-based, as extracted) the user chose not to import. */
    excludeRows: z.array(z.number().int().min(0)).max(10_000).optional(),
  })
  .strict();
export type ReviewEdits = z.infer<typeof reviewEdits>;

export const approveInput = z
  .object({
    edits: reviewEdits.default({}),
    /** The approving user's id (Document.uploadedById's kind), for the audit trail. */
    userId: z.uuid(),
  })
  .strict();
export type ApproveInput = z.input<typeof approveInput>;

export interface ApproveResult {
  /** false when the document was already approved: the second approve is a no-op. */
  accepted: boolean;
  status: DocumentStatus;
}

export const rejectInput = z.object({ userId: z.uuid(), reason: z.string().trim().max(500).optional() }).strict();
export type RejectInput = z.infer<typeof rejectInput>;

/** Every activity result says which attempt succeeded, for the progress query. */
export interface Attempted {
  attempt: number;
}

export interface VirusScanResult extends Attempted {
  verdict: 'clean' | 'infected' | 'skipped';
  /** The signature clamd named, when infected. */
  signature?: string;
  /** "clamd 1.4.3", or why the scan was skipped ("no scanner configured"). */
  scanner: string;
}

export interface StoreResult extends Attempted {
  storageKey: string;
}

export interface OcrResult extends Attempted {
  engine: 'local' | 'mistral';
  kind: string;
  pageCount: number;
  /** DocumentText row id. */
  textId: string;
}

export interface ExtractResult extends Attempted {
  extractionId: string;
  docType: z.infer<typeof docType>;
  confidence: number;
}

export type CategorizedBy = 'rule' | 'vendor' | 'keyword' | 'mistral' | 'none';

export interface CategorizeResult extends Attempted {
  categoryId: string | null;
  decidedBy: CategorizedBy;
  /** In words, for the review screen: "rule #3: description contains 'uber'". */
  reason: string;
}

export interface PostResult extends Attempted {
  transactionIds: string[];
  /** Statement rows not posted because the same transaction already existed. */
  skippedDuplicates: number;
  /** True when an earlier attempt had already posted: nothing new was written. */
  alreadyPosted: boolean;
}

export interface StatusUpdate extends ScanRef {
  status: DocumentStatus;
  error?: ScanError | null;
  stale?: boolean;
}
