/**
 * Arithmetic checks between extracted amounts — items sum to the subtotal, subtotal + tax (+ tip
 * − discount ± rounding) equals the total, tendered − change equals the total — and the confidence
 * adjustments they imply: a passing check raises the confidence of every field it involves, a
 * failing one lowers it. Integer minor units only; never changes a value, only its confidence.
 */
import type { ConsistencyCheck } from '@akount/contracts';

export interface CheckInputs {
  itemsMinor: number[];
  subtotal: number | undefined;
  taxes: number[];
  tip: number | undefined;
  discount: number | undefined;
  rounding: number | undefined;
  total: number | undefined;
  tendered: number | undefined;
  change: number | undefined;
}

export type CheckedField = 'lineItems' | 'subtotal' | 'taxes' | 'tip' | 'total';

export interface CheckResult extends ConsistencyCheck {
  fields: CheckedField[];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Rounding to 5 or 10 minor units (cash rounding) is tolerated when no rounding line was read. */
const CASH_ROUNDING_TOLERANCE = 5;

export function runChecks(input: CheckInputs): CheckResult[] {
  const checks: CheckResult[] = [];
  const { subtotal, total } = input;
  if (input.itemsMinor.length > 0 && (subtotal !== undefined || total !== undefined)) {
    const target = subtotal ?? (total as number);
    checks.push({
      name: subtotal !== undefined ? 'items=subtotal' : 'items=total',
      passed: sum(input.itemsMinor) === target,
      fields: ['lineItems', subtotal !== undefined ? 'subtotal' : 'total'],
    });
  }
  if (subtotal !== undefined && total !== undefined && (input.taxes.length > 0 || input.tip !== undefined || subtotal === total)) {
    const expected = subtotal + sum(input.taxes) + (input.tip ?? 0) - Math.abs(input.discount ?? 0);
    const withRounding = expected + (input.rounding ?? 0);
    const difference = Math.abs(total - withRounding);
    const fields: CheckedField[] = ['subtotal', 'total'];
    if (input.taxes.length > 0) fields.push('taxes');
    if (input.tip !== undefined) fields.push('tip');
    checks.push({
      name: 'subtotal+tax=total',
      passed:
        difference === 0 || (input.rounding === undefined && difference <= CASH_ROUNDING_TOLERANCE) || Math.abs(total - expected) === 0,
      fields,
    });
  }
  if (input.tendered !== undefined && input.change !== undefined && total !== undefined && input.tendered >= total) {
    checks.push({ name: 'tendered-change=total', passed: input.tendered - input.change === total, fields: ['total'] });
  }
  return checks;
}

/** Confidence after the checks that involve a field: +0.1 per pass, −0.2 per failure, in [0.05, 0.99]. */
export function adjustConfidence(base: number, field: CheckedField, checks: CheckResult[]): number {
  let confidence = base;
  for (const check of checks) {
    if (!check.fields.includes(field)) continue;
    confidence += check.passed ? 0.1 : -0.2;
  }
  return Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100;
}
