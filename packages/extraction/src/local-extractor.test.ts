import { extraction } from '@akount/contracts';
import { describe, expect, it } from 'vitest';
import { documentFromText } from './document';
import { extractLocal, localExtractor } from './local-extractor';

const run = (text: string, hints = {}) => {
  const result = extractLocal(documentFromText(text), hints);
  expect(extraction.safeParse(result).success).toBe(true);
  return result;
};

const malaysianReceipt = `TAN WOON YANN
KEDAI BUKU MAJU SDN BHD
(789417-W)
NO.53, JALAN SAGU 18,
81100 JOHOR BAHRU, JOHOR.
GST ID NO: 000123456789
SIMPLIFIED TAX INVOICE
RECEIPT#: CS00082662
DATE:
25/12/2018 8:13:39 PM
ITEM
QTY
PRICE
AMOUNT
EXERCISE BOOK A4
2
X
5.00
10.00
BLUE PEN 0.5MM
3
X
1.50
4.50
SUB TOTAL (RM):
14.50
TOTAL GST 6%:
0.87
TOTAL:
ROUNDING ADJ:
-0.02
ROUNDED TOTAL (RM):
15.35
CASH
20.00
CHANGE
4.65
THANK YOU, PLEASE COME AGAIN`;

describe('extractLocal on a Malaysian receipt with split label/value boxes', () => {
  const result = run(malaysianReceipt);

  it('takes the rounded total, not the subtotal, tax, cash tendered or change', () => {
    expect(result.total?.value).toEqual({ amountMinor: 1535, currency: 'MYR' });
    expect(result.subtotal?.value.amountMinor).toBe(1450);
    expect(result.taxes?.[0]).toMatchObject({ kind: 'GST', rate: 6, amount: { value: { amountMinor: 87 } } });
  });

  it('reads vendor past the name written on top, date, ids and payment', () => {
    expect(result.vendorName?.value).toBe('KEDAI BUKU MAJU SDN BHD');
    expect(result.vendorName?.source).toEqual({ page: 1, line: 2 });
    expect(result.date?.value).toBe('2018-12-25');
    expect(result.vendorTaxId?.value).toBe('000123456789');
    expect(result.invoiceNumber?.value).toBe('CS00082662');
    expect(result.paymentMethod?.value).toBe('cash');
    expect(result.docType.value).toBe('receipt');
    expect(result.currency?.value).toBe('MYR');
  });

  it('reads split item rows and raises confidence when the arithmetic agrees', () => {
    expect(
      result.lineItems?.map((item) => [
        item.description.value,
        item.quantity?.value,
        item.unitPrice?.value.amountMinor,
        item.amount.value.amountMinor,
      ]),
    ).toEqual([
      ['EXERCISE BOOK A4', 2, 500, 1000],
      ['BLUE PEN 0.5MM', 3, 150, 450],
    ]);
    expect(result.checks).toEqual([
      { name: 'items=subtotal', passed: true },
      { name: 'subtotal+tax=total', passed: true },
      { name: 'tendered-change=total', passed: true },
    ]);
    expect(result.total?.confidence).toBeGreaterThan(0.9);
  });
});

