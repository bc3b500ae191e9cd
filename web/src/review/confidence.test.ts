import { describe, expect, it } from 'vitest';
import { failedChecksNaming, flagField } from './confidence';

const checks = [
  { name: 'items=subtotal', passed: false },
  { name: 'subtotal+tax=total', passed: false },
  { name: 'running_balances', passed: true },
];

describe('flagging extracted fields for review', () => {
  it('flags a field read with low confidence, saying how low', () => {
    expect(flagField({ confidence: 0.5 }, [], ['vendor'])).toEqual({ confidence: 0.5, low: true, reasons: ['read with 50% confidence'] });
    expect(flagField({ confidence: 0.94 }, [], ['date'])).toEqual({ confidence: 0.94, low: false, reasons: [] });
  });

  it('flags a confident field when a check that names it failed', () => {
    expect(flagField({ confidence: 0.95 }, checks, ['total']).reasons).toEqual(['check “subtotal+tax=total” failed']);
    expect(flagField({ confidence: 0.25 }, checks, ['subtotal']).reasons).toEqual([
      'read with 25% confidence',
      'check “items=subtotal” failed',
      'check “subtotal+tax=total” failed',
    ]);
  });

  it('matches whole words of the check name only, and passed checks never', () => {
    expect(failedChecksNaming(checks, ['sub'])).toEqual([]);
    expect(failedChecksNaming(checks, ['running', 'balances'])).toEqual([]);
    expect(failedChecksNaming([{ name: 'running_balances', passed: false }], ['balances'])).toEqual(['running_balances']);
  });

  it('says nothing about a field that was not read', () => {
    expect(flagField(null, [], ['total'])).toEqual({ confidence: null, low: false, reasons: [] });
  });
});
