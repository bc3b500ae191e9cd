/**
 * Reads one printed statement amount (a CSV cell, an OFX TRNAMT, the tail of a text row) into
 * signed integer minor units. Unlike receipts, where `12.00 CR` is a refund, on a bank statement
 * `CR` is money in and `DR` money out, so those markers are read here before the shared amount
 * reader sees them. Digit strings only; never parseFloat.
 */
import { findAmounts, toMinorUnits, type DecimalSeparator } from '../amounts';

export interface StatementAmount {
  minor: number;
  /** Whether the sign was printed (`-`, parentheses, trailing minus, `CR`/`DR`, `+`) rather than implied. */
  signed: boolean;
  /** ISO code of a symbol or code printed with the amount (`$`, `€`, `EUR`). */
  currency: string | undefined;
}

export interface StatementAmountOptions {
  exponent: number;
  decimalSeparator: DecimalSeparator;
}

const CREDIT_DEBIT = /\s*\b(CR|DR)\.?$/i;

/** The whole text as one amount, or null when it is not exactly one amount. Empty text is null too. */
export function readStatementAmount(text: string, options: StatementAmountOptions): StatementAmount | null {
  let rest = text.trim();
  let marker: 'CR' | 'DR' | undefined;
  const creditDebit = CREDIT_DEBIT.exec(rest);
  if (creditDebit && /\d/.test(rest.slice(0, creditDebit.index))) {
    marker = (creditDebit[1] ?? '').toUpperCase() as 'CR' | 'DR';
    rest = rest.slice(0, creditDebit.index).trim();
  }
  const plus = rest.startsWith('+');
  if (plus) rest = rest.slice(1).trim();
  if (rest === '') return null;
  const tokens = findAmounts(rest, options);
  const token = tokens[0];
  if (tokens.length !== 1 || token === undefined || token.start !== 0 || token.end !== rest.length) return null;
  if (marker !== undefined && token.negative) return null;
  const negative = marker === 'DR' || (marker === undefined && token.negative);
  return {
    minor: negative && token.minor !== 0 ? -token.minor : token.minor,
    signed: marker !== undefined || token.negative || plus,
    currency: token.currency,
  };
}

/** An OFX-style plain number (`-1234.56`, `1234,56`, `+.5`): sign, digits, one optional decimal mark. */
export function readPlainAmount(text: string, exponent: number): number | null {
  const match = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, int = '', frac = ''] = match;
  if (int === '' && frac === '') return null;
  const minor = toMinorUnits(int === '' ? '0' : int, frac, exponent);
  if (minor === null) return null;
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/**
 * Which mark is the decimal separator in a column of amounts: the last of two different marks, or
 * a single mark not followed by exactly three digits. `1,234` alone says nothing.
 */
export function voteDecimalSeparator(cells: readonly string[], fallback: DecimalSeparator): DecimalSeparator {
  let points = 0;
  let commas = 0;
  for (const cell of cells) {
    const core = cell.replace(/[^\d.,]/g, '');
    const dot = core.lastIndexOf('.');
    const comma = core.lastIndexOf(',');
    if (dot >= 0 && comma >= 0) {
      if (dot > comma) points++;
      else commas++;
      continue;
    }
    const at = Math.max(dot, comma);
    if (at < 0) continue;
    const mark = core[at];
    const repeated = core.indexOf(mark ?? '') !== at;
    const digitsAfter = core.length - at - 1;
    if (repeated) {
      if (mark === '.') commas++;
      else points++;
    } else if (digitsAfter !== 3 && digitsAfter > 0) {
      if (mark === '.') points++;
      else commas++;
    }
  }
  if (points === commas) return fallback;
  return points > commas ? '.' : ',';
}
