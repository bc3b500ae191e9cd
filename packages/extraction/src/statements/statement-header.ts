/**
 * The parts of a statement around its transactions, read from text lines (a PDF text layer, OCR,
 * or the lines above a CSV header): the account's name and number, the statement period and the
 * balances printed next to a label ("Opening balance", "Balance brought forward", "New balance").
 * Only what is printed; an account number is reduced to its last four digits right away.
 */
import { findAmounts } from '../amounts';
import { findDates, type DateOrder } from '../dates';
import { sourceOf, type DocLine } from '../document';
import { readStatementAmount, type StatementAmountOptions } from './statement-amounts';
import { maskAccount, type DraftBalance, type DraftText } from './statement-draft';
import { readLeadingDate } from './statement-dates';

export const OPENING_LABEL =
  /\b((opening|beginning|starting|previous|prior|start|old)\s+balance|balance\s+(brought\s+forward|b\/f|b\/fwd|forward|at\s+start)|brought\s+forward|anfangssaldo|alter\s+(kontostand|saldo)|saldo\s+(anterior|inicial)|solde\s+(pr[ée]c[ée]dent|initial|d[ée]but|au\s+d[ée]but)|ancien\s+solde)\b/i;
export const CLOSING_LABEL =
  /\b((closing|ending|new|final|end)\s+balance|balance\s+(carried\s+forward|c\/f|c\/fwd|at\s+end)|carried\s+forward|endsaldo|neuer\s+(kontostand|saldo)|saldo\s+final|nouveau\s+solde|solde\s+(final|[àa]\s+la\s+fin))\b/i;

const ACCOUNT_LABEL = String.raw`(?:account|acct|a\/c|card)\.?(?:\s*(?:number|no\.?|num(?:ber)?|nr\.?|#|ending(?:\s+(?:in|with))?))*|iban|konto(?:nummer|nr\.?)?|num[eé]ro\s+de\s+compte|n[°º]\s*(?:de\s+)?compte|compte|n[uú]mero\s+de\s+cuenta|cuenta`;
const ACCOUNT_NUMBER = new RegExp(
  String.raw`\b(${ACCOUNT_LABEL})\s*[:#]?\s*((?:[*xX•·]+[\s-]?)?(?:[A-Z]{2}\d{2}[\s-]?)?\d[\d\s-]*\d|[*xX•·]{2,}[\s-]?\d{2,})(?![\d.,/])`,
  'i',
);
const ACCOUNT_NAME =
  /\b(?:account\s+name|account\s+holder|name\s+of\s+account|kontoinhaber|titulaire(?:\s+du\s+compte)?|titular(?:\s+de\s+la\s+cuenta)?)\s*[:-]?\s*(.+)/i;
const PRODUCT =
  /\b(checking|chequing|savings|current\s+account|business|premier|everyday|money\s+market|credit\s+card|girokonto|tagesgeld|compte\s+(courant|ch[eè]que)|livret|cuenta\s+corriente)\b/i;

export interface AccountGuess {
  name: DraftText | undefined;
  mask: DraftText | undefined;
}

export function findAccount(lines: readonly DocLine[]): AccountGuess {
  let mask: DraftText | undefined;
  let name: DraftText | undefined;
  for (const line of lines) {
    const number = ACCOUNT_NUMBER.exec(line.text);
    const masked = number ? maskAccount(number[2] ?? '') : null;
    const digits = (number?.[2] ?? '').replace(/\D/g, '').length;
    if (!mask && number && masked && (digits >= 4 || /[*xX•·]/.test(number[2] ?? ''))) {
      mask = { value: masked, confidence: 0.85, source: sourceOf(line) };
      const before = line.text.slice(0, number.index).replace(/[\s:,–—-]+$/, '');
      if (!name && PRODUCT.test(before) && before.length <= 60) name = { value: before, confidence: 0.55, source: sourceOf(line) };
    }
    const named = ACCOUNT_NAME.exec(line.text);
    if (named) {
      const value = (named[1] ?? '')
        .replace(ACCOUNT_NUMBER, '')
        .replace(/[\s:,–—-]+$/, '')
        .trim();
      if (value !== '' && (!name || name.confidence < 0.8)) name = { value, confidence: 0.8, source: sourceOf(line) };
    }
  }
  if (!name) {
    const product = lines.find((line) => PRODUCT.test(line.text) && line.text.length <= 60 && !/\d[.,]\d{2}\b/.test(line.text));
    if (product) {
      const value = product.text
        .replace(ACCOUNT_NUMBER, '')
        .replace(/[\s:,–—-]+$/, '')
        .trim();
      if (value !== '') name = { value, confidence: 0.5, source: sourceOf(product) };
    }
  }
  return { name, mask };
}

