/**
 * The one-line `detail` each stage shows in the progress query ("clean", "3 pages, local engine").
 * Small references only: never document contents beyond what the review screen already shows.
 */
import type { CategorizeResult, ExtractResult, OcrResult, PostResult, RejectInput, VirusScanResult } from '@akount/contracts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function scanDetail(result: VirusScanResult): string {
  if (result.verdict === 'infected') return `infected: ${result.signature ?? 'unnamed signature'}`;
  if (result.verdict === 'skipped') return 'skipped: no scanner';
  return `clean (${result.scanner})`;
}

export const storeDetail = () => 'stored';

export const ocrDetail = (result: OcrResult) => `${plural(result.pageCount, 'page')}, ${result.engine} engine`;

export const extractDetail = (result: ExtractResult) => `${result.docType}, confidence ${Math.round(result.confidence * 100)}%`;

export const categorizeDetail = (result: CategorizeResult) =>
  result.categoryId === null ? `uncategorized: ${result.reason}` : `${result.decidedBy}: ${result.reason}`;

export function postDetail(result: PostResult): string {
  const parts = [plural(result.transactionIds.length, 'transaction')];
  if (result.skippedDuplicates > 0) parts.push(`${result.skippedDuplicates} duplicate rows skipped`);
  if (result.alreadyPosted) parts.push('already posted');
  return parts.join(', ');
}

export const rejectedDetail = (rejection: RejectInput | null) => (rejection?.reason ? `rejected: ${rejection.reason}` : 'rejected');
