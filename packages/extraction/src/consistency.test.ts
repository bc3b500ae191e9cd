import { describe, expect, it } from 'vitest';
import { adjustConfidence, runChecks } from './consistency';

const none = {
  itemsMinor: [],
  subtotal: undefined,
  taxes: [],
  tip: undefined,
  discount: undefined,
  rounding: undefined,
  total: undefined,
  tendered: undefined,
  change: undefined,
};

describe('runChecks', () => {
  it('passes when items, subtotal, tax, rounding and total agree', () => {
    const checks = runChecks({
      ...none,
      itemsMinor: [1500, 2100],
      subtotal: 3600,
      taxes: [216],
      rounding: -1,
      total: 3815,
      tendered: 5000,
      change: 1185,
    });
    expect(checks.map(({ name, passed }) => [name, passed])).toEqual([
      ['items=subtotal', true],
      ['subtotal+tax=total', true],
      ['tendered-change=total', true],
    ]);
  });

  it('counts tip and discount', () => {
    const [check] = runChecks({ ...none, subtotal: 4000, taxes: [320], tip: 800, discount: -500, total: 4620 });
    expect(check?.passed).toBe(true);
  });

  it('fails when the arithmetic does not add up and lowers confidence', () => {
    const checks = runChecks({ ...none, subtotal: 1000, taxes: [60], total: 1200 });
    expect(checks[0]?.passed).toBe(false);
    expect(adjustConfidence(0.8, 'total', checks)).toBeLessThan(0.8);
    expect(adjustConfidence(0.8, 'total', [{ name: 'x', passed: true, fields: ['total'] }])).toBeGreaterThan(0.8);
  });

  it('records nothing when there is nothing to compare', () => {
    expect(runChecks({ ...none, total: 1000 })).toEqual([]);
  });
});
