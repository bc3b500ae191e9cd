import { describe, expect, it } from 'vitest';
import { parseAmount } from './amount';

const minor = (input: string, currency: string) => {
  const reading = parseAmount(input, currency);
  return reading.ok ? reading.amountMinor : reading.message;
};

describe('reading a typed amount into minor units', () => {
  it('reads dot and comma decimals in a two-digit currency', () => {
    expect(minor('12.50', 'USD')).toBe(1250);
    expect(minor('12,5', 'EUR')).toBe(1250);
    expect(minor('1.234,56', 'EUR')).toBe(123456);
    expect(minor('1,234.56', 'USD')).toBe(123456);
    expect(minor('1 234,56', 'EUR')).toBe(123456);
    expect(minor("1'234.50", 'CHF')).toBe(123450);
    expect(minor('1234', 'USD')).toBe(123400);
  });

  it('reads one separator before three digits as grouping unless the currency has three decimals', () => {
    expect(minor('1,234', 'USD')).toBe(123400);
    expect(minor('1.234', 'EUR')).toBe(123400);
    expect(minor('1.234.567', 'EUR')).toBe(123456700);
    expect(minor('1.234', 'KWD')).toBe(1234);
    expect(minor('1,234.500', 'KWD')).toBe(1234500);
  });

  it('knows currencies without minor units', () => {
    expect(minor('1,500', 'JPY')).toBe(1500);
    expect(minor('¥1.500', 'JPY')).toBe(1500);
    expect(minor('1500.5', 'JPY')).toBe('JPY amounts have no decimals.');
  });

  it('drops symbols and codes, keeps the sign', () => {
    expect(minor('$1,454.38', 'USD')).toBe(145438);
    expect(minor('€ 9,99', 'EUR')).toBe(999);
    expect(minor('USD 20', 'USD')).toBe(2000);
    expect(minor('-4.25', 'USD')).toBe(-425);
  });

  it('refuses what is not an amount, with a reason', () => {
    expect(minor('', 'USD')).toBe('Enter the amount.');
    expect(minor('12.345', 'USD')).toBe(1234500);
    expect(minor('12.3456', 'USD')).toBe('USD amounts have at most 2 decimals.');
    expect(minor('12a', 'USD')).toMatch(/Use digits/);
    expect(minor('1.2.3,4,5', 'EUR')).toMatch(/unexpected place/);
    expect(minor('12,34.56', 'USD')).toMatch(/unexpected place/);
    expect(minor('1,23,456.00', 'INR')).toBe(12345600);
    expect(minor('99999999999999999', 'USD')).toBe('The amount is too large.');
  });

  it('never goes through floating point', () => {
    expect(minor('0.29', 'USD')).toBe(29);
    expect(minor('1.005', 'KWD')).toBe(1005);
    expect(minor('90071992547409.91', 'USD')).toBe(9007199254740991);
  });
});
