/**
 * A generated document: its id, file bytes and truth. Builders for each document type return
 * these; the entry script only writes them out.
 */
import type { Truth } from './truth';

export interface GeneratedDocument {
  id: string;
  ext: string;
  bytes: Uint8Array | string;
  truth: Truth;
  /** Grouping for the README counts, e.g. 'receipt / JPEG'. */
  format: string;
  /** Short degradation tags for the README counts, e.g. ['noise', 'rotation']. */
  degradations: string[];
}

export function documentId(prefix: 'r' | 'i' | 's', index: number, slug: string): string {
  return `${prefix}${String(index + 1).padStart(3, '0')}-${slug}`;
}