describe('extractLocal on a US invoice', () => {
  const result = run(
    `Acme Design LLC
1200 Market Street, Suite 400
San Francisco, CA 94103
Tax ID: 12-3456789
INVOICE
Invoice Number: INV-2024-0042
Invoice Date: 03/04/2024
Due Date: 04/03/2024
Bill To: Jane Doe Consulting
Description Qty Unit Price Amount
Logo design 1 $1,200.00 $1,200.00
Brand guidelines 2 $400.00 $800.00
Subtotal $2,000.00
Sales Tax 8.5% $170.00
Total Due $2,170.00
Payment terms: Net 30`,
    { locale: 'en-US' },
  );

  it('reads the month-first dates, invoice number and due date', () => {
    expect(result.docType.value).toBe('invoice');
    expect(result.date?.value).toBe('2024-03-04');
    expect(result.dueDate?.value).toBe('2024-04-03');
    expect(result.invoiceNumber?.value).toBe('INV-2024-0042');
    expect(result.vendorName?.value).toBe('Acme Design LLC');
    expect(result.vendorTaxId?.value).toBe('12-3456789');
  });

  it('reads amounts with thousands separators and checks them', () => {
    expect(result.total?.value).toEqual({ amountMinor: 217000, currency: 'USD' });
    expect(result.subtotal?.value.amountMinor).toBe(200000);
    expect(result.taxes?.[0]?.rate).toBe(8.5);
    expect(result.lineItems?.map((item) => item.amount.value.amountMinor)).toEqual([120000, 80000]);
    expect(result.checks.every((check) => check.passed)).toBe(true);
  });

  it('reads the same dates day-first for a British locale', () => {
    const uk = extractLocal(documentFromText('Invoice Date: 03/04/2024\nTotal £10.00'), { locale: 'en-GB' });
    expect(uk.date?.value).toBe('2024-04-03');
  });
});

describe('extractLocal on a European VAT receipt', () => {
  const result = run(`Bäckerei Sonnenschein GmbH
Hauptstraße 12
10115 Berlin
USt-IdNr.: DE123456789
Datum: 14.03.2023 09:41
2 x Brötchen 0,45 0,90
Kaffee groß 3,20
Torte 1.234,56
Zwischensumme 1.238,66
MwSt 7% 81,03
Summe EUR 1.238,66
Bar 1.250,00
Rückgeld 11,34`);

  it('reads comma decimals, the VAT id and the total in euros', () => {
    expect(result.currency?.value).toBe('EUR');
    expect(result.total?.value).toEqual({ amountMinor: 123866, currency: 'EUR' });
    expect(result.date?.value).toBe('2023-03-14');
    expect(result.vendorName?.value).toBe('Bäckerei Sonnenschein GmbH');
    expect(result.vendorTaxId?.value).toBe('DE123456789');
    expect(result.paymentMethod?.value).toBe('cash');
  });
});

describe('extractLocal with little to go on', () => {
  it('leaves missing fields absent instead of inventing them', () => {
    const result = run('THANK YOU\nPLEASE COME AGAIN');
    expect(result.total).toBeUndefined();
    expect(result.date).toBeUndefined();
    expect(result.currency).toBeUndefined();
    expect(result.vendorTaxId).toBeUndefined();
    expect(result.checks).toEqual([]);
  });

  it('reports an amount with no currency anywhere in XXX, with lowered confidence', () => {
    const result = run('CORNER SHOP\nTOTAL 12.00');
    expect(result.total?.value).toEqual({ amountMinor: 1200, currency: 'XXX' });
    expect(result.currency).toBeUndefined();
  });

  it('reads a refund total printed as a credit', () => {
    const result = run('CORNER SHOP LTD\nREFUND\nTOTAL (12.00)\nVISA');
    expect(result.total?.value.amountMinor).toBe(-1200);
    expect(result.paymentMethod?.value).toBe('visa');
  });

  it('is exposed behind the TextExtractor seam', () => {
    expect(localExtractor.engine).toBe('local');
    expect(localExtractor.extract({ pages: [{ lines: [{ text: 'TOTAL RM 1.00' }] }] }).total?.value.amountMinor).toBe(100);
  });
});

describe('extractLocal on a line with two labelled amounts', () => {
  it('labels each amount by the words just before it', () => {
    const text = [
      'BIG GROCER SDN BHD',
      'Evian 6x1.25L 53.50',
      'Item 2 Total with GST @ 6% 77.20',
      'Total Saving 0.00 Total 77.20',
      'Cash 100.00',
      'Change 22.80',
    ].join('\n');
    expect(run(text).total?.value).toEqual({ amountMinor: 7720, currency: 'MYR' });
  });
});
