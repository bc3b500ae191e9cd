/**
 * The truth file written beside every generated document, and the invariants it must satisfy.
 * Values are what the document prints (null when it prints none), known by construction; the
 * checks here catch generator bugs, they never adjust a value.
 */
import type { CurrencyCode } from './money';

export type TruthDocType = 'receipt' | 'invoice' | 'bank_statement';

export interface TruthRow {
  date: string;
  description: string;
  /** Negative is money out of the account. */
  amountMinor: number;
  balanceMinor: number | null;
}

export interface TruthStatement {
  accountName: string | null;
  accountMask: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  openingMinor: number;
  closingMinor: number;
  /** In the order the document lists them. */
  rows: TruthRow[];
}

export interface Truth {
  file: string;
  docType: TruthDocType;
  description: string;
  vendorName: string | null;
  vendorTaxId: string | null;
  invoiceNumber: string | null;
  date: string | null;
  dueDate: string | null;
  currency: CurrencyCode;
  subtotalMinor: number | null;
  taxMinor: number | null;
  tipMinor: number | null;
  totalMinor: number | null;
  lineItemCount: number | null;
  statement: TruthStatement | null;
}

export function emptyTruth(file: string, docType: TruthDocType, currency: CurrencyCode, description: string): Truth {
  return {
    file,
    docType,
    description,
    vendorName: null,
    vendorTaxId: null,
    invoiceNumber: null,
    date: null,
    dueDate: null,
    currency,
    subtotalMinor: null,
    taxMinor: null,
    tipMinor: null,
    totalMinor: null,
    lineItemCount: null,
    statement: null,
  };
}

/** Throws when the truth contradicts itself (bad arithmetic in a builder). */
export function assertConsistent(truth: Truth): void {
  const fail = (why: string): never => {
    throw new Error(`${truth.file}: ${why}`);
  };
  if (truth.subtotalMinor !== null && truth.taxMinor !== null && truth.totalMinor !== null) {
    const expected = truth.subtotalMinor + truth.taxMinor + (truth.tipMinor ?? 0);
    if (expected !== truth.totalMinor) fail(`subtotal + tax + tip = ${expected}, total ${truth.totalMinor}`);
  }
  const statement = truth.statement;
  if (!statement) return;
  const rows = statement.rows;
  const moved = rows.reduce((total, row) => total + row.amountMinor, 0);
  if (statement.openingMinor + moved !== statement.closingMinor) fail('opening + rows != closing');
  const chronological = isNewestFirst(rows) ? [...rows].reverse() : rows;
  let balance = statement.openingMinor;
  for (const row of chronological) {
    balance += row.amountMinor;
    if (row.balanceMinor !== null && row.balanceMinor !== balance) fail(`running balance at ${row.date} ${row.description}`);
  }
  for (const value of [statement.openingMinor, statement.closingMinor, ...rows.map((row) => row.amountMinor)]) {
    if (!Number.isSafeInteger(value)) fail('non-integer amount');
  }
}

export function isNewestFirst(rows: readonly TruthRow[]): boolean {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first !== undefined && last !== undefined && first.date > last.date;
}
