/**
 * Chooses the document's total, subtotal, taxes, tip, discount, rounding, tendered and change from
 * the labelled amounts. Each total candidate is scored by its label (grand total > total > …,
 * change and quantities heavily penalised), its position, how often its value repeats, and whether
 * the arithmetic of the other amounts supports it (tendered − change, subtotal + tax). Never
 * returns an amount that was not printed.
 */
import type { LabelledAmount } from './labelled-amounts';
import { TOTAL_ROLE_SCORE } from './labels';

export interface TaxAmount {
  kind: string;
  rate: number | undefined;
  amount: LabelledAmount;
}

export interface Totals {
  total: LabelledAmount | undefined;
  totalScore: number;
  subtotal: LabelledAmount | undefined;
  taxes: TaxAmount[];
  tip: LabelledAmount | undefined;
  discount: LabelledAmount | undefined;
  rounding: LabelledAmount | undefined;
  tendered: LabelledAmount | undefined;
  change: LabelledAmount | undefined;
}

const last = <T>(items: T[]): T | undefined => items[items.length - 1];

function firstOfRole(amounts: LabelledAmount[], role: LabelledAmount['role']): LabelledAmount | undefined {
  return amounts.find((amount) => amount.role === role && amount.minor !== 0);
}

export function taxKind(label: string): string {
  const match = /\b(gst|sst|vat|tva|iva|mwst|ust|btw|hst|pst|qst|cgst|sgst|igst|service\s*(?:charge|tax))\b/i.exec(label);
  return match?.[1] ? match[1].toUpperCase().replace(/\s+/g, ' ') : 'TAX';
}

function scoreTotal(candidate: LabelledAmount, amounts: LabelledAmount[], lineCount: number, support: Set<number>): number {
  let score = TOTAL_ROLE_SCORE[candidate.role];
  if (candidate.minor === 0) return -100;
  // A negative total is a refund or credit note: allowed, but any positive total outranks it.
  if (candidate.minor < 0) score = candidate.role === 'total' || candidate.role === 'grandTotal' ? score - 7 : -100;
  if (candidate.labelDetached && (candidate.role === 'total' || candidate.role === 'grandTotal')) score -= 0.5;
  const position = lineCount > 1 ? candidate.line.index / (lineCount - 1) : 1;
  if (position < 0.25) score -= 1.5;
  const repeats = amounts.filter((other) => other !== candidate && other.minor === candidate.minor).length;
  score += Math.min(repeats, 2) * 0.4;
  if (support.has(candidate.minor)) score += 4;
  const totalish = amounts.filter((other) => other.role === 'total' || other.role === 'grandTotal').map((other) => other.minor);
  if (totalish.length > 1 && candidate.minor === Math.max(...totalish)) score += 0.5;
  // A total below a printed subtotal is a misread label (a tax or count paired with "TOTAL").
  const subtotals = amounts
    .filter((other) => other.role === 'subtotal' && other.line.index < candidate.line.index)
    .map((other) => other.minor);
  if (subtotals.length > 0 && candidate.minor < Math.max(...subtotals) && candidate.role !== 'subtotal') score -= 3;
  // Far below an item printed before it: a tax, a count or a misaligned label.
  const earlier = amounts.filter((other) => other.role === 'other' && other.line.index < candidate.line.index).map((other) => other.minor);
  if (earlier.length > 0 && candidate.minor * 2 < Math.max(...earlier)) score -= 2.5;
  const larger = amounts.filter((other) => other.minor > candidate.minor && !['tendered', 'change', 'quantity'].includes(other.role));
  if (larger.length === 0) score += 0.3;
  return score;
}

/** What the total must be by arithmetic: tendered − change, subtotal + tax (± rounding). */
function arithmeticTotals(amounts: LabelledAmount[]): Set<number> {
  const derived = new Set<number>();
  const tendered = amounts.filter((amount) => amount.role === 'tendered' && amount.minor > 0);
  const changes = amounts.filter((amount) => amount.role === 'change' && amount.minor >= 0);
  for (const paid of tendered) for (const change of changes) if (paid.minor > change.minor) derived.add(paid.minor - change.minor);
  const subtotals = amounts.filter((amount) => amount.role === 'subtotal' && amount.minor > 0);
  const taxes = amounts.filter((amount) => amount.role === 'tax' && amount.minor > 0);
  const roundings = amounts.filter((amount) => amount.role === 'rounding').map((amount) => amount.minor);
  for (const subtotal of subtotals) {
    for (const tax of taxes) {
      derived.add(subtotal.minor + tax.minor);
      for (const rounding of roundings) derived.add(subtotal.minor + tax.minor + rounding);
    }
  }
  return derived;
}

