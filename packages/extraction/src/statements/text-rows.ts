/**
 * Transaction rows in a statement's text lines: a line that starts with a date (a second, value
 * date may follow) and ends with one to three amounts — amount; amount and running balance; or
 * debit, credit and balance. A description that wrapped onto the next line before its amounts is
 * joined. When the text layer kept the page layout, an unsigned amount's column (under "Debit" or
 * "Credit") is remembered so its sign can come from the column. Signs are settled in text.ts.
 */
import { findAmounts, type AmountToken } from '../amounts';
import type { DateOrder } from '../dates';
import type { DocLine, TextDocument } from '../document';
import { readStatementAmount, type StatementAmountOptions } from './statement-amounts';
import { readLeadingDate } from './statement-dates';
import { CLOSING_LABEL, OPENING_LABEL } from './statement-header';

export interface TextRow {
  line: DocLine;
  date: string;
  description: string;
  /** As printed: negative only when the print says so (`-`, parentheses, `DR`). */
  amountMinor: number;
  /** Whether the sign was printed (or the row had separate debit and credit amounts). */
  signed: boolean;
  balanceMinor: number | undefined;
  /** The column the amount sat under, when the layout shows it. */
  column: 'debit' | 'credit' | undefined;
}

export interface RowFormat extends StatementAmountOptions {
  order: DateOrder;
  periodEnd: string | undefined;
}

const DEBIT_HEADING = /\b(withdrawals?|debits?|paid\s+out|money\s+out|payments|charges|soll|belastung|d[ée]bit|cargos?|retiros?)\b/i;
const CREDIT_HEADING = /\b(deposits?|credits?|paid\s+in|money\s+in|receipts|haben|gutschrift|cr[ée]dit|abonos?|ingresos?|dep[oó]sitos?)\b/i;

interface Columns {
  debit: number;
  credit: number;
  balance: number | undefined;
}

/** Right edges of the Debit / Credit / Balance headings, when a heading line kept its spacing. */
function findAmountColumns(raw: (line: DocLine) => string, lines: readonly DocLine[]): Columns | undefined {
  for (const line of lines) {
    const text = raw(line);
    if (!/\S {2,}\S/.test(text) || text.includes('\t')) continue;
    const debit = DEBIT_HEADING.exec(text);
    const credit = CREDIT_HEADING.exec(text);
    if (!debit || !credit) continue;
    const balance = /\bbalance|solde|saldo|kontostand\b/i.exec(text);
    return {
      debit: debit.index + debit[0].length,
      credit: credit.index + credit[0].length,
      balance: balance ? balance.index + balance[0].length : undefined,
    };
  }
  return undefined;
}

/** The amounts a text ends with, left to right, with nothing but spaces between them. */
function trailingAmounts(text: string, from: number, options: StatementAmountOptions): AmountToken[] {
  const tokens = findAmounts(text, options).filter((token) => token.start >= from);
  const tail: AmountToken[] = [];
  let end = text.trimEnd().length;
  for (let i = tokens.length - 1; i >= 0 && tail.length < 3; i--) {
    const token = tokens[i];
    if (!token || text.slice(token.end, end).trim() !== '' || token.fractionDigits !== options.exponent) break;
    const plus = text[token.start - 1] === '+';
    tail.unshift(plus ? { ...token, start: token.start - 1, text: `+${token.text}` } : token);
    end = token.start - (plus ? 1 : 0);
  }
  return tail;
}

export function findTextRows(doc: TextDocument, lines: readonly DocLine[], skip: ReadonlySet<number>, format: RowFormat): TextRow[] {
  const raw = (line: DocLine) => doc.pages[line.page - 1]?.lines[line.line - 1]?.text.replace(/\s+$/, '') ?? line.text;
  const columns = findAmountColumns(raw, lines);
  const rows: TextRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || skip.has(line.index)) continue;
    const text = raw(line);
    const indent = text.length - text.trimStart().length;
    const body = text.trimStart();
    const date = readLeadingDate(body, format.order, format.periodEnd);
    if (!date) continue;
    const valueDate = readLeadingDate(body.slice(date.end).trimStart(), format.order, format.periodEnd);
    const descriptionStart = valueDate ? body.length - body.slice(date.end).trimStart().length + valueDate.end : date.end;
    let amounts = trailingAmounts(body, descriptionStart, format);
    let description = body.slice(descriptionStart, amounts[0]?.start ?? body.length);
    let amountIndent = indent;
    const next = lines[i + 1];
    if (amounts.length === 0 && next && !skip.has(next.index)) {
      const nextText = raw(next);
      const nextBody = nextText.trimStart();
      const nextAmounts = readLeadingDate(nextBody, format.order, format.periodEnd) ? [] : trailingAmounts(nextBody, 0, format);
      if (nextAmounts.length === 0) continue;
      description = `${description} ${nextBody.slice(0, nextAmounts[0]?.start ?? 0)}`;
      [amounts, amountIndent] = [nextAmounts, nextText.length - nextBody.length];
      i++;
    }
    // "01/03 Opening balance 1,862.86" is the statement's balance printed as a row, not a transaction.
    if (OPENING_LABEL.test(description) || CLOSING_LABEL.test(description)) continue;
    const row = readAmounts(amounts, format);
    if (!row) continue;
    const first = amounts[0];
    const column = columns && first && !row.signed ? columnOf(columns, amountIndent + first.end) : undefined;
    rows.push({
      line,
      date: date.iso,
      description: description.replace(/\s+/g, ' ').replace(/^[\s|:–—-]+|[\s|:–—-]+$/g, ''),
      ...row,
      column,
    });
  }
  return rows;
}

function readAmounts(
  tokens: AmountToken[],
  options: StatementAmountOptions,
): Omit<TextRow, 'line' | 'date' | 'description' | 'column'> | null {
  const values = tokens.map((token) => readStatementAmount(token.text, options));
  if (values.length === 0 || values.some((value) => value === null)) return null;
  const [a, b, c] = values;
  if (a && b && c) return { amountMinor: Math.abs(b.minor) - Math.abs(a.minor), signed: true, balanceMinor: c.minor };
  if (a && b) return { amountMinor: a.minor, signed: a.signed, balanceMinor: b.minor };
  return a ? { amountMinor: a.minor, signed: a.signed, balanceMinor: undefined } : null;
}

function columnOf(columns: Columns, end: number): 'debit' | 'credit' | undefined {
  const distance = (edge: number | undefined) => (edge === undefined ? Infinity : Math.abs(edge - end));
  const [debit, credit, balance] = [distance(columns.debit), distance(columns.credit), distance(columns.balance)];
  if (balance < debit && balance < credit) return undefined;
  return debit < credit ? 'debit' : 'credit';
}
