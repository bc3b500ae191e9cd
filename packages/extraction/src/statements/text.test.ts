import { extraction, type Extraction } from '@akount/contracts';
import { describe, expect, it } from 'vitest';
import { documentFromText, type TextDocument } from '../document';
import { extractLocal } from '../local-extractor';
import { extractStatement } from './text';
import { check, rowsOf } from './test-support';

const run = (doc: TextDocument, hints = {}): Extraction => extraction.parse(extractStatement(doc, hints));

const layoutStatement = `NORTHERN COUNTIES BANK PLC
Everyday Current Account
Account number ****4821                      Sort code 20-00-00
Statement period 01/03/2024 - 31/03/2024

Date        Description                      Withdrawals      Deposits        Balance
01/03/2024  Balance brought forward                                          1,250.00
02/03/2024  TESCO STORES 2231                      45.20                     1,204.80
05/03/2024  SALARY ACME LTD                                   2,300.00       3,504.80
12/03/2024  DIRECT DEBIT COUNCIL TAX              142.00                     3,362.80
15/03/2024  ATM HIGH ST                            60.00                     3,302.80
            Total                                 247.20      2,300.00
Closing balance                                                           £3,302.80`;

describe('extractStatement on a PDF text layer with withdrawal and deposit columns', () => {
  const result = run(documentFromText(layoutStatement));

  it('reads each dated row, with the sign from its column', () => {
    expect(rowsOf(result)).toEqual([
      ['2024-03-02', 'TESCO STORES 2231', -4520, 120480],
      ['2024-03-05', 'SALARY ACME LTD', 230000, 350480],
      ['2024-03-12', 'DIRECT DEBIT COUNCIL TAX', -14200, 336280],
      ['2024-03-15', 'ATM HIGH ST', -6000, 330280],
    ]);
    expect(result.statement?.rows[0]?.amount.source).toEqual({ page: 1, line: 8 });
    expect(result.currency?.value).toBe('GBP');
  });

  it('reads the account, period and labelled balances, and every check passes', () => {
    expect(result.statement?.accountName?.value).toBe('Everyday Current Account');
    expect(result.statement?.accountMask?.value).toBe('****4821');
    expect(result.statement?.periodStart?.value).toBe('2024-03-01');
    expect(result.statement?.periodEnd?.value).toBe('2024-03-31');
    expect(result.statement?.openingBalance?.value).toEqual({ amountMinor: 125000, currency: 'GBP' });
    expect(result.statement?.closingBalance?.value).toEqual({ amountMinor: 330280, currency: 'GBP' });
    expect(result.checks).toEqual([
      { name: 'running_balances', passed: true },
      { name: 'statement_balance', passed: true },
      { name: 'rows_in_period', passed: true },
    ]);
    expect(result.statement?.closingBalance?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('is what extractLocal returns for a document that classifies as a bank statement', () => {
    const local = extractLocal(documentFromText(layoutStatement));
    expect(local.docType.value).toBe('bank_statement');
    expect(local.statement?.rows).toHaveLength(4);
    expect(local.total).toBeUndefined();
  });
});

describe('extractStatement on OCR lines (spacing lost, yearless dates, unsigned amounts)', () => {
  const ocr = `Statement of Account
Acct ending 7731
March 1 to March 31, 2024
Beginning balance $2,000.00
03/04 Coffee Shop 4.50 1,995.50
03/05 Refund from Vendor 20.00 2,015.50
03/09 Online transfer 1,000.00 3,015.50
03/12 Check 1182 (250.00) 2,765.50
Ending balance $2,765.50`;
  const doc: TextDocument = { pages: [{ lines: ocr.split('\n').map((text) => ({ text, confidence: 0.95 })) }] };
  const result = run(doc);

  it('gives yearless rows the period’s year and takes each unsigned amount’s sign from the balance change', () => {
    expect(rowsOf(result)).toEqual([
      ['2024-03-04', 'Coffee Shop', -450, 199550],
      ['2024-03-05', 'Refund from Vendor', 2000, 201550],
      ['2024-03-09', 'Online transfer', 100000, 301550],
      ['2024-03-12', 'Check 1182', -25000, 276550],
    ]);
    expect(result.statement?.accountMask?.value).toBe('****7731');
    expect(result.statement?.periodStart?.value).toBe('2024-03-01');
    expect(check(result, 'running_balances')).toBe(true);
    expect(check(result, 'statement_balance')).toBe(true);
  });

  it('scales confidence by the OCR line confidence and by what decided the sign', () => {
    const [coffee, , , check1182] = result.statement?.rows ?? [];
    expect(coffee?.amount.confidence).toBe(0.91);
    expect(check1182?.amount.confidence).toBe(0.86);
  });
});

describe('extractStatement when the arithmetic does not add up', () => {
  it('fails the checks and lowers row and balance confidence instead of changing values', () => {
    const text = `Bank statement
Opening balance 500.00
2024-04-01 Rent -400.00 100.00
2024-04-02 Groceries -30.00 75.00
Closing balance 75.00`;
    const result = run(documentFromText(text), { defaultCurrency: 'SGD' });
    expect(rowsOf(result)).toEqual([
      ['2024-04-01', 'Rent', -40000, 10000],
      ['2024-04-02', 'Groceries', -3000, 7500],
    ]);
    expect(result.checks).toEqual([
      { name: 'running_balances', passed: false },
      { name: 'statement_balance', passed: false },
    ]);
    expect(result.statement?.rows[1]?.amount.confidence).toBeLessThan(0.5);
    expect(result.statement?.closingBalance?.confidence).toBeLessThan(0.7);
    expect(result.statement?.rows[0]?.amount.value.currency).toBe('SGD');
  });

  it('joins a description that wrapped before its amounts and reads named-month rows without a balance', () => {
    const text = `Account statement
Account name: Jane Doe Consulting
Period 1 Feb 2024 to 29 Feb 2024
1 Feb 2024 Card purchase AMAZON EU
SARL LUXEMBOURG -23.99
14 Feb 2024 Transfer from savings +150.00`;
    const result = run(documentFromText(text), { defaultCurrency: 'EUR' });
    expect(rowsOf(result)).toEqual([
      ['2024-02-01', 'Card purchase AMAZON EU SARL LUXEMBOURG', -2399, undefined],
      ['2024-02-14', 'Transfer from savings', 15000, undefined],
    ]);
    expect(result.statement?.accountName?.value).toBe('Jane Doe Consulting');
    expect(result.statement?.periodEnd?.value).toBe('2024-02-29');
    expect(result.statement?.openingBalance).toBeUndefined();
    expect(result.checks).toEqual([{ name: 'rows_in_period', passed: true }]);
  });
});
