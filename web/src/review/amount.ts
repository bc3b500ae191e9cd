/**
 * Reads an amount the way people type it — "12.50", "1,234.56", "1.234,56", "1 234,56", "¥1,500" —
 * into integer minor units of a currency (USD 2 digits, JPY 0, KWD 3). The number is never a
 * float: digits are joined as a string and only the final integer becomes a number. A typed
 * amount that could mean two things in that currency is read the way that currency is written.
 */
import { minorDigits } from '../money';

export type AmountReading = { ok: true; amountMinor: number } | { ok: false; message: string };

const allowed = /^[-+]?[\s'’.,\d]*\d[\s'’.,\d]*$/;
const symbols = /[$€£¥₹₩¢]|[A-Z]{3}/g;

function fail(message: string): AmountReading {
  return { ok: false, message };
}

/** Which separator marks decimals in `text` (digits and separators only), or none. */
function decimalSeparator(text: string, digits: number): '.' | ',' | null {
  const last = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  if (last < 0) return null;
  const separator = text[last] as '.' | ',';
  const other = separator === '.' ? ',' : '.';
  // Both kinds present: the last one is the decimal mark ("1.234,56", "1,234.56").
  if (text.includes(other)) return separator;
  // One kind, used more than once: grouping ("1.234.567").
  if (text.indexOf(separator) !== last) return null;
  // One separator followed by exactly three digits is grouping, unless the currency has three decimals.
  const tail = text.length - last - 1;
  if (tail === 3 && digits !== 3) return null;
  return separator;
}

/** Thousands grouping is one kind of separator, never the decimal mark, with groups of three (or two, as in 1,23,456). */
function groupedWell(whole: string, decimal: '.' | ',' | null): boolean {
  const separators = new Set(whole.replace(/\d/g, ''));
  if (separators.size === 0) return true;
  if (separators.size > 1 || (decimal !== null && separators.has(decimal))) return false;
  const groups = whole.split(/[.,]/);
  const last = groups.length - 1;
  return groups.every((group, index) =>
    index === 0 ? /^\d{1,3}$/.test(group) : index === last ? /^\d{3}$/.test(group) : /^\d{2,3}$/.test(group),
  );
}

/** Reads `input` as an amount in `currency` (an ISO 4217 code the caller has checked). */
export function parseAmount(input: string, currency: string): AmountReading {
  const digits = minorDigits(currency);
  const trimmed = input.trim().replace(symbols, '').trim();
  if (trimmed === '') return fail('Enter the amount.');
  if (!allowed.test(trimmed)) return fail('Use digits, with "." or "," for decimals (for example 1,234.56 or 1.234,56).');
  const negative = trimmed.startsWith('-');
  const body = trimmed.replace(/^[-+]/, '').replace(/[\s'’]/g, '');
  const decimal = decimalSeparator(body, digits);
  const [wholePart = '', fractionPart = ''] = decimal
    ? [body.slice(0, body.lastIndexOf(decimal)), body.slice(body.lastIndexOf(decimal) + 1)]
    : [body];
  if (!groupedWell(wholePart, decimal) || /[.,]/.test(fractionPart)) return fail('The amount has separators in an unexpected place.');
  const whole = wholePart.replace(/[.,]/g, '');
  if (fractionPart.length > digits) {
    return fail(digits === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${digits} decimals.`);
  }
  const minorText = `${whole || '0'}${fractionPart.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const amountMinor = Number(minorText);
  if (!Number.isSafeInteger(amountMinor)) return fail('The amount is too large.');
  return { ok: true, amountMinor: negative && amountMinor !== 0 ? -amountMinor : amountMinor };
}
