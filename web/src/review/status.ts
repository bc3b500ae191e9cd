/**
 * How the review page names a document's status and scan stages, and which statuses mean the
 * scan is still moving (so the page polls). A small local mapping: the inbox's labels live in
 * web/src/documents/, which this page does not depend on.
 */
import type { DocumentStatus, ScanStage } from '@akount/contracts';

export const statusLabel: Record<DocumentStatus, string> = {
  QUEUED: 'Queued',
  SCANNING: 'Checking for viruses',
  STORING: 'Storing',
  OCR: 'Reading the text',
  EXTRACTING: 'Extracting fields',
  CATEGORIZING: 'Categorizing',
  AWAITING_REVIEW: 'Awaiting review',
  POSTING: 'Posting',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected',
  DUPLICATE: 'Duplicate',
  NEEDS_ATTENTION: 'Needs attention',
  DISMISSED: 'Dismissed',
  CANCELLED: 'Cancelled',
};

export const stageLabel: Record<ScanStage, string> = {
  virusScan: 'Virus scan',
  store: 'Store',
  ocr: 'Read text',
  extract: 'Extract fields',
  categorize: 'Categorize',
  review: 'Review',
  post: 'Post',
};

const moving: readonly DocumentStatus[] = ['QUEUED', 'SCANNING', 'STORING', 'OCR', 'EXTRACTING', 'CATEGORIZING', 'POSTING'];

/** The scan is working on its own: the page follows it until it stops for the user or ends. */
export const isMoving = (status: DocumentStatus) => moving.includes(status);

/** The tone a status badge takes. */
export function statusTone(status: DocumentStatus): 'progress' | 'action' | 'done' | 'problem' | 'ended' {
  if (isMoving(status)) return 'progress';
  if (status === 'AWAITING_REVIEW') return 'action';
  if (status === 'COMPLETED') return 'done';
  if (status === 'NEEDS_ATTENTION' || status === 'REJECTED') return 'problem';
  return 'ended';
}