const RANGE_WORD = String.raw`(?:-|–|—|~|to|through|thru|until|till|bis|au|al|a)`;
const BETWEEN = new RegExp(String.raw`^\s*,?\s*${RANGE_WORD}\s*$`, 'i');
const YEARLESS_START = new RegExp(
  String.raw`(\p{L}{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+\p{L}{3,9}\.?|\d{1,2}[/.]\d{1,2}\.?)\s*,?\s*${RANGE_WORD}\s*$`,
  'iu',
);

export interface PeriodGuess {
  start: DraftText;
  end: DraftText;
  lineIndex: number;
}

/** `01/03/2024 - 31/03/2024`, `from 1 Mar 2024 to 31 Mar 2024`, `March 1 to March 31, 2024`. */
export function findPeriod(lines: readonly DocLine[], order: DateOrder): PeriodGuess | undefined {
  for (const line of lines) {
    const dates = findDates(line.text, order);
    for (let i = 0; i < dates.length; i++) {
      const [first, second] = [dates[i], dates[i + 1]];
      if (!first) continue;
      let start: string | undefined;
      let end: string | undefined;
      if (second && BETWEEN.test(line.text.slice(first.end, second.start))) [start, end] = [first.iso, second.iso];
      else {
        const yearless = YEARLESS_START.exec(line.text.slice(0, first.start));
        const read = yearless ? readLeadingDate(yearless[1] ?? '', order, first.iso) : null;
        if (read) [start, end] = [read.iso, first.iso];
      }
      if (start !== undefined && end !== undefined && start <= end) {
        const confidence = /period|from|du\b|vom|del\b|zeitraum|p[ée]riode|periodo/i.test(line.text) ? 0.9 : 0.75;
        return {
          start: { value: start, confidence, source: sourceOf(line) },
          end: { value: end, confidence, source: sourceOf(line) },
          lineIndex: line.index,
        };
      }
    }
  }
  return undefined;
}

export interface LabelledBalances {
  opening: DraftBalance | undefined;
  closing: DraftBalance | undefined;
  /** Indexes of the lines the balances were read from, so row readers can skip them. */
  lineIndexes: Set<number>;
}

/**
 * The first opening-balance label and the last closing-balance label, each with its amount after the
 * label on the same line (`Previous balance 1,000.00 New balance 1,200.00` holds both) or on the next.
 */
export function findLabelledBalances(lines: readonly DocLine[], options: StatementAmountOptions): LabelledBalances {
  const found: LabelledBalances = { opening: undefined, closing: undefined, lineIndexes: new Set() };
  lines.forEach((line, i) => {
    const labels = (['opening', 'closing'] as const)
      .map((kind) => ({ kind, match: (kind === 'opening' ? OPENING_LABEL : CLOSING_LABEL).exec(line.text) }))
      .filter((label): label is { kind: 'opening' | 'closing'; match: RegExpExecArray } => label.match !== null)
      .sort((a, b) => a.match.index - b.match.index);
    labels.forEach(({ kind, match }, j) => {
      if (kind === 'opening' && found.opening) return;
      const after = line.text.slice(match.index + match[0].length, labels[j + 1]?.match.index ?? line.text.length);
      let amount = lastMoney(after, options);
      let amountLine = line;
      const next = lines[i + 1];
      if (amount === undefined && labels.length === 1 && next) {
        amount = readStatementAmount(next.text, options)?.minor;
        amountLine = next;
      }
      if (amount === undefined) return;
      found[kind] = { minor: amount, confidence: 0.8 * Math.min(line.ocrConfidence, amountLine.ocrConfidence), source: sourceOf(line) };
      found.lineIndexes.add(line.index);
      if (amountLine !== line) found.lineIndexes.add(amountLine.index);
    });
  });
  return found;
}

function lastMoney(text: string, options: StatementAmountOptions): number | undefined {
  const tokens = findAmounts(text, options).filter((token) => token.fractionDigits === options.exponent);
  const last = tokens[tokens.length - 1];
  return last ? readStatementAmount(last.text, options)?.minor : undefined;
}
