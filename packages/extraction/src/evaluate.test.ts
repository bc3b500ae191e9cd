import { describe, expect, it } from 'vitest';
import { normalizeCompany, scoreCase, summarize, truthDateIso, truthTotalMinor } from './evaluate';

describe('evaluation scoring', () => {
  it('normalizes company names by case, punctuation and spacing', () => {
    expect(normalizeCompany('Book Ta .K(Taman Daya) Sdn. Bhd.')).toBe('BOOK TA K TAMAN DAYA SDN BHD');
  });

  it('reads truth totals and dates as printed', () => {
    expect(truthTotalMinor('$8.20')).toBe(820);
    expect(truthTotalMinor('1,234.50')).toBe(123450);
    expect(truthDateIso('12-01-19')).toBe('2019-01-12');
    expect(truthDateIso('05 MAR 2018')).toBe('2018-03-05');
  });

  it('scores each field and summarizes accuracy', () => {
    const result = scoreCase(
      '000',
      { id: '000', company: 'ABC SDN BHD', date: '25/12/2018', total: '9.00' },
      {
        engine: 'local',
        docType: { value: 'receipt', confidence: 0.9 },
        vendorName: { value: 'ABC SDN. BHD.', confidence: 0.8 },
        date: { value: '2018-12-25', confidence: 0.8 },
        total: { value: { amountMinor: 950, currency: 'MYR' }, confidence: 0.8 },
        checks: [],
      },
      1,
    );
    expect(result.outcomes.map((outcome) => outcome.correct)).toEqual([false, true, true]);
    expect(summarize('dev', [result]).accuracy).toEqual({ total: 0, date: 1, vendor: 1 });
  });
});
