/**
 * CSV bank exports → Extraction (docType bank_statement). The reader splits records, csv-columns
 * names the columns; this module decides the file-wide formats from all rows at once (day/month
 * order, decimal mark, currency) and reads each row into integer minor units. A row it cannot
 * read is a StatementFileError naming the line, never a skipped transaction.
 */
import type { Extraction } from '@akount/contracts';
import { defaultDecimalSeparator, detectCurrency, minorUnitExponent } from '../currency';
import { dateOrderFor } from '../dates';
import type { DocLine, ExtractionHints } from '../document';
import { findColumns, type ColumnMap, type ColumnRole } from './csv-columns';
import { readCsv, type CsvRecord, type Delimiter } from './csv-reader';
import { readStatementAmount, voteDecimalSeparator, type StatementAmountOptions } from './statement-amounts';
import { detectDateOrder, readLeadingDate } from './statement-dates';
import { assembleStatement, balancesFromRows, inDateOrder, type DraftBalance, type DraftRow, type DraftText } from './statement-draft';
import { CLOSING_LABEL, findAccount, findLabelledBalances, findPeriod, OPENING_LABEL } from './statement-header';
import { StatementFileError } from './statement-file-error';

const MONEY_ROLES = ['amount', 'debit', 'credit', 'balance'] as const;
const DEBIT_WORD = /^(d|dr|debit|débit|s|soll|cargo|withdrawal)$/i;
const CREDIT_WORD = /^(c|cr|credit|crédit|h|haben|abono|deposit)$/i;

export function parseCsvStatement(text: string, hints: ExtractionHints = {}): Extraction {
  const { delimiter, records } = readCsv(text);
  const map = findColumns(records);
  if (!map) {
    const first = records[0];
    const shown = (first?.cells ?? []).slice(0, 6).join(delimiter);
    throw new StatementFileError('NO_COLUMNS', `no date and amount columns could be recognised (first row: "${shown}")`, first?.line);
  }
  const body = records.slice(map.headerIndex + 1);
  if (body.length === 0)
    throw new StatementFileError('NO_ROWS', 'the file has a header but no transaction rows', records[map.headerIndex]?.line);
  const preamble = map.inferred ? [] : records.slice(0, map.headerIndex).map(toDocLine);
  const cellOf = (record: CsvRecord, role: ColumnRole) => {
    const column = map.columns[role];
    return column === undefined ? '' : (record.cells[column] ?? '').trim();
  };

  const currency = decideCurrency(body, map, cellOf, preamble, hints);
  const code = currency?.value ?? 'XXX';
  const moneyCells = body.flatMap((record) => MONEY_ROLES.map((role) => cellOf(record, role))).filter((cell) => cell !== '');
  const decimalSeparator = voteDecimalSeparator(moneyCells, decimalFallback(delimiter, currency?.value, hints));
  const dates = detectDateOrder(
    body.map((record) => cellOf(record, 'date')),
    dateOrderFor(hints.locale, code === 'XXX' ? undefined : code),
  );

  const read = readRows(body, cellOf, map.fallbackText, {
    code,
    decimalSeparator,
    order: dates.order,
    confidence: map.inferred ? 0.8 : 0.9,
  });
  if (read.rows.length === 0)
    throw new StatementFileError('NO_ROWS', 'no transaction rows under the header', records[map.headerIndex]?.line);
  for (const row of read.rows) if (!dates.decided) row.dateConfidence = 0.7;
  if (map.inferred && map.columns.debit !== undefined) orientDebitCredit(read.rows);

  const opts: StatementAmountOptions = { exponent: minorUnitExponent(code), decimalSeparator };
  const labelled = findLabelledBalances(preamble, opts);
  const account = findAccount(preamble);
  const period = findPeriod(preamble, dates.order);
  const draft = {
    currency,
    docTypeConfidence: map.inferred ? 0.85 : 0.95,
    rows: inDateOrder(read.rows).rows,
    accountName: account.name,
    accountMask: account.mask,
    periodStart: period?.start,
    periodEnd: period?.end,
    opening: labelled.opening ?? read.opening,
    closing: labelled.closing ?? read.closing,
  };
  balancesFromRows(draft);
  return assembleStatement(draft);
}

type CellOf = (record: CsvRecord, role: ColumnRole) => string;

function toDocLine(record: CsvRecord, index: number): DocLine {
  const text = record.cells.join(' ').replace(/\s+/g, ' ').trim();
  return { index, page: 1, line: record.line, text, ocrConfidence: 1 };
}

function decimalFallback(delimiter: Delimiter, currency: string | undefined, hints: ExtractionHints) {
  if (!hints.locale && !currency && delimiter === ';') return ',';
  return defaultDecimalSeparator(currency, hints.locale);
}