/** Values that the other amounts' arithmetic says the total should be. */
function supportedTotals(amounts: LabelledAmount[]): Set<number> {
  const support = arithmeticTotals(amounts);
  // A total that adds up two other printed totals (per tax rate, per section) is their aggregate.
  const parts = amounts.filter((amount) => ['total', 'grandTotal', 'subtotal'].includes(amount.role) && amount.minor > 0);
  for (const [i, a] of parts.entries()) for (const b of parts.slice(i + 1)) if (a.minor !== b.minor) support.add(a.minor + b.minor);
  return support;
}

export function selectTotals(amounts: LabelledAmount[], lineCount: number): Totals {
  const support = supportedTotals(amounts);
  let total: LabelledAmount | undefined;
  let totalScore = -Infinity;
  for (const candidate of amounts) {
    const score = scoreTotal(candidate, amounts, lineCount, support);
    // Ties go to the later line: the final total is printed after intermediate ones.
    if (score >= totalScore) {
      total = candidate;
      totalScore = score;
    }
  }
  if (total && totalScore < 0) total = undefined;
  total = afterRounding(total, amounts);

  const bound = total?.minor ?? Infinity;
  const below = (amount: LabelledAmount) => amount.minor > 0 && amount.minor <= bound;
  const subtotal = last(
    amounts.filter((amount) => amount.role === 'subtotal' && below(amount) && amount.line.index <= (total?.line.index ?? Infinity)),
  );
  const seenTax = new Set<number>();
  const taxes: TaxAmount[] = [];
  for (const amount of amounts) {
    if (amount.role !== 'tax' || !below(amount) || amount.minor === bound) continue;
    const key = amount.minor;
    if (seenTax.has(key)) continue;
    seenTax.add(key);
    taxes.push({ kind: taxKind(amount.label), rate: amount.rate, amount });
  }
  return {
    total,
    totalScore,
    subtotal,
    taxes: pickTaxes(taxes, subtotal, total),
    tip: firstOfRole(amounts, 'tip'),
    discount: firstOfRole(amounts, 'discount'),
    rounding: firstOfRole(amounts, 'rounding'),
    tendered: firstOfRole(amounts, 'tendered'),
    change: firstOfRole(amounts, 'change'),
  };
}

/**
 * A total printed after a rounding adjustment, equal to the chosen total ± that adjustment,
 * supersedes it: cash rounding (to 0.05) is applied after GST-inclusive totals.
 */
function afterRounding(total: LabelledAmount | undefined, amounts: LabelledAmount[]): LabelledAmount | undefined {
  if (!total) return total;
  for (const rounding of amounts) {
    if (rounding.role !== 'rounding' || rounding.minor === 0 || rounding.line.index < total.line.index) continue;
    const rounded = amounts.find(
      (other) =>
        other.line.index > rounding.line.index &&
        other.line.index <= rounding.line.index + 8 &&
        !['change', 'quantity', 'tax', 'discount'].includes(other.role) &&
        (other.minor === total.minor + rounding.minor || other.minor === total.minor - rounding.minor),
    );
    if (rounded) return rounded;
  }
  return total;
}

/** When subtotal and total are known, keep the tax amount(s) that bridge them; else the first. */
function pickTaxes(taxes: TaxAmount[], subtotal: LabelledAmount | undefined, total: LabelledAmount | undefined): TaxAmount[] {
  if (taxes.length <= 1) return taxes.filter((tax) => tax.amount.minor > 0);
  if (subtotal && total) {
    const gap = total.minor - subtotal.minor;
    const exact = taxes.find((tax) => tax.amount.minor === gap);
    if (exact) return [exact];
    const near = taxes.find((tax) => Math.abs(tax.amount.minor - gap) <= 5);
    if (near) return [near];
  }
  return taxes.slice(0, 1);
}
