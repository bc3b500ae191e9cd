import { extraction, type Extraction } from '@akount/contracts';
import { describe, expect, it } from 'vitest';
import { parseCsvStatement } from './csv';
import { check, rowsOf } from './test-support';

const parse = (text: string, hints = {}): Extraction => extraction.parse(parseCsvStatement(text, hints));

describe('parseCsvStatement on a Chase checking export (newest first, month-first dates)', () => {
  const chase = `Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #
DEBIT,03/28/2024,"AMAZON MKTPL*RT4H21 Amzn.com/bill WA             03/27",-34.99,DEBIT_CARD,4210.07,,
CREDIT,03/15/2024,"ACME CORP        PAYROLL                    PPD ID: 9876543210",2450.00,ACH_CREDIT,4245.06,,
DEBIT,03/13/2024,"Zelle payment to Jane ""JJ"" Doe JPM99a1b2c3",-120.00,QUICKPAY_DEBIT,1795.06,,
CHECK,03/04/2024,"CHECK 1043",-1085.00,CHECK_PAID,1915.06,1043,
`;
  const result = parse(chase, { locale: 'en-US', defaultCurrency: 'USD' });

  it('puts the rows in date order with signed minor units and running balances', () => {
    expect(rowsOf(result)).toEqual([
      ['2024-03-04', 'CHECK 1043', -108500, 191506],
      ['2024-03-13', 'Zelle payment to Jane "JJ" Doe JPM99a1b2c3', -12000, 179506],
      ['2024-03-15', 'ACME CORP PAYROLL PPD ID: 9876543210', 245000, 424506],
      ['2024-03-28', 'AMAZON MKTPL*RT4H21 Amzn.com/bill WA 03/27', -3499, 421007],
    ]);
    expect(result.docType.value).toBe('bank_statement');
    expect(result.currency?.value).toBe('USD');
  });

  it('derives the opening from the oldest row and the closing from the newest, and both checks pass', () => {
    expect(result.statement?.openingBalance?.value).toEqual({ amountMinor: 300006, currency: 'USD' });
    expect(result.statement?.closingBalance?.value).toEqual({ amountMinor: 421007, currency: 'USD' });
    expect(result.checks).toEqual([
      { name: 'running_balances', passed: true },
      { name: 'statement_balance', passed: true },
    ]);
    expect(result.statement?.rows[3]?.amount.confidence).toBeGreaterThanOrEqual(0.95);
    expect(result.statement?.rows[3]?.amount.source).toEqual({ page: 1, line: 2 });
  });
});

describe('parseCsvStatement on a German export (`;`, `1.234,56`, day-first, lines above the header)', () => {
  const german = `Kontonummer: DE89 3704 0044 0532 0130 00
Zeitraum: 01.03.2024 - 31.03.2024

Buchungstag;Valuta;Beguenstigter/Zahlungspflichtiger;Verwendungszweck;Betrag (EUR);Saldo (EUR)
01.03.2024;01.03.2024;Hausverwaltung Schmidt;Miete März;-1.234,56;3.765,44
04.03.2024;04.03.2024;REWE Markt;Einkauf;-87,13;3.678,31
13.03.2024;13.03.2024;ACME GmbH;Gehalt März;3.100,00;6.778,31
`;
  const result = parse(german);

  it('reads decimal commas, day-first dates, the currency from the header and the payee-or-purpose text', () => {
    expect(rowsOf(result)).toEqual([
      ['2024-03-01', 'Miete März', -123456, 376544],
      ['2024-03-04', 'Einkauf', -8713, 367831],
      ['2024-03-13', 'Gehalt März', 310000, 677831],
    ]);
    expect(result.currency?.value).toBe('EUR');
    expect(result.statement?.rows[0]?.amount.value.currency).toBe('EUR');
  });

  it('reads the account mask and the period from the lines above the header', () => {
    expect(result.statement?.accountMask?.value).toBe('****3000');
    expect(result.statement?.periodStart?.value).toBe('2024-03-01');
    expect(result.statement?.periodEnd?.value).toBe('2024-03-31');
    expect(result.statement?.openingBalance?.value.amountMinor).toBe(500000);
    expect(result.statement?.closingBalance?.value.amountMinor).toBe(677831);
    expect(check(result, 'running_balances')).toBe(true);
    expect(check(result, 'rows_in_period')).toBe(true);
  });
});

describe('parseCsvStatement with debit and credit columns', () => {
  const barclays = `Date,Description,Paid out,Paid in,Balance
02/04/2024,CARD PAYMENT TO TESCO,£45.20,,"£1,204.80"
05/04/2024,BACS SALARY ACME LTD,,"£2,300.00","£3,504.80"
12/04/2024,DD COUNCIL TAX,(142.00),,"£3,362.80"
18/04/2024,INTEREST,,0.37,"£3,363.17"
`;
  const result = parse(barclays);

  it('makes paid-out rows negative and paid-in rows positive, whatever sign the cell carries', () => {
    expect(rowsOf(result)).toEqual([
      ['2024-04-02', 'CARD PAYMENT TO TESCO', -4520, 120480],
      ['2024-04-05', 'BACS SALARY ACME LTD', 230000, 350480],
      ['2024-04-12', 'DD COUNCIL TAX', -14200, 336280],
      ['2024-04-18', 'INTEREST', 37, 336317],
    ]);
    expect(result.currency?.value).toBe('GBP');
    expect(check(result, 'running_balances')).toBe(true);
  });

  it('falls back to the locale for day/month order only when no row decides it', () => {
    const ambiguous = 'Date,Description,Debit,Credit\n02/04/2024,Coffee,3.20,\n03/04/2024,Refund,,3.20\n';
    expect(rowsOf(parse(ambiguous, { locale: 'en-GB' }))?.map((row) => row[0])).toEqual(['2024-04-02', '2024-04-03']);
    const us = parse(ambiguous, { locale: 'en-US' });
    expect(rowsOf(us)?.map((row) => row[0])).toEqual(['2024-02-04', '2024-03-04']);
    expect(us.statement?.rows[0]?.date.confidence).toBe(0.7);
  });
});

