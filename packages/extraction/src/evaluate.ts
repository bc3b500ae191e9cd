/**
 * Scores extractions against ground truth the way the project's benchmark does: total as exact
 * minor units, date as an exact ISO date (truth read day-first unless impossible), vendor exact
 * after uppercasing and collapsing every non-alphanumeric run to one space. Pure functions over
 * in-memory values; reading datasets and writing reports belongs to the scripts.
 */
import type { Extraction } from '@akount/contracts';
import { parseAmount } from './amounts';
import { parseDate } from './dates';

export interface Truth {
  id: string;
  company?: string;
  date?: string;
  total?: string;
}

export type ScoredField = 'total' | 'date' | 'vendor';
export const SCORED_FIELDS: ScoredField[] = ['total', 'date', 'vendor'];

export interface FieldOutcome {
  field: ScoredField;
  expected: string | null;
  got: string | null;
  correct: boolean;
}

export interface CaseResult {
  id: string;
  outcomes: FieldOutcome[];
  ms: number;
}

export function normalizeCompany(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Truth total (`9.00`, `$8.20`, `RM 1,234.50`) as minor units, exponent 2. */
export function truthTotalMinor(total: string): number | null {
  return parseAmount(total.replace(/^[^\d(-]+/, ''), { exponent: 2, decimalSeparator: '.' });
}

export function truthDateIso(date: string): string | null {
  return parseDate(date.trim(), 'dmy');
}

export function scoreCase(id: string, truth: Truth, extraction: Extraction, ms: number): CaseResult {
  const outcomes: FieldOutcome[] = [];
  const totalExpected = truth.total !== undefined ? truthTotalMinor(truth.total) : null;
  const totalGot = extraction.total?.value.amountMinor ?? null;
  outcomes.push({
    field: 'total',
    expected: totalExpected === null ? (truth.total ?? null) : String(totalExpected),
    got: totalGot === null ? null : String(totalGot),
    correct: totalExpected !== null && totalGot === totalExpected,
  });
  const dateExpected = truth.date !== undefined ? truthDateIso(truth.date) : null;
  const dateGot = extraction.date?.value ?? null;
  outcomes.push({
    field: 'date',
    expected: dateExpected ?? truth.date ?? null,
    got: dateGot,
    correct: dateExpected !== null && dateGot === dateExpected,
  });
  const vendorExpected = truth.company !== undefined ? normalizeCompany(truth.company) : null;
  const vendorGot = extraction.vendorName ? normalizeCompany(extraction.vendorName.value) : null;
  outcomes.push({
    field: 'vendor',
    expected: vendorExpected,
    got: vendorGot,
    correct: vendorExpected !== null && vendorGot === vendorExpected,
  });
  return { id, outcomes, ms };
}

export interface SplitSummary {
  name: string;
  cases: number;
  accuracy: Record<ScoredField, number>;
  meanMs: number;
}

export function summarize(name: string, results: CaseResult[]): SplitSummary {
  const accuracy = {} as Record<ScoredField, number>;
  for (const field of SCORED_FIELDS) {
    const correct = results.filter((result) => result.outcomes.find((outcome) => outcome.field === field)?.correct).length;
    accuracy[field] = results.length === 0 ? 0 : correct / results.length;
  }
  const meanMs = results.length === 0 ? 0 : results.reduce((sum, result) => sum + result.ms, 0) / results.length;
  return { name, cases: results.length, accuracy, meanMs };
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function markdownReport(summaries: SplitSummary[], failures: { split: string; id: string; outcome: FieldOutcome }[]): string {
  const rows = summaries.map(
    (summary) =>
      `| ${summary.name} | ${summary.cases} | ${percent(summary.accuracy.total)} | ${percent(summary.accuracy.date)} | ${percent(summary.accuracy.vendor)} | ${summary.meanMs.toFixed(2)} |`,
  );
  const failureRows = failures.map(
    ({ split, id, outcome }) => `| ${split} | ${id} | ${outcome.field} | ${outcome.expected ?? '—'} | ${outcome.got ?? '—'} |`,
  );
  return [
    '# SROIE evaluation — local extractor',
    '',
    '| split | receipts | total | date | vendor | ms/receipt |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Failures',
    '',
    '| split | id | field | expected | got |',
    '|---|---|---|---|---|',
    ...failureRows,
    '',
  ].join('\n');
}
