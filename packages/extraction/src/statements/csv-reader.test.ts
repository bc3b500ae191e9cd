import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv } from './csv-reader';
import { StatementFileError } from './statement-file-error';

describe('readCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside, and keeps each record’s first line', () => {
    const text =
      'Date,Description,Amount\r\n03/01/2024,"ACME, Inc. ""Widgets""",-12.50\r\n03/02/2024,"Rent\r\nMarch",-900.00\r\n03/03/2024,Refund,5.00';
    const { delimiter, records } = readCsv(text);
    expect(delimiter).toBe(',');
    expect(records.map((record) => [record.line, ...record.cells])).toEqual([
      [1, 'Date', 'Description', 'Amount'],
      [2, '03/01/2024', 'ACME, Inc. "Widgets"', '-12.50'],
      [3, '03/02/2024', 'Rent\r\nMarch', '-900.00'],
      [5, '03/03/2024', 'Refund', '5.00'],
    ]);
  });

  it('strips a byte-order mark and skips blank lines', () => {
    const { records } = readCsv('\uFEFFDate;Betrag\n\n01.03.2024;-1,00\n');
    expect(records.map((record) => record.cells)).toEqual([
      ['Date', 'Betrag'],
      ['01.03.2024', '-1,00'],
    ]);
  });

  it('picks the delimiter that splits rows consistently, not the decimal comma', () => {
    expect(detectDelimiter('Datum;Text;Betrag\n01.03.2024;Miete;-1.234,56\n02.03.2024;Lohn, März;2.500,00\n')).toBe(';');
    expect(detectDelimiter('Date\tPayee\tAmount\n2024-03-01\tShop, Inc\t-1.00\n')).toBe('\t');
    expect(detectDelimiter('Date|Memo|Amount\n2024-03-01|a,b,c|-1.00\n2024-03-02|d|2.00\n')).toBe('|');
  });

  it('names the line where a quote is opened and never closed', () => {
    const read = () => readCsv('Date,Description,Amount\n03/01/2024,"Coffee,-4.50\n03/02/2024,Tea,-3.00\n');
    expect(read).toThrow(StatementFileError);
    expect(read).toThrow('line 2: a quoted field is never closed');
  });
});