describe('parseCsvStatement without a header', () => {
  it('finds the date, amount, balance and description columns from the cells (Wells Fargo style)', () => {
    const wells = `"03/01/2024","-45.00","*","","PURCHASE AUTHORIZED ON 02/28 SHELL OIL 57444"
"03/05/2024","1200.00","*","","ONLINE TRANSFER FROM SAVINGS REF #IB0K7"
"03/15/2024","-9.99","*","","RECURRING PAYMENT NETFLIX.COM"
`;
    const result = parse(wells, { defaultCurrency: 'USD' });
    expect(rowsOf(result)).toEqual([
      ['2024-03-01', 'PURCHASE AUTHORIZED ON 02/28 SHELL OIL 57444', -4500, undefined],
      ['2024-03-05', 'ONLINE TRANSFER FROM SAVINGS REF #IB0K7', 120000, undefined],
      ['2024-03-15', 'RECURRING PAYMENT NETFLIX.COM', -999, undefined],
    ]);
    expect(result.currency).toEqual({ value: 'USD', confidence: 0.4 });
    expect(result.statement?.openingBalance).toBeUndefined();
    expect(result.checks).toEqual([]);
  });

  it('tells debit from credit by the running balance', () => {
    const text = `14/03/2024,Opening deposit,,1000.00,1000.00
15/03/2024,Transfer in,,500.00,1500.00
16/03/2024,Groceries,82.15,,1417.85
`;
    const result = parse(text, { defaultCurrency: 'AUD' });
    expect(rowsOf(result)).toEqual([
      ['2024-03-14', 'Opening deposit', 100000, 100000],
      ['2024-03-15', 'Transfer in', 50000, 150000],
      ['2024-03-16', 'Groceries', -8215, 141785],
    ]);
    expect(check(result, 'running_balances')).toBe(true);
    const creditFirst = parse('14/03/2024,Deposit,1000.00,,1000.00\n16/03/2024,Groceries,,82.15,917.85\n', { defaultCurrency: 'AUD' });
    expect(rowsOf(creditFirst)?.map((row) => row[2])).toEqual([100000, -8215]);
  });
});

describe('parseCsvStatement on a newest-first export with same-day rows', () => {
  it('turns the rows round by their running balances and gets opening and closing the right way', () => {
    const text = `Date,Description,Amount,Balance
2024-03-31,Monthly fee,-5.00,995.00
2024-03-31,Card refund,50.00,1000.00
2024-03-31,Coffee,-4.50,950.00
`;
    const result = parse(text, { defaultCurrency: 'CAD' });
    expect(rowsOf(result)).toEqual([
      ['2024-03-31', 'Coffee', -450, 95000],
      ['2024-03-31', 'Card refund', 5000, 100000],
      ['2024-03-31', 'Monthly fee', -500, 99500],
    ]);
    expect(result.statement?.openingBalance?.value).toEqual({ amountMinor: 95450, currency: 'CAD' });
    expect(result.statement?.closingBalance?.value).toEqual({ amountMinor: 99500, currency: 'CAD' });
    expect(check(result, 'statement_balance')).toBe(true);
  });
});

describe('parseCsvStatement balance checks', () => {
  it('fails running_balances and lowers the confidence of the row that does not add up', () => {
    const text = `Date,Description,Amount,Balance,Currency
2024-03-01,Salary,1000.00,1000.00,NZD
2024-03-02,Groceries,-100.00,900.00,NZD
2024-03-03,Fuel,-60.00,830.00,NZD
`;
    const result = parse(text);
    expect(check(result, 'running_balances')).toBe(false);
    expect(result.currency?.value).toBe('NZD');
    const [, groceries, fuel] = result.statement?.rows ?? [];
    expect(check(result, 'statement_balance')).toBe(false);
    expect(groceries?.amount.confidence).toBe(0.9);
    expect(fuel?.amount.confidence).toBe(0.55);
  });

  it('reads opening and closing balance rows instead of taking them for transactions', () => {
    const text = `Date;Description;Amount;Balance
01/03/2024;Opening balance;;1.000,00
05/03/2024;Virement reçu;250,00;1.250,00
20/03/2024;Prélèvement EDF;-75,10;1.174,90
31/03/2024;Closing balance;;1.174,90
`;
    const result = parse(text, { defaultCurrency: 'EUR' });
    expect(result.statement?.rows).toHaveLength(2);
    expect(result.statement?.openingBalance?.value.amountMinor).toBe(100000);
    expect(result.statement?.openingBalance?.source).toEqual({ page: 1, line: 2 });
    expect(result.statement?.closingBalance?.value.amountMinor).toBe(117490);
    expect(result.checks).toEqual([
      { name: 'running_balances', passed: true },
      { name: 'statement_balance', passed: true },
    ]);
  });

  it('reads trailing minus, currency codes in cells and a Spanish header', () => {
    const text = `Fecha;Concepto;Importe;Saldo
02/03/2024;Compra Mercadona;23,40-;976,60
04/03/2024;Transferencia recibida;EUR 100,00;1.076,60
`;
    const result = parse(text);
    expect(rowsOf(result)).toEqual([
      ['2024-03-02', 'Compra Mercadona', -2340, 97660],
      ['2024-03-04', 'Transferencia recibida', 10000, 107660],
    ]);
    expect(result.currency?.value).toBe('EUR');
  });
});
