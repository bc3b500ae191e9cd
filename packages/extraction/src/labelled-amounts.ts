/**
 * Pairs every money amount with the words that label it. A label is on the same line (`TOTAL
 * 12.00`) or, when OCR splits label and value into separate boxes (common on scanned receipts),
 * on an earlier label-only line: a run of label lines followed by a run of amount lines is paired
 * nearest-first. Decides nothing about which amount is the total; never invents an amount.
 */
import { findAmounts, isMoneyToken, type AmountOptions, type AmountToken } from './amounts';
import type { DocLine } from './document';
import { classifyLabel, type AmountRole } from './labels';

export interface LabelledAmount {
  /** Signed minor units. */
  minor: number;
  token: AmountToken;
  line: DocLine;
  label: string;
  role: AmountRole;
  /** True when the label came from another line. */
  labelDetached: boolean;
  /** Percentage printed in the label (`GST 6%`), when any. */
  rate: number | undefined;
}

const LETTERS = /\p{L}{2,}/u;

/** Text of a line with its money tokens removed; what is left is its label. */
function labelText(line: string, tokens: AmountToken[]): string {
  let text = line;
  for (const token of [...tokens].reverse()) text = text.slice(0, token.start) + ' ' + text.slice(token.end);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The label of each amount on a line. Usually the whole line's words; but when every amount has
 * its own words before it (`Total Saving 0.00 Total 77.20`), each amount takes the words just
 * before it, so the second one is a total and the first a saving.
 */
function labelsPerToken(line: string, tokens: AmountToken[], rest: string): string[] {
  if (tokens.length < 2) return tokens.map(() => rest);
  let previousEnd = 0;
  const segments = tokens.map((token) => {
    const segment = line.slice(previousEnd, token.start).replace(/\s+/g, ' ').trim();
    previousEnd = token.end;
    return segment;
  });
  return segments.every((segment) => LETTERS.test(segment)) ? segments : tokens.map(() => rest);
}

/** A label-only line: words, no money, and not a sentence of fine print. */
function isLabelOnly(text: string): boolean {
  return LETTERS.test(text) && text.length <= 48;
}

/** Leftover text after removing amounts that still counts as "no label" (tax codes, currency, colons). */
function isBare(rest: string): boolean {
  return !LETTERS.test(rest.replace(/\b(RM|MYR|USD|EUR|SGD|SR|ZR|[A-Z])\b/gi, ''));
}

export function rateIn(label: string): number | undefined {
  const match = /(\d{1,2}(?:[.,]\d{1,2})?)\s?%/.exec(label);
  if (!match?.[1]) return undefined;
  return Number(match[1].replace(',', '.'));
}

export function labelAmounts(lines: readonly DocLine[], options: AmountOptions): LabelledAmount[] {
  const exponent = options.exponent ?? 2;
  const out: LabelledAmount[] = [];
  const pendingLabels: DocLine[] = [];
  let pendingAmounts: { line: DocLine; tokens: AmountToken[] }[] = [];

  const flush = () => {
    // Pair the last N labels with the N amounts, nearest label to nearest amount.
    const labels = pendingLabels.slice(-pendingAmounts.length);
    const offset = pendingAmounts.length - labels.length;
    pendingAmounts.forEach((entry, i) => {
      const labelLine = i - offset >= 0 ? labels[i - offset] : undefined;
      for (const token of entry.tokens) {
        const label = labelLine?.text ?? '';
        out.push(makeEntry(token, entry.line, label, labelLine !== undefined));
      }
    });
    pendingLabels.length = 0;
    pendingAmounts = [];
  };

  for (const line of lines) {
    const tokens = findAmounts(line.text, options).filter((token) => isMoneyToken(token, exponent));
    const rest = labelText(line.text, tokens);
    if (tokens.length > 0 && isBare(rest)) {
      pendingAmounts.push({ line, tokens });
      continue;
    }
    if (pendingAmounts.length > 0) flush();
    if (tokens.length > 0) {
      pendingLabels.length = 0;
      const labels = labelsPerToken(line.text, tokens, rest);
      tokens.forEach((token, i) => out.push(makeEntry(token, line, labels[i] ?? rest, false)));
    } else if (isLabelOnly(rest)) {
      pendingLabels.push(line);
    } else if (/^\d{1,4}$/.test(rest.replace(/[\s:]/g, ''))) {
      // A bare count (`TOTAL QTY:` / `6`) answers the nearest label; it is not a money value.
      pendingLabels.pop();
    } else if (!/^[\d\s:.\-/]*$/.test(rest)) {
      pendingLabels.length = 0;
    }
  }
  if (pendingAmounts.length > 0) flush();
  return out;
}

function makeEntry(token: AmountToken, line: DocLine, label: string, labelDetached: boolean): LabelledAmount {
  return {
    minor: token.negative ? -token.minor : token.minor,
    token,
    line,
    label,
    role: label ? classifyLabel(label) : 'other',
    labelDetached,
    rate: rateIn(label),
  };
}
