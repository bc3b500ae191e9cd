import { describe, expect, it } from 'vitest';
import { formatMoney, toDecimalString } from './money';

describe('money display', () => {
  it('turns minor units into a decimal string without floats', () => {
    expect(toDecimalString(123456, 'USD')).toBe('1234.56');
    expect(toDecimalString(-5, 'USD')).toBe('-0.05');
    expect(toDecimalString(1500, 'JPY')).toBe('1500');
    expect(toDecimalString(1234, 'KWD')).toBe('1.234');
  });

  it('formats with the currency symbol and grouping', () => {
    expect(formatMoney(123456789, 'USD')).toBe('$1,234,567.89');
    expect(formatMoney(-4250, 'GBP', 'en-GB')).toBe('-£42.50');
    expect(formatMoney(900719925474099, 'USD')).toBe('$9,007,199,254,740.99');
  });
});
