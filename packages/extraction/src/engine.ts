/**
 * The seam between the workflow's extract step and the engines that fill the extraction JSON.
 * Local (rule-based) and Mistral engines both implement TextExtractor; callers depend on this
 * interface only. Engines are pure functions of text + hints: no I/O, no clock, no randomness.
 */
import type { Extraction } from '@akount/contracts';
import type { ExtractionHints, TextDocument } from './document';

export interface TextExtractor {
  readonly engine: Extraction['engine'];
  extract(doc: TextDocument, hints?: ExtractionHints): Extraction;
}
