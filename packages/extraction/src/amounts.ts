/**
 * Reads printed money amounts into integer minor units: thousands separators (`1,234.56`,
 * `1.234,56`, `1 234,56`, `1'234.56`), currency prefixes and suffixes (`RM 9.00`, `12,50 €`) and the
 * ways receipts and statements print negatives (`-12.00`, `(12.00)`, `12.00-`, `12.00 CR`).
 * Works on digit strings with integer arithmetic only; must never go through parseFloat.
 */
import { currencyOfMarker, CURRENCY_MARKER_PATTERN } from './currency';

export type DecimalSeparator = '.' | ',';

export interface AmountOptions {
  /** Digits after the decimal separator for the currency (2 for most, 0 for JPY, 3 for KWD). */
  exponent?: number;
  /** The document's decimal separator when known; decides `1.234` vs `1,234`. */
  decimalSeparator?: DecimalSeparator;
}

export interface AmountToken {
  minor: number;
  /** Digits printed after the decimal separator (0 for `12`, 2 for `12.00`). */
  fractionDigits: number;
  negative: boolean;
  /** ISO code named next to the amount (`RM` → MYR), if any. */
  currency: string | undefined;
  start: number;
  end: number;
  text: string;
}

const GROUPED = /^\d{1,3}(?:([ \u00a0\u202f'’.,])\d{3})+(?:([.,])(\d+))?$/;

/** Splits a numeric core such as `1.234,56` into integer and fraction digits, or null when malformed. */
export function splitDecimal(core: string, decimalSeparator: DecimalSeparator = '.'): { int: string; frac: string } | null {
  if (/^\d+$/.test(core)) return { int: core, frac: '' };
  if (/^[.,]\d+$/.test(core)) return { int: '0', frac: core.slice(1) };
  const grouped = GROUPED.exec(core);
  if (grouped) {
    const groupSep = grouped[1] ?? '';
    const decSep = grouped[2];
    if (decSep === undefined) {
      const onlyOneGroup = core.split(groupSep).length === 2;
      // `1.234` alone: a decimal point in point-locales, thousands in comma-locales.
      if (onlyOneGroup && (groupSep === '.' || groupSep === ',') && groupSep === decimalSeparator) {
        const [int, frac] = core.split(groupSep) as [string, string];
        return { int, frac };
      }
      return { int: core.replace(/\D/g, ''), frac: '' };
    }
    if (decSep === groupSep) return null;
    const [intPart, frac] = [core.slice(0, core.lastIndexOf(decSep)), grouped[3] ?? ''];
    return { int: intPart.replace(/\D/g, ''), frac };
  }
  const single = /^(\d+)([.,])(\d+)$/.exec(core);
  if (single) return { int: single[1] ?? '', frac: single[3] ?? '' };
  return null;
}

/** Integer and fraction digit strings to minor units, rounding half up past the exponent. */
export function toMinorUnits(int: string, frac: string, exponent: number): number | null {
  const kept = frac.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = frac.length > exponent && Number(frac[exponent]) >= 5 ? 1 : 0;
  const digits = (int + kept).replace(/^0+(?=\d)/, '');
  const minor = Number.parseInt(digits, 10) + roundUp;
  return Number.isSafeInteger(minor) ? minor : null;
}

const SIGN = '[-−–]';
const CORE = String.raw`\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+(?:[.,]\d+)?|\d[\d.,]*\d|\d|[.,]\d{2}(?!\d)`;
const AMOUNT_PATTERN = new RegExp(
  String.raw`(\()?(${SIGN})?\s?(?:(${CURRENCY_MARKER_PATTERN})\s?:?\s?)?(${SIGN})?\s?(${CORE})(\))?` +
    String.raw`(?:\s?(${CURRENCY_MARKER_PATTERN}))?(${SIGN}|\s?CR\b|\s?DR\b)?`,
  'giu',
);

const WORDISH = /[\p{L}\p{N}]/u;

/** Every amount-looking token in a line, left to right. Percentages, dates, times and codes are skipped. */
export function findAmounts(line: string, options: AmountOptions = {}): AmountToken[] {
  const exponent = options.exponent ?? 2;
  const out: AmountToken[] = [];
  for (const match of line.matchAll(AMOUNT_PATTERN)) {
    const [text, openParen, leadSign, prefix, innerSign, core, closeParen, suffix, trailSign] = match;
    if (core === undefined) continue;
    const start = match.index;
    const end = start + text.length;
    const before = line[start - 1] ?? ' ';
    const after = line[end] ?? ' ';
    const first = text[0] ?? '';
    if (WORDISH.test(first) && /\d/.test(first) && (WORDISH.test(before) || /[./:#]/.test(before))) continue;
    if (/[\p{L}]/u.test(first) && /\p{L}/u.test(before)) continue;
    if (/[-−–]/.test(first) && /[\p{L}\p{N}]/u.test(before) && prefix === undefined) continue;
    if (WORDISH.test(after) || /^[/:%]/.test(after) || /^\s?%/.test(line.slice(end))) continue;
    if (/^[.,]\d/.test(line.slice(end))) continue;
    const parts = splitDecimal(core, options.decimalSeparator);
    if (!parts) continue;
    const minor = toMinorUnits(parts.int, parts.frac, exponent);
    if (minor === null) continue;
    const parenthesised = openParen !== undefined && closeParen !== undefined;
    const negative = parenthesised || leadSign !== undefined || innerSign !== undefined || /^[-−–]|CR/i.test(trailSign?.trim() ?? '');
    const marker = prefix ?? suffix;
    out.push({
      minor,
      fractionDigits: parts.frac.length,
      negative,
      currency: marker ? currencyOfMarker(marker) : undefined,
      start,
      end,
      text: text.trim(),
    });
  }
  return out;
}

/** Whether a token reads as money for a currency: right number of decimals, or a currency marker. */
export function isMoneyToken(token: AmountToken, exponent: number): boolean {
  if (token.fractionDigits === exponent) return true;
  // Some tills print three decimals (`9.000`); a trailing zero keeps the value exact in cents.
  if (exponent === 2 && token.fractionDigits === 3 && /0$/.test(token.text.replace(/\D+$/, ''))) return true;
  return token.currency !== undefined && token.fractionDigits === 0;
}

/** Parses one printed amount (the whole string) into signed minor units, or null. */
export function parseAmount(text: string, options: AmountOptions = {}): number | null {
  const trimmed = text.trim();
  const tokens = findAmounts(trimmed, options);
  const token = tokens[0];
  if (tokens.length !== 1 || token === undefined || token.start !== 0 || token.end !== trimmed.length) return null;
  return token.negative ? -token.minor : token.minor;
}

/** The document's decimal separator, voted by amounts printed with two decimals. */
export function detectDecimalSeparator(lines: readonly string[], fallback: DecimalSeparator): DecimalSeparator {
  let points = 0;
  let commas = 0;
  for (const line of lines) {
    points += (line.match(/(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d.,%])/g) ?? []).length;
    commas += (line.match(/(?<![\d.,])\d{1,3}(?:[. ]\d{3})*,\d{2}(?![\d.,%])/g) ?? []).length;
  }
  if (points === commas) return fallback;
  return points > commas ? '.' : ',';
}
