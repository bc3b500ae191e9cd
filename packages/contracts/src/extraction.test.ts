import { describe, expect, it } from 'vitest';
import { extraction } from './extraction';

const minimal = { engine: 'local', docType: { value: 'receipt', confidence: 0.9 }, checks: [] };

describe('extraction contract', () => {
  it('accepts a minimal extraction with every optional field absent', () => {
    expect(extraction.parse(minimal)).toEqual(minimal);
  });

  it('accepts null for fields that were not found', () => {
    const parsed = extraction.parse({ ...minimal, total: null, vendorName: null, date: null });
    expect(parsed.total).toBeNull();
  });

  it('accepts the DESIGN §8 example', () => {
    const money = (amountMinor: number) => ({ value: { amountMinor, currency: 'MYR' }, confidence: 0.9 });
    const doc = {
      file: 'receipt.jpg',
      engine: 'local',
      docType: { value: 'receipt', confidence: 0.97 },
      vendorName: { value: 'INDAH GIFT & HOME DECO', confidence: 0.8, source: { page: 1, line: 2 } },
      date: { value: '2018-10-19', confidence: 0.9 },
      currency: { value: 'MYR', confidence: 0.9 },
      subtotal: money(5689),
      taxes: [{ kind: 'GST', rate: 6, amount: money(341) }],
      total: money(6030),
      lineItems: [{ description: { value: 'PEN', confidence: 0.6 }, quantity: { value: 2, confidence: 0.6 }, amount: money(5689) }],
      checks: [{ name: 'subtotal+tax=total', passed: true }],
    };
    expect(extraction.safeParse(doc).success).toBe(true);
  });

  it('rejects fractional minor units, bad currency codes, bad dates and out-of-range confidence', () => {
    const bad = [
      { ...minimal, total: { value: { amountMinor: 60.3, currency: 'MYR' }, confidence: 0.9 } },
      { ...minimal, total: { value: { amountMinor: 6030, currency: 'RM' }, confidence: 0.9 } },
      { ...minimal, date: { value: '19/10/2018', confidence: 0.9 } },
      { ...minimal, date: { value: '2018-13-01', confidence: 0.9 } },
      { ...minimal, docType: { value: 'receipt', confidence: 1.2 } },
      { ...minimal, engine: 'tesseract' },
    ];
    for (const doc of bad) expect(extraction.safeParse(doc).success).toBe(false);
  });
});
