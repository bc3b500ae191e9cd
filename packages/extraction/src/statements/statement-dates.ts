/**
 * Dates on statements: the day/month order decided once from every row (a 13+ in the first place
 * anywhere means day-first, in the second month-first; otherwise the reading that keeps the rows
 * in date order, otherwise the locale), and the date a row starts with, including the yearless
 * `03/15` and `15 Mar` of printed statements once the statement's year is known. Never guesses a year.
 */
import { findDates, parseDate, type DateOrder } from '../dates';

export interface DateOrderGuess {
  order: DateOrder;
  /** True when the rows themselves decided; false when it fell back to the locale. */
  decided: boolean;
}

const NUMERIC_LEAD = /^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?(?![\d/.-]*\d)/;

export function detectDateOrder(samples: readonly string[], fallback: DateOrder): DateOrderGuess {
  let dayFirst = 0;
  let monthFirst = 0;
  const parts: [number, number, number][] = [];
  for (const sample of samples) {
    const match = NUMERIC_LEAD.exec(sample);
    if (!match) continue;
    const a = Number(match[1]);
    const b = Number(match[2]);
    if (a > 12 && b <= 12) dayFirst++;
    if (b > 12 && a <= 12) monthFirst++;
    parts.push([Number(match[3] ?? 0), a, b]);
  }
  if (dayFirst !== monthFirst) return { order: dayFirst > monthFirst ? 'dmy' : 'mdy', decided: true };
  const dmyBreaks = orderBreaks(parts.map(([y, a, b]) => y * 10000 + b * 100 + a));
  const mdyBreaks = orderBreaks(parts.map(([y, a, b]) => y * 10000 + a * 100 + b));
  if (dmyBreaks !== mdyBreaks) return { order: dmyBreaks < mdyBreaks ? 'dmy' : 'mdy', decided: true };
  return { order: fallback, decided: false };
}

/** Steps against the sequence's main direction (0 when sorted either way). */
function orderBreaks(keys: readonly number[]): number {
  let up = 0;
  let down = 0;
  for (let i = 1; i < keys.length; i++) {
    const step = (keys[i] ?? 0) - (keys[i - 1] ?? 0);
    if (step > 0) up++;
    if (step < 0) down++;
  }
  return Math.min(up, down);
}

export interface LeadingDate {
  iso: string;
  /** Index just past the date in the text. */
  end: number;
}

const YEARLESS_NUMERIC = /^(\d{1,2})[/.-](\d{1,2})\.?(?=\s|$)/;
const YEARLESS_DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?[\s.-]+(\p{L}{3,9})\.?(?=\s|$)/u;
const YEARLESS_MONTH_DAY = /^(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?=\s|$)/u;

/**
 * The date a text starts with. A yearless date takes `year`, or the year before when its month
 * falls after `periodEnd`'s month (a December row on a statement that ends in January).
 */
export function readLeadingDate(text: string, order: DateOrder, periodEnd?: string): LeadingDate | null {
  const first = findDates(text, order)[0];
  if (first && first.start === 0) return { iso: first.iso, end: first.end };
  if (periodEnd === undefined) return null;
  const year = Number(periodEnd.slice(0, 4));
  const endMonth = Number(periodEnd.slice(5, 7));
  const numeric = YEARLESS_NUMERIC.exec(text);
  if (numeric) {
    const [day, month] = order === 'mdy' ? [numeric[2], numeric[1]] : [numeric[1], numeric[2]];
    const y = Number(month) > endMonth ? year - 1 : year;
    const iso = parseDate(`${y}-${month}-${day}`);
    return iso ? { iso, end: numeric[0].length } : null;
  }
  for (const [re, dayAt, monthAt] of [
    [YEARLESS_DAY_MONTH, 1, 2],
    [YEARLESS_MONTH_DAY, 2, 1],
  ] as const) {
    const match = re.exec(text);
    if (!match) continue;
    const iso = parseDate(`${match[dayAt]} ${match[monthAt]} ${year}`);
    if (!iso) continue;
    const shifted = Number(iso.slice(5, 7)) > endMonth ? parseDate(`${match[dayAt]} ${match[monthAt]} ${year - 1}`) : iso;
    return shifted ? { iso: shifted, end: match[0].length } : null;
  }
  return null;
}
