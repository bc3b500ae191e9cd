/**
 * Scores an extraction against a dev-set truth file (fixtures/dev-set/*.truth.json, written by the
 * generator with values known by construction). Each field is scored only where the truth has a
 * value; money compares exact minor units, dates exact ISO days, vendors after normalisation,
 * statement rows as a multiset of (date, amount).
 */
import type { Extraction } from '@akount/contracts';
import { normalizeCompany } from '../../../extraction/src/evaluate';
import type { Truth } from '../dev-set/truth';

export type DevField =
  | 'docType'
  | 'vendor'
  | 'taxId'
  | 'invoiceNumber'
  | 'date'
  | 'dueDate'
  | 'currency'
  | 'subtotal'
  | 'tax'
  | 'tip'
  | 'total'
  | 'lineItems'
  | 'accountMask'
  | 'period'
  | 'opening'
  | 'closing'
  | 'rows';

export const DEV_FIELDS: DevField[] = [
  'docType',
  'vendor',
  'taxId',
  'invoiceNumber',
  'date',
  'dueDate',
  'currency',
  'subtotal',
  'tax',
  'tip',
  'total',
  'lineItems',
  'accountMask',
  'period',
  'opening',
  'closing',
  'rows',
];

export interface DevOutcome {
  field: DevField;
  expected: string;
  got: string;
  correct: boolean;
}

const show = (value: unknown): string => (value === undefined || value === null ? '—' : String(value));
const compact = (text: string | null | undefined): string => (text ?? '').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();

export function scoreDevCase(truth: Truth, extraction: Extraction): DevOutcome[] {
  const outcomes: DevOutcome[] = [];
  const score = (field: DevField, expected: unknown, got: unknown, correct = expected === got) => {
    if (expected === null || expected === undefined) return;
    outcomes.push({ field, expected: show(expected), got: show(got), correct });
  };
  score('docType', truth.docType, extraction.docType.value);
  score(
    'currency',
    truth.currency,
    extraction.currency?.value ?? extraction.total?.value.currency ?? extraction.statement?.rows[0]?.amount.value.currency,
  );

  if (truth.statement) {
    const statement = extraction.statement;
    const mask = statement?.accountMask?.value.replace(/\D/g, '').slice(-4);
    score('accountMask', truth.statement.accountMask, mask ?? null);
    if (truth.statement.periodStart && truth.statement.periodEnd) {
      const expected = `${truth.statement.periodStart}..${truth.statement.periodEnd}`;
      score('period', expected, `${show(statement?.periodStart?.value)}..${show(statement?.periodEnd?.value)}`);
    }
    score('opening', truth.statement.openingMinor, statement?.openingBalance?.value.amountMinor ?? null);
    score('closing', truth.statement.closingMinor, statement?.closingBalance?.value.amountMinor ?? null);
    const key = (row: { date: string; amountMinor: number }) => `${row.date} ${row.amountMinor}`;
    const expectedRows = truth.statement.rows.map(key).sort();
    const gotRows = (statement?.rows ?? []).map((row) => key({ date: row.date.value, amountMinor: row.amount.value.amountMinor })).sort();
    score('rows', `${expectedRows.length} rows`, `${gotRows.length} rows`, expectedRows.join('|') === gotRows.join('|'));
    return outcomes;
  }

  score(
    'vendor',
    truth.vendorName,
    extraction.vendorName?.value ?? null,
    normalizeCompany(truth.vendorName ?? '') === normalizeCompany(extraction.vendorName?.value ?? ''),
  );
  score(
    'taxId',
    truth.vendorTaxId,
    extraction.vendorTaxId?.value ?? null,
    compact(truth.vendorTaxId).endsWith(compact(extraction.vendorTaxId?.value)) && compact(extraction.vendorTaxId?.value).length >= 6,
  );
  score(
    'invoiceNumber',
    truth.invoiceNumber,
    extraction.invoiceNumber?.value ?? null,
    compact(truth.invoiceNumber) === compact(extraction.invoiceNumber?.value),
  );
  score('date', truth.date, extraction.date?.value ?? null);
  score('dueDate', truth.dueDate, extraction.dueDate?.value ?? null);
  score('subtotal', truth.subtotalMinor, extraction.subtotal?.value.amountMinor ?? null);
  const taxes = extraction.taxes ?? [];
  score('tax', truth.taxMinor, taxes.length === 0 ? null : taxes.reduce((sum, tax) => sum + tax.amount.value.amountMinor, 0));
  score('tip', truth.tipMinor, extraction.tip?.value.amountMinor ?? null);
  score('total', truth.totalMinor, extraction.total?.value.amountMinor ?? null);
  score('lineItems', truth.lineItemCount, extraction.lineItems?.length ?? 0);
  return outcomes;
}
