import { describe, expect, it } from 'vitest';
import { dateOrderFor, findDates, parseDate } from './dates';

describe('parseDate', () => {
  it('reads numeric dates day-first by default', () => {
    expect(parseDate('25/12/2018')).toBe('2018-12-25');
    expect(parseDate('12-01-19')).toBe('2019-01-12');
    expect(parseDate('5/3/2018')).toBe('2018-03-05');
    expect(parseDate('2018-03-23')).toBe('2018-03-23');
    expect(parseDate('20180304')).toBe('2018-03-04');
    expect(parseDate('25032018')).toBe('2018-03-25');
  });

  it('reads 03/04/2024 as 3 April day-first and 4 March month-first', () => {
    expect(parseDate('03/04/2024', 'dmy')).toBe('2024-04-03');
    expect(parseDate('03/04/2024', 'mdy')).toBe('2024-03-04');
  });

  it('falls back to the only possible reading', () => {
    expect(parseDate('12/25/2018', 'dmy')).toBe('2018-12-25');
    expect(parseDate('25/12/2018', 'mdy')).toBe('2018-12-25');
  });

  it('reads month names in several orders and languages', () => {
    expect(parseDate('25 Dec 2018')).toBe('2018-12-25');
    expect(parseDate('Dec 25, 2018')).toBe('2018-12-25');
    expect(parseDate('05-MAR-18')).toBe('2018-03-05');
    expect(parseDate('14 MAC 2018')).toBe('2018-03-14');
    expect(parseDate('3. Okt 2023')).toBe('2023-10-03');
    expect(parseDate('December 1st 2022')).toBe('2022-12-01');
  });

  it('rejects impossible and implausible dates', () => {
    for (const text of ['31/02/2018', '32/01/2018', '13/13/2018', '01/01/1850', '12:30:45']) expect(parseDate(text)).toBeNull();
  });
});

describe('findDates', () => {
  it('finds a date after a label and next to a time, but not inside product codes', () => {
    expect(findDates('DATE:11/03/18 21:30').map((token) => token.iso)).toEqual(['2018-03-11']);
    expect(findDates('MI11/3-21 - 12/480')).toEqual([]);
  });
});

describe('dateOrderFor', () => {
  it('is month-first only for US-style locales or explicit USD without a locale', () => {
    expect(dateOrderFor('en-US', undefined)).toBe('mdy');
    expect(dateOrderFor('en-GB', 'USD')).toBe('dmy');
    expect(dateOrderFor('ms-MY', undefined)).toBe('dmy');
    expect(dateOrderFor(undefined, 'USD')).toBe('mdy');
    expect(dateOrderFor(undefined, 'MYR')).toBe('dmy');
  });
});
