/**
 * OFX / QFX statements (bank STMTRS or credit card CCSTMTRS) → Extraction: STMTTRN rows, CURDEF,
 * the account number reduced to its last four digits, the DTSTART–DTEND period and LEDGERBAL as
 * the closing balance (the opening is the closing minus the rows, so it is not a check). OFX
 * amounts are plain signed numbers in the account holder's sense; they are read as digit strings.
 */
import type { Extraction } from '@akount/contracts';
import { minorUnitExponent } from '../currency';
import { parseDate } from '../dates';
import type { ExtractionHints } from '../document';
import { findAll, readOfx, valueOf, type OfxElement } from './ofx-reader';
import { readPlainAmount } from './statement-amounts';
import { assembleStatement, inDateOrder, maskAccount, type DraftRow, type DraftText, type StatementDraft } from './statement-draft';
import { StatementFileError } from './statement-file-error';

export function parseOfxStatement(text: string, hints: ExtractionHints = {}): Extraction {
  const { root } = readOfx(text);
  const statements = [...findAll(root, 'STMTRS'), ...findAll(root, 'CCSTMTRS')];
  const statement = statements[0];
  if (!statement) throw new StatementFileError('NO_ROWS', 'no bank or credit card statement (STMTRS or CCSTMTRS) in the file');
  if (statements.length > 1) {
    throw new StatementFileError(
      'MULTIPLE_ACCOUNTS',
      `the file holds ${statements.length} account statements; export one account per file`,
    );
  }
  const currency = statementCurrency(statement, hints);
  const code = currency?.value ?? 'XXX';
  const exponent = minorUnitExponent(code);
  const transactions = findAll(statement, 'STMTTRN');
  if (transactions.length === 0) throw new StatementFileError('NO_ROWS', 'the statement has no transactions (STMTTRN)', statement.line);
  const rows = transactions.map((transaction) => readTransaction(transaction, code, exponent));

  const list = findAll(statement, 'BANKTRANLIST')[0];
  const account = findAll(statement, 'BANKACCTFROM')[0] ?? findAll(statement, 'CCACCTFROM')[0];
  const ledger = findAll(statement, 'LEDGERBAL')[0];
  const draft: StatementDraft = {
    currency,
    docTypeConfidence: 0.99,
    rows: inDateOrder(rows).rows,
    periodStart: dateField(list, 'DTSTART'),
    periodEnd: dateField(list, 'DTEND'),
  };
  const accountId = account ? valueOf(account, 'ACCTID') : undefined;
  const mask = accountId ? maskAccount(accountId) : null;
  if (account && mask) draft.accountMask = { value: mask, confidence: 0.95, source: { page: 1, line: account.line } };
  const balance = ledger ? valueOf(ledger, 'BALAMT') : undefined;
  const closing = balance === undefined ? null : readPlainAmount(balance, exponent);
  if (ledger && balance !== undefined && closing === null) {
    throw new StatementFileError('BAD_ROW', `ledger balance "${balance}" is not a number`, ledger.line);
  }
  if (ledger && closing !== null) {
    const source = { page: 1, line: ledger.line };
    draft.closing = { minor: closing, confidence: 0.95, source };
    const sum = rows.reduce((total, row) => total + row.amountMinor, 0);
    draft.opening = { minor: closing - sum, confidence: 0.85, source, derived: 'sum' };
  }
  return assembleStatement(draft);
}

function statementCurrency(statement: OfxElement, hints: ExtractionHints): DraftText | undefined {
  const curdef = valueOf(statement, 'CURDEF')?.toUpperCase();
  if (curdef && /^[A-Z]{3}$/.test(curdef)) return { value: curdef, confidence: 0.99 };
  const hinted = hints.defaultCurrency?.toUpperCase();
  return hinted ? { value: hinted, confidence: 0.4 } : undefined;
}

/** `20240315`, `20240315120000`, `20240315120000.000[-5:EST]` → `2024-03-15` (the date as printed, no time zone shift). */
function ofxDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  return match ? parseDate(`${match[1]}-${match[2]}-${match[3]}`) : null;
}

function dateField(element: OfxElement | undefined, name: string): DraftText | undefined {
  const value = element ? valueOf(element, name) : undefined;
  const iso = value ? ofxDate(value) : null;
  return element && iso ? { value: iso, confidence: 0.95, source: { page: 1, line: element.line } } : undefined;
}

function readTransaction(transaction: OfxElement, currency: string, exponent: number): DraftRow {
  const line = transaction.line;
  const posted = valueOf(transaction, 'DTPOSTED') ?? valueOf(transaction, 'DTUSER');
  if (posted === undefined) throw new StatementFileError('BAD_ROW', 'the transaction has no DTPOSTED date', line);
  const date = ofxDate(posted);
  if (!date) throw new StatementFileError('BAD_ROW', `DTPOSTED "${posted}" is not a date`, line);
  const amountText = valueOf(transaction, 'TRNAMT');
  if (amountText === undefined) throw new StatementFileError('BAD_ROW', 'the transaction has no TRNAMT amount', line);
  const amount = readPlainAmount(amountText, exponent);
  if (amount === null) throw new StatementFileError('BAD_ROW', `amount "${amountText}" is not a number`, line);
  const name = valueOf(transaction, 'NAME');
  const memo = valueOf(transaction, 'MEMO');
  let description = name ?? memo;
  if (name && memo && !name.includes(memo)) description = memo.includes(name) ? memo : `${name} — ${memo}`;
  const checkNumber = valueOf(transaction, 'CHECKNUM');
  description ??= checkNumber ? `Check ${checkNumber}` : valueOf(transaction, 'TRNTYPE');
  return {
    date,
    description: description ?? '(no description)',
    amountMinor: amount,
    currency,
    source: { page: 1, line },
    confidence: description ? 0.95 : 0.5,
  };
}
