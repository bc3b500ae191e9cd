import { describe, expect, it } from 'vitest';
import { parseCsvStatement } from './csv';
import { parseOfxStatement } from './ofx';
import { StatementFileError, type StatementFileErrorCode } from './statement-file-error';

function failure(read: () => unknown): { code: StatementFileErrorCode; line: number | undefined; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof StatementFileError) return { code: error.code, line: error.line, message: error.message };
    throw error;
  }
  throw new Error('expected a StatementFileError');
}

const OFX_BODY = `<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>GBP
<BANKACCTFROM><ACCTID>12345678</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20240301<DTEND>20240331
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240302<TRNAMT>-10.00<FITID>1<NAME>Shop</STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>90.00<DTASOF>20240331</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
const OFX_HEADER = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n';

describe('StatementFileError for malformed CSV files', () => {
  it('EMPTY for an empty or blank file', () => {
    expect(failure(() => parseCsvStatement(''))).toEqual({ code: 'EMPTY', line: undefined, message: 'the file is empty' });
    expect(failure(() => parseCsvStatement('\uFEFF \r\n\r\n')).code).toBe('EMPTY');
  });

  it('NO_ROWS for a header with nothing under it, naming the header line', () => {
    expect(failure(() => parseCsvStatement('Date,Description,Amount,Balance\n'))).toEqual({
      code: 'NO_ROWS',
      line: 1,
      message: 'line 1: the file has a header but no transaction rows',
    });
  });

  it('NO_COLUMNS when no date and amount columns can be recognised', () => {
    const error = failure(() => parseCsvStatement('Name,Email,Phone\nJane Doe,jane@example.com,555-0100\n'));
    expect(error.code).toBe('NO_COLUMNS');
    expect(error.message).toBe('line 1: no date and amount columns could be recognised (first row: "Name,Email,Phone")');
  });

  it('BAD_ROW naming the line and the value for an amount that is not a number', () => {
    const text = `Account: Everyday Checking
Date,Description,Amount
03/01/2024,Coffee,-4.50
03/02/2024,Lunch,-12.00
03/03/2024,Books,-30.00
03/04/2024,Salary,2000.00
03/05/2024,Fuel,"12,3x"
03/06/2024,Rent,-900.00
`;
    expect(failure(() => parseCsvStatement(text))).toEqual({ code: 'BAD_ROW', line: 7, message: 'line 7: amount "12,3x" is not a number' });
  });

  it('BAD_ROW for a bad date between good rows, but a footer without dates is not an error', () => {
    const bad = 'Date,Description,Amount\n2024-03-01,Coffee,-4.50\n2024-13-45,Tea,-3.00\n2024-03-03,Cake,-5.00\n';
    expect(failure(() => parseCsvStatement(bad))).toMatchObject({
      code: 'BAD_ROW',
      line: 3,
      message: 'line 3: date "2024-13-45" is not a date',
    });
    const footer = 'Date,Description,Amount\n2024-03-01,Coffee,-4.50\n2024-03-02,Tea,-3.00\nTotal,,-7.50\n';
    expect(parseCsvStatement(footer, { defaultCurrency: 'USD' }).statement?.rows).toHaveLength(2);
  });
});

describe('StatementFileError for malformed OFX files', () => {
  it('BAD_HEADER when the header is missing, broken or not OFX 1/2', () => {
    expect(failure(() => parseOfxStatement(OFX_BODY))).toMatchObject({ code: 'BAD_HEADER', line: 1 });
    expect(failure(() => parseOfxStatement(`OFXHEADER:100\nDATA OFXSGML\n\n${OFX_BODY}`))).toEqual({
      code: 'BAD_HEADER',
      line: 2,
      message: 'line 2: header line "DATA OFXSGML" is not KEY:VALUE',
    });
    expect(failure(() => parseOfxStatement(`OFXHEADER:100\nDATA:XML\n\n${OFX_BODY}`)).message).toBe(
      'line 1: DATA should be OFXSGML, found "XML"',
    );
    expect(failure(() => parseOfxStatement(`<?xml version="1.0"?>\n${OFX_BODY}`)).code).toBe('BAD_HEADER');
    expect(failure(() => parseOfxStatement(`${OFX_HEADER}<HTML>not ofx</HTML>`)).message).toBe('line 5: no <OFX> element after the header');
  });

  it('NO_ROWS when the statement has no STMTTRN, naming the statement line', () => {
    const empty = OFX_HEADER + OFX_BODY.replace(/<STMTTRN>.*<\/STMTTRN>\n/, '');
    expect(failure(() => parseOfxStatement(empty))).toEqual({
      code: 'NO_ROWS',
      line: 5,
      message: 'line 5: the statement has no transactions (STMTTRN)',
    });
  });

  it('TRUNCATED when the file stops before </OFX>, BAD_ROW for a transaction amount that is not a number', () => {
    expect(failure(() => parseOfxStatement(OFX_HEADER + OFX_BODY.slice(0, 200))).code).toBe('TRUNCATED');
    expect(failure(() => parseOfxStatement(OFX_HEADER + OFX_BODY.replace('-10.00', '-10.0O')))).toEqual({
      code: 'BAD_ROW',
      line: 8,
      message: 'line 8: amount "-10.0O" is not a number',
    });
  });

  it('MULTIPLE_ACCOUNTS rather than silently dropping a second account', () => {
    const two = OFX_HEADER + OFX_BODY.replace('</BANKMSGSRSV1>', '<STMTTRNRS><STMTRS><CURDEF>GBP</STMTRS></STMTTRNRS></BANKMSGSRSV1>');
    expect(failure(() => parseOfxStatement(two)).code).toBe('MULTIPLE_ACCOUNTS');
  });
});

describe('statement parsers on damaged input', () => {
  it('only ever throw StatementFileError, never a TypeError', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sources = [
      OFX_HEADER + OFX_BODY,
      'Date,Description,Amount,Balance\n03/01/2024,"Coffee ""to go""",-4.50,95.50\n03/02/2024,Refund,4.50,100.00\n',
    ];
    for (let i = 0; i < 400; i++) {
      const source = sources[i % 2] ?? '';
      const cut = Math.floor(random() * source.length);
      const damaged = source.slice(0, cut) + '<"\n;,$'[Math.floor(random() * 7)] + source.slice(cut + Math.floor(random() * 20));
      for (const parse of [parseCsvStatement, parseOfxStatement]) {
        try {
          parse(damaged);
        } catch (error) {
          expect(error).toBeInstanceOf(StatementFileError);
        }
      }
    }
  });
});
