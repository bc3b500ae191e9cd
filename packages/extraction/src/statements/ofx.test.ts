import { extraction, type Extraction } from '@akount/contracts';
import { describe, expect, it } from 'vitest';
import { parseOfxStatement } from './ofx';

const parse = (text: string, hints = {}): Extraction => extraction.parse(parseOfxStatement(text, hints));
const rowsOf = (result: Extraction) =>
  result.statement?.rows.map((row) => [row.date.value, row.description.value, row.amount.value.amountMinor]);

const ofx1 = `OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1>
<SONRS>
<STATUS>
<CODE>0
<SEVERITY>INFO
</STATUS>
<DTSERVER>20240401120000[-5:EST]
<LANGUAGE>ENG
</SONRS>
</SIGNONMSGSRSV1>
<BANKMSGSRSV1>
<STMTTRNRS>
<TRNUID>1
<STATUS>
<CODE>0
<SEVERITY>INFO
</STATUS>
<STMTRS>
<CURDEF>USD
<BANKACCTFROM>
<BANKID>121000248
<ACCTID>000123456789
<ACCTTYPE>CHECKING
</BANKACCTFROM>
<BANKTRANLIST>
<DTSTART>20240301
<DTEND>20240331235959.000[-5:EST]
<STMTTRN>
<TRNTYPE>DEBIT
<DTPOSTED>20240305120000.000[-5:EST]
<TRNAMT>-42.17
<FITID>2024030501
<NAME>SAFEWAY #1234
<MEMO>POS PURCHASE
</STMTTRN>
<STMTTRN>
<TRNTYPE>CREDIT
<DTPOSTED>20240315
<TRNAMT>2500.00
<FITID>2024031502
<NAME>ACME CORP PAYROLL
</STMTTRN>
<STMTTRN>
<TRNTYPE>CHECK
<DTPOSTED>20240320
<TRNAMT>-150
<FITID>2024032003
<CHECKNUM>1044
</STMTTRN>
</BANKTRANLIST>
<LEDGERBAL>
<BALAMT>3807.83
<DTASOF>20240331
</LEDGERBAL>
</STMTRS>
</STMTTRNRS>
</BANKMSGSRSV1>
</OFX>
`;

describe('parseOfxStatement on OFX 1.x SGML (unclosed value tags)', () => {
  const result = parse(ofx1);

  it('reads every STMTTRN with its date, signed amount and name', () => {
    expect(rowsOf(result)).toEqual([
      ['2024-03-05', 'SAFEWAY #1234 — POS PURCHASE', -4217],
      ['2024-03-15', 'ACME CORP PAYROLL', 250000],
      ['2024-03-20', 'Check 1044', -15000],
    ]);
    expect(result.statement?.rows[0]?.amount.source).toEqual({ page: 1, line: 39 });
    expect(result.currency?.value).toBe('USD');
    expect(result.docType).toEqual({ value: 'bank_statement', confidence: 0.99 });
  });

  it('masks the account, reads the period and takes LEDGERBAL as closing, closing minus rows as opening', () => {
    expect(result.statement?.accountMask?.value).toBe('****6789');
    expect(result.statement?.periodStart?.value).toBe('2024-03-01');
    expect(result.statement?.periodEnd?.value).toBe('2024-03-31');
    expect(result.statement?.closingBalance?.value).toEqual({ amountMinor: 380783, currency: 'USD' });
    expect(result.statement?.openingBalance?.value).toEqual({ amountMinor: 150000, currency: 'USD' });
    expect(result.checks).toEqual([{ name: 'rows_in_period', passed: true }]);
  });

  it('reads a one-line header and a .qfx with CRLF line ends the same way', () => {
    const qfx = ofx1
      .replace(/OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n/, 'OFXHEADER:100 DATA:OFXSGML VERSION:102 ')
      .replace(/\n/g, '\r\n');
    expect(rowsOf(parse(qfx))?.map((row) => row[2])).toEqual([-4217, 250000, -15000]);
  });
});

const ofx2 = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20240402</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>
  <CREDITCARDMSGSRSV1>
    <CCSTMTTRNRS>
      <TRNUID>0</TRNUID>
      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
      <CCSTMTRS>
        <CURDEF>EUR</CURDEF>
        <CCACCTFROM><ACCTID>4111-1111-1111-4242</ACCTID></CCACCTFROM>
        <BANKTRANLIST>
          <DTSTART>20240301000000</DTSTART>
          <DTEND>20240331000000</DTEND>
          <STMTTRN>
            <TRNTYPE>DEBIT</TRNTYPE>
            <DTPOSTED>20240329</DTPOSTED>
            <TRNAMT>-1234,50</TRNAMT>
            <FITID>B-2</FITID>
            <NAME>H&amp;M Paris</NAME>
            <MEMO></MEMO>
          </STMTTRN>
          <STMTTRN>
            <TRNTYPE>CREDIT</TRNTYPE>
            <DTPOSTED>20240302</DTPOSTED>
            <TRNAMT>+300.00</TRNAMT>
            <FITID>B-1</FITID>
            <NAME>PAYMENT THANK YOU</NAME>
          </STMTTRN>
        </BANKTRANLIST>
        <LEDGERBAL><BALAMT>-934.50</BALAMT><DTASOF>20240331</DTASOF></LEDGERBAL>
      </CCSTMTRS>
    </CCSTMTTRNRS>
  </CREDITCARDMSGSRSV1>
</OFX>
`;

describe('parseOfxStatement on OFX 2.x XML (a credit card statement, newest first)', () => {
  const result = parse(ofx2);

  it('reads closed tags, entities, decimal commas and explicit plus signs, oldest row first', () => {
    expect(rowsOf(result)).toEqual([
      ['2024-03-02', 'PAYMENT THANK YOU', 30000],
      ['2024-03-29', 'H&M Paris', -123450],
    ]);
    expect(result.currency?.value).toBe('EUR');
    expect(result.statement?.accountMask?.value).toBe('****4242');
    expect(result.statement?.closingBalance?.value.amountMinor).toBe(-93450);
    expect(result.statement?.openingBalance?.value.amountMinor).toBe(0);
  });
});
