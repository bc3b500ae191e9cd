import { describe, expect, it } from 'vitest';
import { checkStatement, inDateOrder, maskAccount, type DraftRow, type StatementDraft } from './statement-draft';

const row = (date: string, amountMinor: number, balanceMinor?: number): DraftRow => ({
  date,
  description: 'x',
  amountMinor,
  balanceMinor,
  currency: 'USD',
  confidence: 0.9,
});
const draft = (rows: DraftRow[], extra: Partial<StatementDraft> = {}): StatementDraft => ({
  currency: undefined,
  docTypeConfidence: 0.9,
  rows,
  ...extra,
});

describe('inDateOrder', () => {
  it('turns a newest-first list round by its dates', () => {
    const { rows, newestFirst } = inDateOrder([row('2024-03-03', 1), row('2024-03-02', 2), row('2024-03-01', 3)]);
    expect(newestFirst).toBe(true);
    expect(rows.map((r) => r.date)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
  });

  it('keeps same-day rows in file order unless only the reverse order makes the balances add up', () => {
    const forward = [row('2024-03-01', -100, 900), row('2024-03-01', 50, 950)];
    expect(inDateOrder(forward).newestFirst).toBe(false);
    const backward = [row('2024-03-01', 50, 950), row('2024-03-01', -100, 900)];
    expect(inDateOrder(backward).newestFirst).toBe(true);
  });
});

describe('checkStatement', () => {
  it('checks each running balance against the printed opening and the rows against the closing', () => {
    const outcome = checkStatement(
      draft([row('2024-03-01', -100, 900), row('2024-03-02', 50, 950)], {
        opening: { minor: 1000, confidence: 0.8 },
        closing: { minor: 950, confidence: 0.8 },
        periodStart: { value: '2024-03-01', confidence: 0.9 },
        periodEnd: { value: '2024-03-31', confidence: 0.9 },
      }),
    );
    expect(outcome.checks).toEqual([
      { name: 'running_balances', passed: true },
      { name: 'statement_balance', passed: true },
      { name: 'rows_in_period', passed: true },
    ]);
    expect(outcome.rows).toEqual(['agrees', 'agrees']);
  });

  it('marks the row that breaks the running balance and does not check an opening that was computed from the closing', () => {
    const outcome = checkStatement(
      draft([row('2024-03-01', -100, 900), row('2024-03-02', 50, 960), row('2024-04-02', 10, 970)], {
        opening: { minor: 1000, confidence: 0.8, derived: 'sum' },
        closing: { minor: 960, confidence: 0.8 },
        periodStart: { value: '2024-03-01', confidence: 0.9 },
        periodEnd: { value: '2024-03-31', confidence: 0.9 },
      }),
    );
    expect(outcome.rows).toEqual(['unchecked', 'disagrees', 'agrees']);
    expect(outcome.checks).toEqual([
      { name: 'running_balances', passed: false },
      { name: 'rows_in_period', passed: false },
    ]);
  });
});

describe('maskAccount', () => {
  it('keeps the last four digits of any account number', () => {
    expect(maskAccount('000123456789')).toBe('****6789');
    expect(maskAccount('DE89 3704 0044 0532 0130 00')).toBe('****3000');
    expect(maskAccount('XXXX-XXXX-1234')).toBe('****1234');
    expect(maskAccount('CHECKING')).toBeNull();
  });
});
