/**
 * Which CSV column holds what. A header row is found by its column names (English, and the usual
 * French, German and Spanish ones); a file without one is read by what its cells look like (the
 * column of dates, the column of amounts, the longest text). Decides columns only; reading the
 * values is csv.ts's job.
 */
import { currencyOfMarker } from '../currency';
import { findDates } from '../dates';
import { readStatementAmount } from './statement-amounts';
import type { CsvRecord } from './csv-reader';

export type ColumnRole = 'date' | 'description' | 'amount' | 'debit' | 'credit' | 'balance' | 'currency' | 'indicator';

/** Names per role, best first (a booking date beats a value date; a description beats a memo). */
const NAMES: Record<ColumnRole, string[]> = {
  date: [
    'booking date',
    'posting date',
    'posted date',
    'post date',
    'posted',
    'date',
    'transaction date',
    'trans date',
    'txn date',
    'buchungstag',
    'buchungsdatum',
    'datum',
    'date operation',
    'date de l operation',
    'date comptable',
    'fecha operacion',
    'fecha de operacion',
    'fecha',
    'value date',
    'valuta',
    'valutadatum',
    'wertstellung',
    'date valeur',
    'date de valeur',
    'fecha valor',
  ],
  description: [
    'description',
    'transaction description',
    'payee',
    'name',
    'merchant',
    'narrative',
    'transaction details',
    'particulars',
    'libelle',
    'libelle operation',
    'intitule',
    'verwendungszweck',
    'beschreibung',
    'beguenstigter zahlungspflichtiger',
    'name zahlungsbeteiligter',
    'auftraggeber empfanger',
    'concepto',
    'descripcion',
    'detalle',
    'beneficiario',
    'buchungstext',
    'memo',
    'details',
    'detail',
    'reference',
  ],
  amount: ['amount', 'transaction amount', 'amt', 'montant', 'betrag', 'umsatz', 'importe', 'monto', 'cantidad', 'value'],
  debit: [
    'debit',
    'debits',
    'debit amount',
    'withdrawal',
    'withdrawals',
    'withdrawal amount',
    'paid out',
    'money out',
    'out',
    'soll',
    'belastung',
    'ausgang',
    'cargo',
    'cargos',
    'debe',
    'retiro',
    'retiros',
  ],
  credit: [
    'credit',
    'credits',
    'credit amount',
    'deposit',
    'deposits',
    'deposit amount',
    'paid in',
    'money in',
    'in',
    'haben',
    'gutschrift',
    'eingang',
    'abono',
    'abonos',
    'haber',
    'ingreso',
    'ingresos',
  ],
  balance: [
    'balance',
    'running balance',
    'running bal',
    'ledger balance',
    'available balance',
    'solde',
    'kontostand',
    'saldo',
    'saldo nach buchung',
  ],
  currency: ['currency', 'currency code', 'ccy', 'curr', 'devise', 'waehrung', 'wahrung', 'moneda', 'divisa'],
  indicator: ['debit credit', 'credit debit', 'dr cr', 'cr dr', 'credit debit indicator', 'debit credit indicator', 'soll haben', 's h'],
};

const ROLES = Object.keys(NAMES) as ColumnRole[];

export interface ColumnMap {
  /** Column index per role. */
  columns: Partial<Record<ColumnRole, number>>;
  /** Index of the header record in the record list, or -1 when the file has none. */
  headerIndex: number;
  /** A currency named in an amount column's header (`Amount (EUR)`, `Betrag €`). */
  headerCurrency: string | undefined;
  /** Other text columns, best first, for rows whose description cell is empty. */
  fallbackText: number[];
  /** True when the roles were guessed from the cells (no header named them). */
  inferred: boolean;
}

function normalize(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(in\s+)?[a-z]{3}\b$/i, (code) => (currencyOfMarker(code.replace(/^in\s+/, '')) ? '' : code))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function roleOf(name: string): { role: ColumnRole; rank: number } | undefined {
  const normalized = normalize(name.replace(/\(.*?\)|\[.*?\]/g, ' ').replace(/[€$£¥]/g, ' '));
  if (normalized === '') return undefined;
  for (const exact of [true, false]) {
    let best: { role: ColumnRole; rank: number } | undefined;
    for (const role of ROLES) {
      const rank = NAMES[role].findIndex((candidate) => (exact ? normalized === candidate : normalized.startsWith(`${candidate} `)));
      if (rank >= 0 && (!best || rank < best.rank)) best = { role, rank };
    }
    if (best) return exact ? best : { role: best.role, rank: best.rank + 100 };
  }
  return undefined;
}

function currencyInHeader(name: string): string | undefined {
  const marker = /\(\s*([A-Z]{3}|[€$£¥])\s*\)|\b([A-Z]{3})$|([€£¥])/.exec(name.trim());
  const text = marker?.[1] ?? marker?.[2] ?? marker?.[3];
  return text ? currencyOfMarker(text) : undefined;
}

