/**
 * Reads purchased items from the body of a receipt or invoice: a description with an amount, and
 * quantity and unit price when printed (`2 x 3.50 7.00`, `PEN 2 @ 3.50 7.00`). Handles both one-row
 * items and scans where OCR splits a row into a description line followed by number-only lines.
 * Stops at the first subtotal/total label; never fabricates a quantity or a price.
 */
import { findAmounts, isMoneyToken, type AmountOptions, type AmountToken } from './amounts';
import type { DocLine } from './document';
import { classifyLabel } from './labels';

export interface ItemGuess {
  description: string;
  descriptionLine: DocLine;
  quantity: number | undefined;
  unitPriceMinor: number | undefined;
  amountMinor: number;
  amountLine: DocLine;
}

const STOP_ROLES = new Set(['total', 'grandTotal', 'subtotal', 'tax', 'tendered', 'change', 'rounding']);
const COLUMN_HEADER = /\b(qty|quantity|description|desc|item|price|amount|amt|unit|menge|artikel|prix|betrag)\b/i;
const NUMERIC_ONLY = /^[\s\d.,xX@*:()RM$€£-]*[A-Z]?$/i;

function moneyTokens(text: string, options: AmountOptions): AmountToken[] {
  return findAmounts(text, options).filter((token) => isMoneyToken(token, options.exponent ?? 2));
}

function quantityIn(text: string): number | undefined {
  const times = /(\d{1,4}(?:[.,]\d{1,3})?)\s*(?:pcs?|x|@|\*|units?)(?![\p{L}])/iu.exec(text);
  const raw = times?.[1] ?? /^\s*(\d{1,3})\s*$/.exec(text)?.[1];
  if (!raw) return undefined;
  const [int = '0', frac = ''] = raw.split(/[.,]/);
  const value = Number(int) + (frac ? Number(frac) / 10 ** frac.length : 0);
  return value > 0 && value < 10_000 ? value : undefined;
}

/** Lines between the header and the totals block. */
function bodyOf(lines: readonly DocLine[], options: AmountOptions): DocLine[] {
  const headerAt = lines.findIndex((line) => COLUMN_HEADER.test(line.text) && line.text.length < 60);
  const start = headerAt >= 0 ? headerAt + 1 : 0;
  const stopAt = lines.findIndex((line, i) => {
    if (i < start) return false;
    const tokens = moneyTokens(line.text, options);
    const label = line.text.replace(/[\d.,:()$€£-]/g, ' ');
    return /\p{L}{2,}/u.test(label) && STOP_ROLES.has(classifyLabel(label)) && (tokens.length > 0 || line.text.length < 40);
  });
  return lines.slice(start, stopAt >= 0 ? stopAt : lines.length);
}

export function findLineItems(lines: readonly DocLine[], options: AmountOptions): ItemGuess[] {
  const body = bodyOf(lines, options);
  const items: ItemGuess[] = [];
  let description: DocLine | undefined;
  let group: DocLine[] = [];

  const closeGroup = () => {
    const tokens = group.flatMap((line) => moneyTokens(line.text, options).map((token) => ({ token, line })));
    const amount = tokens[tokens.length - 1];
    if (description && amount && !amount.token.negative) {
      const price = tokens.length >= 2 ? tokens[tokens.length - 2] : undefined;
      const quantity = group.map((line) => quantityIn(line.text)).find((value) => value !== undefined);
      items.push({
        description: description.text,
        descriptionLine: description,
        quantity,
        unitPriceMinor: price?.token.minor,
        amountMinor: amount.token.minor,
        amountLine: amount.line,
      });
    }
    description = undefined;
    group = [];
  };

  for (const line of body) {
    const tokens = moneyTokens(line.text, options);
    if (NUMERIC_ONLY.test(line.text)) {
      if (description) group.push(line);
      continue;
    }
    if (description && group.length > 0) closeGroup();
    if (tokens.length > 0) {
      const last = tokens[tokens.length - 1] as AmountToken;
      const head = line.text.slice(0, tokens[0]?.start ?? line.text.length);
      const text = head.replace(/\s+\d{1,4}(?:[.,]\d{1,3})?\s*(?:pcs?|x|@|\*)?\s*$/i, '').trim();
      if (!/\p{L}{2,}/u.test(text) || last.negative) continue;
      const price = tokens.length >= 2 ? tokens[tokens.length - 2] : undefined;
      items.push({
        description: text.replace(/^\d{1,3}\s+(?=\p{L})/u, ''),
        descriptionLine: line,
        quantity: quantityIn(head.slice(text.length)) ?? (/^\d{1,3}\s+\p{L}/u.test(text) ? Number(/^\d+/.exec(text)?.[0]) : undefined),
        unitPriceMinor: price?.minor,
        amountMinor: last.minor,
        amountLine: line,
      });
      description = undefined;
    } else if (/\p{L}{3,}/u.test(line.text)) {
      // A new description replaces a previous one that never got an amount (a code or second text line).
      const codeLike = /\d/.test(line.text) && !/\p{L}{4,}/u.test(line.text);
      if (!description || !codeLike) description = line;
    }
  }
  if (description && group.length > 0) closeGroup();
  return items;
}
