import { describe, expect, it } from 'vitest';
import { classifyDocument } from './doc-type';
import { documentFromText, flattenLines } from './document';

const classify = (text: string) => classifyDocument(flattenLines(documentFromText(text)));

describe('classifyDocument', () => {
  it('calls a statement with balances, an account number and dated rows a bank statement', () => {
    const statement = `Acct ending 7731
Beginning balance $2,000.00
03/04 Coffee Shop 4.50 1,995.50
03/05 Refund from Vendor 20.00 2,015.50
Ending balance $2,015.50`;
    expect(classify(statement)).toEqual({ value: 'bank_statement', confidence: 0.95 });
    expect(classify('Kontoauszug Nr. 3/2024\nAlter Kontostand 1.000,00').value).toBe('bank_statement');
  });

  it('keeps a receipt with a loyalty-points block (opening and closing points balance) a receipt', () => {
    const receipt = `WATSONS
SUBTOTAL (QTY 4)
RM41.45
CASH
RM51.50
CHANGE CASH
RM10.05
LOYALTY ACC.NUMBER
9926016**
TOTAL POINTS
OPENING BALANCE
2264
EARNED POINTS
43
CLOSING BALANCE
2307`;
    expect(classify(receipt).value).toBe('receipt');
  });

  it('keeps an invoice an invoice', () => {
    expect(classify('INVOICE\nInvoice No: 1042\nBill To: ACME\nDue Date: 30/04/2024\nTotal 1,200.00').value).toBe('invoice');
  });
});
