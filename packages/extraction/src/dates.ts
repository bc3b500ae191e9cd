/**
 * Finds and reads printed dates: numeric (`25/12/2018`, `12-01-19`, `2018-03-23`, `20180304`) and
 * with month names (`25 Dec 2018`, `05-MAR-18`, `Dec 25, 2018`), with two-digit years. Ambiguous
 * numeric dates are day-first unless the caller says month-first or day-first is impossible.
 * Never returns a date that does not exist on the calendar.
 */

export type DateOrder = 'dmy' | 'mdy';

export interface DateToken {
  iso: string;
  start: number;
  end: number;
  /** True when the numeric reading could have been either day-first or month-first. */
  ambiguous: boolean;
  /** The order the token was read in; `ymd` and month-name dates are unambiguous. */
  order: DateOrder | 'ymd' | 'named';
  /** Whether only the month-first reading exists (`12/25/2018`). */
  monthFirstOnly: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  januari: 1,
  janvier: 1,
  januar: 1,
  janv: 1,
  enero: 1,
  gennaio: 1,
  feb: 2,
  february: 2,
  februari: 2,
  fevrier: 2,
  février: 2,
  févr: 2,
  februar: 2,
  febrero: 2,
  febbraio: 2,
  mar: 3,
  march: 3,
  mac: 3,
  mars: 3,
  märz: 3,
  maerz: 3,
  mär: 3,
  marzo: 3,
  maret: 3,
  apr: 4,
  april: 4,
  avril: 4,
  avr: 4,
  abril: 4,
  aprile: 4,
  may: 5,
  mei: 5,
  mai: 5,
  mayo: 5,
  maggio: 5,
  jun: 6,
  june: 6,
  juni: 6,
  juin: 6,
  junio: 6,
  giugno: 6,
  jul: 7,
  july: 7,
  julai: 7,
  juli: 7,
  juillet: 7,
  juil: 7,
  julio: 7,
  luglio: 7,
  aug: 8,
  august: 8,
  ogos: 8,
  ogo: 8,
  agustus: 8,
  août: 8,
  aout: 8,
  agosto: 8,
  sep: 9,
  sept: 9,
  september: 9,
  septembre: 9,
  septiembre: 9,
  settembre: 9,
  oct: 10,
  october: 10,
  okt: 10,
  oktober: 10,
  octobre: 10,
  octubre: 10,
  ottobre: 10,
  nov: 11,
  november: 11,
  novembre: 11,
  noviembre: 11,
  dec: 12,
  december: 12,
  dis: 12,
  disember: 12,
  dez: 12,
  dezember: 12,
  déc: 12,
  décembre: 12,
  decembre: 12,
  diciembre: 12,
  dic: 12,
  dicembre: 12,
  desember: 12,
};

const MONTH_NAME = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (days[month - 1] ?? 0);
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function iso(year: number, month: number, day: number): string | null {
  if (year < 1970 || year > 2099 || !isValidDate(year, month, day)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const SEP = String.raw`\s?[/.\-]\s?`;
const PATTERNS: { re: RegExp; read: (m: RegExpMatchArray, order: DateOrder) => Omit<DateToken, 'start' | 'end'> | null }[] = [
  {
    re: new RegExp(String.raw`(?<![\d/.\-])(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?![\d/.\-]*\d)`, 'g'),
    read: (m) => at(iso(Number(m[1]), Number(m[2]), Number(m[3])), 'ymd'),
  },
  {
    re: new RegExp(String.raw`(?<![A-Za-z\d/.\-])(\d{1,2})${SEP}(\d{1,2})${SEP}(\d{4}|\d{2})(?![\d:]|[/.\-]\d)`, 'g'),
    read: (m, order) => readNumeric(Number(m[1]), Number(m[2]), fullYear(m[3] ?? ''), order),
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th)?[\s/.\-]*${MONTH_NAME}[\s/.\-,]*'?(\d{4}|\d{2})(?![\d:])`, 'giu'),
    read: (m) => at(iso(fullYear(m[3] ?? ''), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1])), 'named'),
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}])${MONTH_NAME}[\s.\-]*(\d{1,2})(?:st|nd|rd|th)?,?[\s.\-]*'?(\d{4})(?!\d)`, 'giu'),
    read: (m) => at(iso(Number(m[3]), MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2])), 'named'),
  },
  {
    re: /(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/g,
    read: (m) => at(iso(Number(m[1]), Number(m[2]), Number(m[3])), 'ymd'),
  },
  {
    // Compact day-first (`25032018`), tried only where the year-first reading failed.
    re: /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])((?:19|20)\d{2})(?!\d)/g,
    read: (m) => at(iso(Number(m[3]), Number(m[2]), Number(m[1])), 'dmy'),
  },
];

function at(value: string | null, order: DateToken['order']): Omit<DateToken, 'start' | 'end'> | null {
  return value ? { iso: value, ambiguous: false, order, monthFirstOnly: false } : null;
}

function readNumeric(a: number, b: number, year: number, order: DateOrder): Omit<DateToken, 'start' | 'end'> | null {
  const dayFirst = iso(year, b, a);
  const monthFirst = iso(year, a, b);
  const ambiguous = dayFirst !== null && monthFirst !== null && a !== b;
  if (dayFirst && monthFirst) {
    const value = order === 'mdy' ? monthFirst : dayFirst;
    return { iso: value, ambiguous, order, monthFirstOnly: false };
  }
  if (dayFirst) return { iso: dayFirst, ambiguous: false, order: 'dmy', monthFirstOnly: false };
  if (monthFirst) return { iso: monthFirst, ambiguous: false, order: 'mdy', monthFirstOnly: true };
  return null;
}

/** All dates in a line, left to right, without overlaps. */
export function findDates(line: string, order: DateOrder = 'dmy'): DateToken[] {
  const found: DateToken[] = [];
  for (const pattern of PATTERNS) {
    for (const match of line.matchAll(pattern.re)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((token) => start < token.end && end > token.start)) continue;
      const token = pattern.read(match, order);
      if (token) found.push({ ...token, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Reads a whole string as one date (ISO `YYYY-MM-DD`), or null. */
export function parseDate(text: string, order: DateOrder = 'dmy'): string | null {
  const trimmed = text.trim();
  const [token, ...rest] = findDates(trimmed, order);
  return token && rest.length === 0 ? token.iso : null;
}

/** Month-first only for US-style locales (en-US, es-US, and the few others that write M/D/Y). */
export function dateOrderFor(locale: string | undefined, currency: string | undefined): DateOrder {
  if (locale && /-(US|PH|FM|MH|PW)\b/i.test(locale)) return 'mdy';
  if (!locale && currency === 'USD') return 'mdy';
  return 'dmy';
}
