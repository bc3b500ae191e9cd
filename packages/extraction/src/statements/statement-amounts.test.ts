import { describe, expect, it } from 'vitest';
import { readPlainAmount, readStatementAmount, voteDecimalSeparator } from './statement-amounts';
import { detectDateOrder, readLeadingDate } from './statement-dates';

const point = { exponent: 2, decimalSeparator: '.' } as const;
const comma = { exponent: 2, decimalSeparator: ',' } as const;

describe('readStatementAmount', () => {
  it('reads CR as money in and DR as money out, unlike a receipt', () => {
    expect(readStatementAmount('1,234.56 CR', point)).toEqual({ minor: 123456, signed: true, currency: undefined });
    expect(readStatementAmount('45.00 DR', point)).toEqual({ minor: -4500, signed: true, currency: undefined });
  });

  it('reads printed negatives, plus signs and currency symbols, and rejects anything that is not one amount', () => {
    expect(readStatementAmount('(142.00)', point)?.minor).toBe(-14200);
    expect(readStatementAmount('23,40-', comma)?.minor).toBe(-2340);
    expect(readStatementAmount('+150.00', point)).toEqual({ minor: 15000, signed: true, currency: undefined });
    expect(readStatementAmount('£1,204.80', point)).toEqual({ minor: 120480, signed: false, currency: 'GBP' });
    expect(readStatementAmount('-1.234,56 €', comma)).toEqual({ minor: -123456, signed: true, currency: 'EUR' });
    for (const text of ['', '12,3x', '1.00 2.00', 'abc', '-']) expect(readStatementAmount(text, point)).toBeNull();
  });

  it('reads OFX numbers with either decimal mark and the currency exponent', () => {
    expect(readPlainAmount('-1234,50', 2)).toBe(-123450);
    expect(readPlainAmount('+.5', 2)).toBe(50);
    expect(readPlainAmount('1500', 0)).toBe(1500);
    expect(readPlainAmount('12.345', 3)).toBe(12345);
    expect(readPlainAmount('1,234.56', 2)).toBeNull();
  });
});

describe('voteDecimalSeparator', () => {
  it('decides from cells with two marks or a mark not followed by three digits', () => {
    expect(voteDecimalSeparator(['1.234,56', '-87,13', '3.100'], '.')).toBe(',');
    expect(voteDecimalSeparator(['1,234.56', '-87.1'], ',')).toBe('.');
    expect(voteDecimalSeparator(['1,234', '5'], ',')).toBe(',');
  });
});

describe('statement dates', () => {
  it('decides day/month order from any row, then from date order, then falls back', () => {
    expect(detectDateOrder(['01/03/2024', '13/03/2024'], 'mdy')).toEqual({ order: 'dmy', decided: true });
    expect(detectDateOrder(['03/01/2024', '03/28/2024'], 'dmy')).toEqual({ order: 'mdy', decided: true });
    expect(detectDateOrder(['02/01/2024', '01/02/2024', '03/02/2024'], 'mdy')).toEqual({ order: 'dmy', decided: true });
    expect(detectDateOrder(['01/02/2024', '01/03/2024'], 'mdy')).toEqual({ order: 'mdy', decided: false });
  });

  it('reads a yearless row date in the period’s year, or the year before across New Year', () => {
    expect(readLeadingDate('03/15 Card purchase', 'mdy', '2024-03-31')).toEqual({ iso: '2024-03-15', end: 5 });
    expect(readLeadingDate('28 Dec Coffee', 'dmy', '2024-01-15')).toEqual({ iso: '2023-12-28', end: 6 });
    expect(readLeadingDate('Jan 3 Coffee', 'dmy', '2024-01-15')?.iso).toBe('2024-01-03');
    expect(readLeadingDate('03/15 Card purchase', 'mdy')).toBeNull();
  });
});
