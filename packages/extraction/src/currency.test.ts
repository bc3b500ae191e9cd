import { describe, expect, it } from 'vitest';
import { detectCurrency, minorUnitExponent } from './currency';
import { documentFromText, flattenLines } from './document';

const lines = (text: string) => flattenLines(documentFromText(text));

describe('minorUnitExponent', () => {
  it('knows zero- and three-decimal currencies', () => {
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(minorUnitExponent('KWD')).toBe(3);
    expect(minorUnitExponent('BHD')).toBe(3);
    expect(minorUnitExponent('MYR')).toBe(2);
  });
});

describe('detectCurrency', () => {
  it('reads RM as ringgit and does not take SDN BHD for Bahraini dinars', () => {
    expect(detectCurrency(lines('ABC TRADING SDN BHD\nTOTAL RM 9.00'))?.code).toBe('MYR');
    expect(detectCurrency(lines('AEON CO. (M) BHD. (126926-H)\nTOTAL 9.00'))?.code).toBe('MYR');
  });

  it('reads symbols and codes next to amounts', () => {
    expect(detectCurrency(lines('Summe 12,50 €'))?.code).toBe('EUR');
    expect(detectCurrency(lines('TOTAL GBP 4.20'))?.code).toBe('GBP');
  });

  it('takes a bare dollar as the hinted dollar currency', () => {
    expect(detectCurrency(lines('TOTAL $8.20'), { defaultCurrency: 'SGD' })?.code).toBe('SGD');
    expect(detectCurrency(lines('TOTAL $8.20'))?.code).toBe('USD');
  });

  it('answers unknown rather than guessing', () => {
    expect(detectCurrency(lines('TOTAL 8.20'))).toBeNull();
    expect(detectCurrency(lines('TOTAL 8.20'), { defaultCurrency: 'CAD' })?.code).toBe('CAD');
  });
});
