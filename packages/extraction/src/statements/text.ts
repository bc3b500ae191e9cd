/**
 * Statements that arrive as text (a PDF text layer or OCR lines) → Extraction: account, period,
 * labelled opening and closing balances, and the dated rows. A row whose amount is printed without
 * a sign gets it from its column, else from the running balance (previous balance ± amount must
 * give the printed balance), else from its wording — and its confidence says which one decided.
 */
import type { Extraction } from '@akount/contracts';
import { detectDecimalSeparator } from '../amounts';
import { defaultDecimalSeparator, detectCurrency, minorUnitExponent } from '../currency';
import { dateOrderFor } from '../dates';
import { classifyDocument } from '../doc-type';
import { flattenLines, sourceOf, type DocLine, type ExtractionHints, type TextDocument } from '../document';
import { detectDateOrder } from './statement-dates';
import { assembleStatement, balancesFromRows, inDateOrder, type DraftRow, type StatementDraft } from './statement-draft';
import { findAccount, findLabelledBalances, findPeriod, type PeriodGuess } from './statement-header';
import { findTextRows, type RowFormat, type TextRow } from './text-rows';

const NUMERIC_DATE = /(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/.-]*\d)/g;
/** A yearless `03/15` counts for the day/month vote only where it starts a row (text follows), not an amount like `12.50`. */
const YEARLESS_ROW_DATE = /^\d{1,2}[/.-]\d{1,2}(?=\.?\s+\S*\p{L})/u;

export function extractStatement(doc: TextDocument, hints: ExtractionHints = {}): Extraction {
  const lines = flattenLines(doc);
  const currencyVote = detectCurrency(lines, hints);
  const currency = currencyVote?.code ?? 'XXX';
  const exponent = minorUnitExponent(currency);
  const decimalSeparator = detectDecimalSeparator(
    lines.map((line) => line.text),
    defaultDecimalSeparator(currencyVote?.code, hints.locale),
  );
  const options = { exponent, decimalSeparator };
  const samples = lines.flatMap((line) => [...(line.text.match(YEARLESS_ROW_DATE) ?? []), ...(line.text.match(NUMERIC_DATE) ?? [])]);
  const dates = detectDateOrder(samples, dateOrderFor(hints.locale, currencyVote?.code));

  const period = findPeriod(lines, dates.order);
  const account = findAccount(lines);
  const labelled = findLabelledBalances(lines, options);
  const skip = new Set([...labelled.lineIndexes, ...(period ? [period.lineIndex] : [])]);
  const { rows: found, decided } = readRows(
    doc,
    lines,
    skip,
    { ...options, order: dates.order, periodEnd: period?.end.value },
    dates.decided,
    period,
  );
  const rows = settleSigns(inDateOrder(found).rows, labelled.opening?.minor, currency, decided);

  const docType = classifyDocument(lines);
  const draft: StatementDraft = {
    currency: currencyVote
      ? { value: currencyVote.code, confidence: currencyVote.confidence, source: currencyVote.line && sourceOf(currencyVote.line) }
      : undefined,
    docTypeConfidence: docType.value === 'bank_statement' ? docType.confidence : 0.5,
    rows,
    accountName: account.name,
    accountMask: account.mask,
    periodStart: period?.start,
    periodEnd: period?.end,
    opening: labelled.opening,
    closing: labelled.closing,
  };
  balancesFromRows(draft);
  return assembleStatement(draft);
}

/**
 * Rows read with the detected day/month order; when nothing in the text decided it, the other order
 * is tried too and the one that puts more rows inside the statement period wins (`03/04` in a March
 * statement is the 4th).
 */
function readRows(
  doc: TextDocument,
  lines: DocLine[],
  skip: ReadonlySet<number>,
  format: RowFormat,
  decided: boolean,
  period: PeriodGuess | undefined,
): { rows: TextRow[]; decided: boolean } {
  const rows = findTextRows(doc, lines, skip, format);
  if (decided || !period) return { rows, decided };
  const other = findTextRows(doc, lines, skip, { ...format, order: format.order === 'dmy' ? 'mdy' : 'dmy' });
  const inPeriod = (found: TextRow[]) => found.filter((row) => row.date >= period.start.value && row.date <= period.end.value).length;
  const [mine, theirs] = [inPeriod(rows), inPeriod(other)];
  return theirs > mine ? { rows: other, decided: true } : { rows, decided: mine > theirs };
}

const MONEY_IN =
  /\b(deposit|credit|salary|payroll|refund|interest|dividend|transfer\s+from|received|incoming|gutschrift|lohn|gehalt|virement\s+re[çc]u|abono|ingreso)/i;
const MONEY_OUT =
  /\b(withdrawal|purchase|payment|debit|fee|charge|atm|pos\b|card|transfer\s+to|direct\s+debit|standing\s+order|cheque|check|lastschrift|abbuchung|pr[ée]l[èe]vement|retrait|cargo|compra)/i;

/** Confidence by what decided the sign: the print, the column, the balance, the wording, or nothing. */
const SIGN_CONFIDENCE = { printed: 0.75, column: 0.75, balance: 0.8, wording: 0.45, none: 0.3 } as const;

function settleSigns(rows: readonly TextRow[], opening: number | undefined, currency: string, datesDecided: boolean): DraftRow[] {
  let previous = opening;
  return rows.map((row) => {
    const size = Math.abs(row.amountMinor);
    let amount = row.amountMinor;
    let decidedBy: keyof typeof SIGN_CONFIDENCE = 'printed';
    if (!row.signed) {
      if (row.column) [amount, decidedBy] = [row.column === 'debit' ? -size : size, 'column'];
      else if (row.balanceMinor !== undefined && previous !== undefined && previous + size === row.balanceMinor) decidedBy = 'balance';
      else if (row.balanceMinor !== undefined && previous !== undefined && previous - size === row.balanceMinor) {
        [amount, decidedBy] = [-size, 'balance'];
      } else if (MONEY_OUT.test(row.description) !== MONEY_IN.test(row.description)) {
        [amount, decidedBy] = [MONEY_OUT.test(row.description) ? -size : size, 'wording'];
      } else decidedBy = 'none';
    }
    previous = row.balanceMinor ?? (previous === undefined ? undefined : previous + amount);
    const confidence = SIGN_CONFIDENCE[decidedBy] * row.line.ocrConfidence;
    return {
      date: row.date,
      description: row.description || '(no description)',
      amountMinor: amount || 0,
      balanceMinor: row.balanceMinor,
      currency,
      source: sourceOf(row.line),
      confidence,
      dateConfidence: datesDecided ? undefined : 0.6,
    };
  });
}
