import { describe, expect, it } from 'vitest';
import { classifyLabel } from './labels';

describe('classifyLabel', () => {
  it.each([
    ['GRAND TOTAL', 'grandTotal'],
    ['TOTAL ROUNDED', 'grandTotal'],
    ['ROUND D TOTAL (RM):', 'grandTotal'],
    ['TOTAL SALES (INCLUSIVE OF GST)', 'grandTotal'],
    ['TOTAL INCL. GST@6%', 'grandTotal'],
    ['Amount Due', 'grandTotal'],
    ['NETT TOTAL', 'grandTotal'],
    ['TOTAL', 'total'],
    ['Sub Total', 'subtotal'],
    ['TOTAL SALES (EXCLUDING GST) :', 'subtotal'],
    ['SUBTOTAL (QTY 4)', 'subtotal'],
    ['TOTAL QTY:', 'quantity'],
    ['TOTAL GST :', 'tax'],
    ['VAT 20%', 'tax'],
    ['ROUNDING ADJUSTMENT', 'rounding'],
    ['CASH', 'tendered'],
    ['Amount Tendered', 'tendered'],
    ['CHANGE', 'change'],
    ['MEMBER DISCOUNT', 'discount'],
    ['Tip', 'tip'],
    ['SIMPLIFIED TAX INVOICE', 'other'],
  ])('%s → %s', (label, role) => {
    expect(classifyLabel(label)).toBe(role);
  });
});
