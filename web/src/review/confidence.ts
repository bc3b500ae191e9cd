/**
 * Which extracted fields the reviewer should look at twice: a confidence under the threshold, or
 * a consistency check that names the field and failed ("subtotal+tax=total" names subtotal, tax
 * and total). Reasons are written for the reviewer, never invented: only the confidence the
 * engine gave and the checks it ran.
 */
import type { ConsistencyCheck } from '@akount/contracts';

export const lowConfidence = 0.7;

export interface FieldFlag {
  confidence: number | null;
  low: boolean;
  reasons: string[];
}

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

/** The words a check's name is made of: "subtotal+tax=total" → subtotal, tax, total. */
const checkWords = (name: string) =>
  name
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);

/** Checks that failed and name one of `words` (a field's own words: total; subtotal; tax, taxes). */
export function failedChecksNaming(checks: readonly ConsistencyCheck[], words: readonly string[]): string[] {
  return checks.filter((check) => !check.passed && checkWords(check.name).some((word) => words.includes(word))).map((check) => check.name);
}

export function flagField(
  field: { confidence: number } | null | undefined,
  checks: readonly ConsistencyCheck[],
  words: readonly string[],
): FieldFlag {
  const confidence = field ? field.confidence : null;
  const failed = failedChecksNaming(checks, words);
  const reasons = [
    ...(confidence !== null && confidence < lowConfidence ? [`read with ${percent(confidence)} confidence`] : []),
    ...failed.map((name) => `check “${name}” failed`),
  ];
  return { confidence, low: reasons.length > 0, reasons };
}

export const confidenceText = (confidence: number | null) => (confidence === null ? 'not read' : percent(confidence));