/** Reads a header row into column roles; undefined unless it names a date and an amount (or debit/credit) column. */
function mapHeader(cells: readonly string[]): Omit<ColumnMap, 'headerIndex' | 'inferred'> | undefined {
  const best: Partial<Record<ColumnRole, { index: number; rank: number }>> = {};
  const descriptions: { index: number; rank: number }[] = [];
  cells.forEach((cell, index) => {
    const found = roleOf(cell);
    if (!found) return;
    if (found.role === 'description') descriptions.push({ index, rank: found.rank });
    const current = best[found.role];
    if (!current || found.rank < current.rank) best[found.role] = { index, rank: found.rank };
  });
  const hasMoney = best.amount !== undefined || best.debit !== undefined || best.credit !== undefined;
  if (best.date === undefined || !hasMoney) return undefined;
  const columns: Partial<Record<ColumnRole, number>> = {};
  for (const role of ROLES) if (best[role]) columns[role] = best[role].index;
  const moneyHeaders = (['amount', 'debit', 'credit', 'balance'] as const).flatMap((role) =>
    best[role] ? [cells[best[role].index] ?? ''] : [],
  );
  return {
    columns,
    headerCurrency: moneyHeaders.map(currencyInHeader).find((code) => code !== undefined),
    fallbackText: descriptions
      .sort((a, b) => a.rank - b.rank)
      .map((d) => d.index)
      .filter((index) => index !== columns.description),
  };
}

/** The header among the first records (statements often start with a few lines about the account). */
export function findColumns(records: readonly CsvRecord[]): ColumnMap | undefined {
  for (let i = 0; i < Math.min(records.length, 20); i++) {
    const mapped = mapHeader(records[i]?.cells ?? []);
    if (mapped) return { ...mapped, headerIndex: i, inferred: false };
  }
  return inferColumns(records);
}

const isDateCell = (cell: string) => findDates(cell.trim())[0]?.start === 0;

function isAmountCell(cell: string): boolean {
  const amount = readStatementAmount(cell, { exponent: 2, decimalSeparator: '.' });
  return amount !== null;
}

/**
 * A file without a header: the first all-date column is the date, columns of amounts (with a
 * decimal mark or sign somewhere, so check numbers do not count) are amount and balance, or debit
 * and credit when no row fills both, and the longest text column is the description. A first row
 * of words is taken for a header nobody could name.
 */
function inferColumns(records: readonly CsvRecord[]): ColumnMap | undefined {
  const first = records[0];
  if (!first) return undefined;
  const unnamedHeader = first.cells.every((cell) => !isDateCell(cell) && !isAmountCell(cell));
  const rows = unnamedHeader ? records.slice(1) : records;
  const width = Math.max(0, ...rows.map((record) => record.cells.length));
  const kinds: ('date' | 'amount' | 'text' | 'empty')[] = [];
  const textLength: number[] = [];
  for (let column = 0; column < width; column++) {
    const cells = rows.map((record) => (record.cells[column] ?? '').trim()).filter((cell) => cell !== '');
    textLength[column] = cells.reduce((sum, cell) => sum + cell.length, 0) / Math.max(1, cells.length);
    if (cells.length === 0) kinds[column] = 'empty';
    else if (cells.every(isDateCell)) kinds[column] = 'date';
    else if (cells.every(isAmountCell) && cells.some((cell) => /[.,]\d|^[-+(]|[-)]$|[€$£¥]/.test(cell))) kinds[column] = 'amount';
    else kinds[column] = cells.every((cell) => /\p{L}{2}/u.test(cell)) ? 'text' : 'empty';
  }
  const date = kinds.indexOf('date');
  const amounts = kinds.flatMap((kind, index) => (kind === 'amount' ? [index] : []));
  if (date < 0 || amounts.length === 0) return undefined;
  const texts = kinds
    .flatMap((kind, index) => (kind === 'text' ? [index] : []))
    .sort((a, b) => (textLength[b] ?? 0) - (textLength[a] ?? 0));
  const columns: Partial<Record<ColumnRole, number>> = { date };
  if (texts[0] !== undefined) columns.description = texts[0];
  const [a, b, c] = amounts;
  const filled = (index: number) => rows.filter((record) => (record.cells[index] ?? '').trim() !== '').length;
  const complementary =
    a !== undefined &&
    b !== undefined &&
    rows.every((record) => (record.cells[a] ?? '').trim() === '' || (record.cells[b] ?? '').trim() === '');
  if (complementary && a !== undefined && b !== undefined && filled(a) + filled(b) === rows.length) {
    Object.assign(columns, { debit: a, credit: b });
    if (c !== undefined) columns.balance = c;
  } else {
    columns.amount = a;
    if (b !== undefined) columns.balance = b;
  }
  return { columns, headerIndex: unnamedHeader ? 0 : -1, headerCurrency: undefined, fallbackText: texts.slice(1), inferred: true };
}
