/**
 * Money for the generator: amounts are integer minor units from the first line to the last and
 * are only turned into text for printing. Rates are integer thousandths of a percent (20% is
 * 20000, 9.975% is 9975) so tax is integer arithmetic with half-up rounding. Never parses text.
 */

export type CurrencyCode = 'USD' | 'EUR' | 'GBP' | 'CAD' | 'AUD' | 'MYR' | 'JPY' | 'CHF';

export interface Currency {
  code: CurrencyCode;
  exponent: number;
  symbol: string;
}

export const currencies: Record<CurrencyCode, Currency> = {
  USD: { code: 'USD', exponent: 2, symbol: '$' },
  EUR: { code: 'EUR', exponent: 2, symbol: '€' },
  GBP: { code: 'GBP', exponent: 2, symbol: '£' },
  CAD: { code: 'CAD', exponent: 2, symbol: '$' },
  AUD: { code: 'AUD', exponent: 2, symbol: '$' },
  MYR: { code: 'MYR', exponent: 2, symbol: 'RM' },
  JPY: { code: 'JPY', exponent: 0, symbol: '¥' },
  CHF: { code: 'CHF', exponent: 2, symbol: 'CHF' },
};

/** How digits are grouped and the decimal point is written: `1,234.56`, `1.234,56`, `1'234.56`. */
export interface NumberStyle {
  group: string;
  decimal: string;
}

export const numberStyles = {
  en: { group: ',', decimal: '.' },
  eu: { group: '.', decimal: ',' },
  fr: { group: ' ', decimal: ',' },
  ch: { group: "'", decimal: '.' },
  plainDot: { group: '', decimal: '.' },
  plainComma: { group: '', decimal: ',' },
} satisfies Record<string, NumberStyle>;

/** `a * num / den` rounded half away from zero, in integers. */
export function mulDivRound(a: number, num: number, den: number): number {
  const sign = a < 0 ? -1 : 1;
  const value = Math.floor((2 * Math.abs(a) * num + den) / (2 * den));
  const result = sign * value;
  if (!Number.isSafeInteger(result)) throw new Error(`unsafe money arithmetic: ${a} * ${num} / ${den}`);
  return result;
}

/** Tax charged on top of a net amount. */
export function taxOnNet(netMinor: number, rateMilli: number): number {
  return mulDivRound(netMinor, rateMilli, 100000);
}

/** Tax contained in a gross (tax-inclusive) amount. */
export function taxInGross(grossMinor: number, rateMilli: number): number {
  return mulDivRound(grossMinor, rateMilli, 100000 + rateMilli);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function groupDigits(digits: string, group: string): string {
  if (group === '') return digits;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += group;
    out += digits[i];
  }
  return out;
}

/** The absolute value of `minor` as digits, e.g. 123456 → `1,234.56`; the caller prints the sign. */
export function formatMinor(minor: number, exponent: number, style: NumberStyle): string {
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const grouped = groupDigits(whole, style.group);
  return exponent === 0 ? grouped : `${grouped}${style.decimal}${fraction}`;
}

/** Signed amount with a leading minus, e.g. `-12.50`. */
export function formatSigned(minor: number, exponent: number, style: NumberStyle): string {
  return `${minor < 0 ? '-' : ''}${formatMinor(minor, exponent, style)}`;
}

/** A rate in thousandths of a percent as printed: 20000 → `20`, 9975 → `9.975`, 5500 → `5,5`. */
export function formatRate(rateMilli: number, decimal: string): string {
  const whole = Math.floor(rateMilli / 1000);
  const fraction = String(rateMilli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}${decimal}${fraction}`;
}
