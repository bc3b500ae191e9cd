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

describe('detectCurrency on OCR slips and statements', () => {
  it('reads a currency named in words next to its code', () => {
    expect(detectCurrency(lines('Checking Account Statement\nAmounts in USD\nBeginning Balance 3,942.76'))?.code).toBe('USD');
    expect(detectCurrency(lines('Kontoauszug\nWährung: EUR\nSaldo 1.234,56'))?.code).toBe('EUR');
  });

  it('does not count a symbol glued to a registration number (OCR of `20965-V`)', () => {
    expect(detectCurrency(lines('SUN WONG KUT SDN BHD\nCompany No 20965-¥\nTotal RM 88.17'))?.code).toBe('MYR');
  });

  it('settles a tie between two currencies by the country the document is from', () => {
    expect(detectCurrency(lines('GL HANDICRAFT\nJALAN KANCIL, KUALA LUMPUR\nPINS ¥ 17.00 102.00\nTax (RM) 5.77'))?.code).toBe('MYR');
  });

  it('takes Canadian sales taxes as a Canadian dollar cue', () => {
    expect(detectCurrency(lines('Cedar Coast Cafe\nSubtotal $12.00\nGST 5% $0.60\nPST 7% $0.84\nTotal $13.44'))?.code).toBe('CAD');
  });
});
