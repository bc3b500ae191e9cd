/**
 * Shows integer minor units as money. The amount never becomes a float: the
 * decimal string is built from the integer, and Intl formats that string
 * (Intl.NumberFormat accepts decimal strings exactly).
 */
const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (USD 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function toDecimalString(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const absolute = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? absolute : absolute.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${absolute.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency }) as Intl.NumberFormat & { format(value: string): string };
  return format.format(toDecimalString(amountMinor, currency));
}
