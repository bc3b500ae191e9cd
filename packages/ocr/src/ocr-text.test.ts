import { describe, expect, it } from 'vitest';
import { mergeLooks, needsSecondLook } from './second-look';
import { repairOcrLine } from './ocr-text';
import { linesFromTsv } from './tesseract';
import type { Extraction } from '@akount/contracts';

describe('repairOcrLine', () => {
  it.each([
    ['TOTAL RM 64. 15', 'TOTAL RM 64.15'],
    ['CASH RM 100. 00', 'CASH RM 100.00'],
    ['GST 6% : RM 4 .13', 'GST 6% : RM 4.13'],
    ['TL: RM 28 60', 'TL: RM 28.60'],
    ['Subtotal 1O.5O', 'Subtotal 10.50'],
    ['Total l2.00', 'Total 12.00'],
  ])('%s → %s', (input, output) => expect(repairOcrLine(input)).toBe(output));

  it.each(['BOOK TA .K (TAMAN DAYA) SDN BHD', 'Table 12 Guests 3', 'SOLD 2 ITEMS', 'Invoice No. OB 1234', 'Qty 2 x 3'])(
    'leaves %s alone',
    (text) => expect(repairOcrLine(text)).toBe(text),
  );
});

describe('linesFromTsv', () => {
  it('joins words into lines with a box and mean confidence, in Tesseract order', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '4\t1\t1\t1\t1\t0\t10\t10\t200\t20\t-1\t',
      '5\t1\t1\t1\t1\t1\t10\t10\t80\t20\t90\tTOTAL',
      '5\t1\t1\t1\t1\t2\t150\t12\t60\t18\t70\t9.OO',
      '5\t1\t2\t1\t1\t1\t10\t50\t40\t20\t95.5\tCash',
      '5\t1\t2\t1\t1\t2\t60\t50\t40\t20\t-1\t ',
    ].join('\n');
    expect(linesFromTsv(tsv)).toEqual([
      { text: 'TOTAL 9.00', confidence: 0.8, box: { x: 10, y: 10, width: 200, height: 20 } },
      { text: 'Cash', confidence: 0.96, box: { x: 10, y: 50, width: 40, height: 20 } },
    ]);
  });
});

describe('second look', () => {
  const base: Extraction = { engine: 'local', docType: { value: 'receipt', confidence: 0.7 }, checks: [] };
  const money = (amountMinor: number, confidence: number) => ({ value: { amountMinor, currency: 'MYR' }, confidence });

  it('is asked for only when the total, date or vendor is unsure, and never for statements', () => {
    const sure = {
      ...base,
      total: money(900, 0.95),
      date: { value: '2018-12-25', confidence: 0.9 },
      vendorName: { value: 'A', confidence: 0.7 },
    };
    expect(needsSecondLook(sure)).toBe(false);
    expect(needsSecondLook({ ...sure, total: money(900, 0.6) })).toBe(true);
    expect(needsSecondLook({ ...sure, date: undefined })).toBe(true);
    expect(needsSecondLook({ ...base, docType: { value: 'bank_statement', confidence: 0.9 } })).toBe(false);
  });

  it('takes each field from the surer pass and keeps the money fields of one pass together', () => {
    const first: Extraction = {
      ...base,
      total: money(4590, 0.5),
      subtotal: money(1500, 0.4),
      date: { value: '2018-01-02', confidence: 0.9 },
      checks: [{ name: 'subtotal_tax_total', passed: false }],
    };
    const second: Extraction = {
      ...base,
      total: money(1590, 0.97),
      date: { value: '2018-01-03', confidence: 0.5 },
      vendorName: { value: 'KEDAI', confidence: 0.6 },
      checks: [{ name: 'tendered_change_total', passed: true }],
    };
    const merged = mergeLooks(first, second);
    expect(merged.total).toEqual(second.total);
    expect(merged.subtotal).toBeUndefined();
    expect(merged.checks).toEqual(second.checks);
    expect(merged.date).toEqual(first.date);
    expect(merged.vendorName).toEqual(second.vendorName);
  });
});