/** A currency column, then a code in a column header, then symbols on the amounts, then the lines above the header and the hint. */
function decideCurrency(
  body: CsvRecord[],
  map: ColumnMap,
  cellOf: CellOf,
  preamble: DocLine[],
  hints: ExtractionHints,
): DraftText | undefined {
  const codes = body.map((record) => cellOf(record, 'currency').toUpperCase()).filter((cell) => /^[A-Z]{3}$/.test(cell));
  const common = mostCommon(codes);
  if (common) return { value: common, confidence: 0.95 };
  if (map.headerCurrency) return { value: map.headerCurrency, confidence: 0.9 };
  const cells = body.flatMap((record) => MONEY_ROLES.map((role) => cellOf(record, role)));
  const symbols = cells.flatMap((cell) => readStatementAmount(cell, { exponent: 2, decimalSeparator: '.' })?.currency ?? []);
  const symbol = mostCommon(symbols);
  const hinted = hints.defaultCurrency?.toUpperCase();
  const bareDollar = symbol === 'USD' && !cells.some((cell) => /USD|US\$/.test(cell));
  if (symbol && bareDollar && hinted && hinted !== 'USD' && hinted.endsWith('D')) return { value: hinted, confidence: 0.7 };
  if (symbol) return { value: symbol, confidence: bareDollar ? 0.6 : 0.85 };
  const vote = detectCurrency(preamble, hints);
  return vote
    ? { value: vote.code, confidence: vote.confidence, source: vote.line ? { page: 1, line: vote.line.line } : undefined }
    : undefined;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

interface RowFormat {
  code: string;
  decimalSeparator: ',' | '.';
  order: 'dmy' | 'mdy';
  confidence: number;
}

interface ReadRows {
  rows: DraftRow[];
  opening: DraftBalance | undefined;
  closing: DraftBalance | undefined;
}

function readRows(body: CsvRecord[], cellOf: CellOf, fallbackText: number[], format: RowFormat): ReadRows {
  const out: ReadRows = { rows: [], opening: undefined, closing: undefined };
  const hasDate = body.map((record) => readLeadingDate(cellOf(record, 'date'), format.order) !== null);
  body.forEach((record, i) => {
    const rowCurrency = /^[A-Z]{3}$/i.test(cellOf(record, 'currency')) ? cellOf(record, 'currency').toUpperCase() : format.code;
    const options = { exponent: minorUnitExponent(rowCurrency), decimalSeparator: format.decimalSeparator };
    const money = (role: 'amount' | 'debit' | 'credit' | 'balance') => {
      const cell = cellOf(record, role);
      if (cell === '') return undefined;
      const amount = readStatementAmount(cell, options);
      if (amount === null) throw new StatementFileError('BAD_ROW', `${role} "${cell}" is not a number`, record.line);
      return amount;
    };
    const texts = [cellOf(record, 'description'), ...fallbackText.map((column) => (record.cells[column] ?? '').trim())];
    const description = (texts.find((text) => text !== '') ?? '').replace(/\s+/g, ' ');
    const source = { page: 1, line: record.line };
    if ((['amount', 'debit', 'credit'] as const).every((role) => cellOf(record, role) === '')) {
      const label = OPENING_LABEL.test(description) ? 'opening' : CLOSING_LABEL.test(description) ? 'closing' : undefined;
      const balance = money('balance');
      if (label && balance) out[label] = { minor: balance.minor, confidence: format.confidence, source };
      else if (hasDate[i]) throw new StatementFileError('BAD_ROW', 'the row has no amount', record.line);
      return;
    }
    const date = readLeadingDate(cellOf(record, 'date'), format.order);
    if (!date) {
      if (out.rows.length > 0 && hasDate.slice(i).every((dated) => !dated)) return;
      const cell = cellOf(record, 'date');
      throw new StatementFileError('BAD_ROW', cell === '' ? 'the row has no date' : `date "${cell}" is not a date`, record.line);
    }
    const [amount, debit, credit, balance] = [money('amount'), money('debit'), money('credit'), money('balance')];
    let amountMinor = amount ? amount.minor : Math.abs(credit?.minor ?? 0) - Math.abs(debit?.minor ?? 0);
    const indicator = cellOf(record, 'indicator');
    if (amount && !amount.signed && DEBIT_WORD.test(indicator)) amountMinor = -Math.abs(amountMinor);
    if (amount && !amount.signed && CREDIT_WORD.test(indicator)) amountMinor = Math.abs(amountMinor);
    out.rows.push({
      date: date.iso,
      description: description || '(no description)',
      amountMinor: amountMinor || 0,
      balanceMinor: balance?.minor,
      currency: rowCurrency,
      source,
      confidence: description ? format.confidence : format.confidence / 2,
    });
  });
  return out;
}

/** Headerless debit/credit columns: which is which is decided by the running balance, when there is one. */
function orientDebitCredit(rows: DraftRow[]): void {
  const agreeing = (sign: 1 | -1) => {
    const ordered = inDateOrder(rows.map((row) => ({ ...row, amountMinor: row.amountMinor * sign }))).rows;
    return ordered.filter((row, i) => {
      const previous = ordered[i - 1]?.balanceMinor;
      return i > 0 && previous !== undefined && row.balanceMinor === previous + row.amountMinor;
    }).length;
  };
  if (agreeing(-1) > agreeing(1)) for (const row of rows) row.amountMinor = -row.amountMinor || 0;
}
