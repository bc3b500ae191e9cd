/**
 * Calendar dates for the generator: ISO `YYYY-MM-DD` strings in, printed forms out, in the
 * styles receipts, invoices and statements use around the world. Uses UTC only, so no time zone
 * can move a date.
 */

export type DateStyle =
  | 'iso' // 2024-03-05
  | 'isoSlash' // 2024/03/05
  | 'dmySlash' // 05/03/2024
  | 'mdySlash' // 03/05/2024
  | 'dmyShort' // 05/03/24
  | 'mdyShort' // 03/05/24
  | 'dmyDot' // 05.03.2024
  | 'dMonY' // 5 Mar 2024
  | 'ddMonY' // 05-Mar-2024
  | 'monthDY' // March 5, 2024
  | 'monDY' // Mar 5, 2024
  | 'deLong' // 5. März 2024
  | 'frLong' // 5 mars 2024
  | 'esLong' // 5 de marzo de 2024
  | 'ddMon' // 05 Mar
  | 'monDd' // Mar 05
  | 'compact'; // 20240305

const monthsEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthsDe = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const monthsFr = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const monthsEs = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

function parts(iso: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function addDays(iso: string, days: number): string {
  const { y, m, d } = parts(iso);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function daysBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86400000);
}

export function lastDayOfMonth(year: number, month: number): string {
  const date = new Date(Date.UTC(year, month, 0));
  return `${year}-${pad(month)}-${pad(date.getUTCDate())}`;
}

export function formatDate(iso: string, style: DateStyle): string {
  const { y, m, d } = parts(iso);
  const mon = (monthsEn[m - 1] ?? '').slice(0, 3);
  const yy = pad(y % 100);
  switch (style) {
    case 'iso':
      return iso;
    case 'isoSlash':
      return `${y}/${pad(m)}/${pad(d)}`;
    case 'dmySlash':
      return `${pad(d)}/${pad(m)}/${y}`;
    case 'mdySlash':
      return `${pad(m)}/${pad(d)}/${y}`;
    case 'dmyShort':
      return `${pad(d)}/${pad(m)}/${yy}`;
    case 'mdyShort':
      return `${pad(m)}/${pad(d)}/${yy}`;
    case 'dmyDot':
      return `${pad(d)}.${pad(m)}.${y}`;
    case 'dMonY':
      return `${d} ${mon} ${y}`;
    case 'ddMonY':
      return `${pad(d)}-${mon}-${y}`;
    case 'monthDY':
      return `${monthsEn[m - 1]} ${d}, ${y}`;
    case 'monDY':
      return `${mon} ${d}, ${y}`;
    case 'deLong':
      return `${d}. ${monthsDe[m - 1]} ${y}`;
    case 'frLong':
      return `${d} ${monthsFr[m - 1]} ${y}`;
    case 'esLong':
      return `${d} de ${monthsEs[m - 1]} de ${y}`;
    case 'ddMon':
      return `${pad(d)} ${mon}`;
    case 'monDd':
      return `${mon} ${pad(d)}`;
    case 'compact':
      return `${y}${pad(m)}${pad(d)}`;
  }
}

/** A random date between two ISO dates, both included. */
export function dateBetween(random: { int(min: number, max: number): number }, from: string, to: string): string {
  return addDays(from, random.int(0, daysBetween(from, to)));
}
