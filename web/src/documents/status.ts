/**
 * The words and tones the documents inbox uses for a document's status, its scan stages and a
 * stage's state, and which statuses mean the scan is still working on its own (the inbox polls
 * those and stops at everything else). Type imports only, so no schema code reaches the browser.
 */
import type { DocType, DocumentStatus, ScanStage } from '@akount/contracts';

/** How a badge looks: working, waiting for the user, finished well, failed, or ended otherwise. */
export type Tone = 'progress' | 'action' | 'done' | 'problem' | 'ended';

export type StageStateName = 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'unknown';

interface StatusWords {
  label: string;
  tone: Tone;
  /** One sentence for the row and the screen reader: what is happening or what the user can do. */
  hint: string;
}

export const documentStatusWords: Record<DocumentStatus, StatusWords> = {
  QUEUED: { label: 'Queued', tone: 'progress', hint: 'Waiting for the scanner to pick it up.' },
  SCANNING: { label: 'Checking for viruses', tone: 'progress', hint: 'The file is being checked for viruses.' },
  STORING: { label: 'Storing', tone: 'progress', hint: 'The file is being filed in storage.' },
  OCR: { label: 'Reading the text', tone: 'progress', hint: 'The text is being read from the pages.' },
  EXTRACTING: { label: 'Extracting fields', tone: 'progress', hint: 'Vendor, date and amounts are being extracted.' },
  CATEGORIZING: { label: 'Categorizing', tone: 'progress', hint: 'A category is being suggested.' },
  AWAITING_REVIEW: { label: 'Awaiting review', tone: 'action', hint: 'Check the extracted fields and approve them.' },
  POSTING: { label: 'Posting', tone: 'progress', hint: 'The approved transactions are being posted.' },
  COMPLETED: { label: 'Completed', tone: 'done', hint: 'Its transactions are posted.' },
  REJECTED: { label: 'Rejected', tone: 'problem', hint: 'The file was refused and not kept.' },
  DUPLICATE: { label: 'Duplicate', tone: 'ended', hint: 'The same file was already uploaded.' },
  NEEDS_ATTENTION: { label: 'Needs attention', tone: 'problem', hint: 'A stage failed; retry it once the cause is fixed.' },
  DISMISSED: { label: 'Dismissed', tone: 'ended', hint: 'Dismissed at review; nothing was posted.' },
  CANCELLED: { label: 'Cancelled', tone: 'ended', hint: 'The scan was cancelled and its file removed.' },
};

export const statusLabel = (status: DocumentStatus) => documentStatusWords[status].label;
export const statusTone = (status: DocumentStatus) => documentStatusWords[status].tone;

export const stageLabel: Record<ScanStage, string> = {
  virusScan: 'Virus scan',
  store: 'Store',
  ocr: 'Read text',
  extract: 'Extract fields',
  categorize: 'Categorize',
  review: 'Review',
  post: 'Post',
};

export const stageStateWords: Record<StageStateName, { label: string; tone: Tone }> = {
  pending: { label: 'Waiting', tone: 'ended' },
  running: { label: 'In progress', tone: 'progress' },
  completed: { label: 'Done', tone: 'done' },
  failed: { label: 'Failed', tone: 'problem' },
  skipped: { label: 'Skipped', tone: 'ended' },
  unknown: { label: 'Not recorded', tone: 'ended' },
};

export const docTypeLabel: Record<DocType, string> = {
  receipt: 'Receipt',
  invoice: 'Invoice',
  bank_statement: 'Bank statement',
  other: 'Other',
};

/**
 * Statuses in which the scan moves without the user: the inbox polls only these. Spelled out rather
 * than derived from the contract's `stageStatus`: a value import of @akount/contracts would bring zod
 * into the browser bundle; `satisfies` still checks every name against the contract's type.
 */
export const inFlightStatuses = [
  'QUEUED',
  'SCANNING',
  'STORING',
  'OCR',
  'EXTRACTING',
  'CATEGORIZING',
  'POSTING',
] as const satisfies readonly DocumentStatus[];

export const isInFlight = (status: DocumentStatus) => (inFlightStatuses as readonly DocumentStatus[]).includes(status);

/**
 * Cancel is offered while the scan works on its own (before an approval starts posting) and when
 * it needs attention, so a user who cannot fix the cause can give up; review has its own Dismiss.
 */
export const canCancel = (status: DocumentStatus) => (isInFlight(status) && status !== 'POSTING') || status === 'NEEDS_ATTENTION';
export const canRetry = (status: DocumentStatus) => status === 'NEEDS_ATTENTION';
