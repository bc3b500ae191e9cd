import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, findAmounts, parseAmount } from './amounts';

describe('parseAmount', () => {
  it('reads point-decimal and comma-decimal thousands the right way round', () => {
    expect(parseAmount('1,234.56')).toBe(123456);
    expect(parseAmount('1.234,56')).toBe(123456);
    expect(parseAmount('1 234,56')).toBe(123456);
    expect(parseAmount("1'234.56")).toBe(123456);
    expect(parseAmount('1,234,567.89')).toBe(123456789);
  });

  it('decides a lone `1.234` / `1,234` by the document separator', () => {
    expect(parseAmount('1,234', { decimalSeparator: '.' })).toBe(123400);
    expect(parseAmount('1.234', { decimalSeparator: ',' })).toBe(123400);
    expect(parseAmount('1,50', { decimalSeparator: ',' })).toBe(150);
  });

  it('reads negatives and credits in every printed form', () => {
    for (const text of ['-12.00', '(12.00)', '12.00-', '12.00 CR', '-RM 12.00', 'RM -12.00']) expect(parseAmount(text)).toBe(-1200);
    expect(parseAmount('12.00 DR')).toBe(1200);
  });

  it('uses the currency exponent and integer arithmetic only', () => {
    expect(parseAmount('1,500', { exponent: 0 })).toBe(1500);
    expect(parseAmount('12.345', { exponent: 3 })).toBe(12345);
    expect(parseAmount('0.29')).toBe(29);
    expect(parseAmount('1.005')).toBe(101);
    expect(parseAmount('.01')).toBe(1);
  });

  it('strips currency markers and rejects non-amounts', () => {
    expect(parseAmount('RM 9.00')).toBe(900);
    expect(parseAmount('$8.20')).toBe(820);
    expect(parseAmount('12,50 €', { decimalSeparator: ',' })).toBe(1250);
    for (const text of ['25/12/2018', '12.01.19', 'abc', '', '8:13:39']) expect(parseAmount(text)).toBeNull();
  });
});

describe('findAmounts', () => {
  it('finds money tokens and skips percentages, codes, dates and times', () => {
    const tokens = findAmounts('GST 6% 25/12/2018 8:13 SX-575 TD01167104 TOTAL RM 33.92');
    expect(tokens.map((token) => [token.minor, token.currency])).toEqual([[3392, 'MYR']]);
  });

  it('reads several amounts on one item row', () => {
    const tokens = findAmounts('PEN BLUE 2 x 3.50 7.00');
    expect(tokens.map((token) => [token.minor, token.fractionDigits])).toEqual([
      [200, 0],
      [350, 2],
      [700, 2],
    ]);
  });
});

describe('detectDecimalSeparator', () => {
  it('votes by two-decimal amounts and falls back when undecided', () => {
    expect(detectDecimalSeparator(['Summe 12,50', 'Bar 20,00', 'MwSt 1,99'], '.')).toBe(',');
    expect(detectDecimalSeparator(['TOTAL 1,234.50', 'CASH 2,000.00'], ',')).toBe('.');
    expect(detectDecimalSeparator(['no amounts'], ',')).toBe(',');
  });
});
