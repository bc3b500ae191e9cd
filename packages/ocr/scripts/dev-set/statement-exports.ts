/**
 * Bank exports as text: CSV in the shapes banks actually produce (delimiters, preambles, signed
 * or debit/credit columns, European number formats, newest-first order) and OFX, both 1.02 SGML
 * (with its header block and unclosed leaf tags, also as Quicken .qfx) and 2.x XML.
 */
import { formatDate, type DateStyle } from './dates';
import { currencies, formatMinor, formatSigned, type NumberStyle } from './money';
import { lastFour, type StatementData, type Transaction } from './statements';

export interface CsvStyle {
  delimiter: ',' | ';' | '\t';
  lineEnd: '\n' | '\r\n';
  bom?: boolean;
  dateStyle: DateStyle;
  numbers: NumberStyle;
  /** Column headings in order, each with the value it holds (`type` is DEBIT/CREDIT, `=text` a constant). */
  columns: Array<{ heading: string; value: 'date' | 'description' | 'type' | 'amount' | 'debit' | 'credit' | 'balance' | `=${string}` }>;
  newestFirst?: boolean;
  quoteAll?: boolean;
  /** Lines before the table, e.g. account and balances; `{opening}`/`{closing}` are filled in. */
  preamble?: string[][];
}

function csvField(value: string, style: CsvStyle): string {
  const needsQuotes = style.quoteAll || value.includes(style.delimiter) || value.includes('"') || value.includes('\n');
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

export function statementCsv(data: StatementData, style: CsvStyle): string {
  const exponent = currencies[data.account.currency].exponent;
  const digits = (minor: number): string => formatMinor(minor, exponent, style.numbers);
  const cell = (transaction: Transaction, value: CsvStyle['columns'][number]['value']): string => {
    switch (value) {
      case 'date':
        return formatDate(transaction.date, style.dateStyle);
      case 'description':
        return transaction.description;
      case 'type':
        return transaction.amountMinor < 0 ? 'DEBIT' : 'CREDIT';
      case 'amount':
        return formatSigned(transaction.amountMinor, exponent, style.numbers);
      case 'debit':
        return transaction.amountMinor < 0 ? digits(transaction.amountMinor) : '';
      case 'credit':
        return transaction.amountMinor > 0 ? digits(transaction.amountMinor) : '';
      case 'balance':
        return formatSigned(transaction.balanceMinor, exponent, style.numbers);
      default:
        return value.slice(1);
    }
  };
  const fill = (text: string): string =>
    text
      .replace('{opening}', formatSigned(data.openingMinor, exponent, style.numbers))
      .replace('{closing}', formatSigned(data.closingMinor, exponent, style.numbers))
      .replace('{start}', formatDate(data.periodStart, style.dateStyle))
      .replace('{end}', formatDate(data.periodEnd, style.dateStyle))
      .replace('{last4}', lastFour(data.account.accountNumber))
      .replace('{holder}', data.account.holderName);
  const lines: string[] = [];
  for (const preamble of style.preamble ?? []) lines.push(preamble.map((text) => csvField(fill(text), style)).join(style.delimiter));
  if (style.preamble) lines.push('');
  lines.push(style.columns.map((column) => csvField(column.heading, style)).join(style.delimiter));
  const rows = style.newestFirst ? [...data.transactions].reverse() : data.transactions;
  for (const transaction of rows)
    lines.push(style.columns.map((column) => csvField(cell(transaction, column.value), style)).join(style.delimiter));
  return `${style.bom ? '\ufeff' : ''}${lines.join(style.lineEnd)}${style.lineEnd}`;
}

export interface OfxStyle {
  version: '102' | '220';
  /** Quicken Web Connect (.qfx) adds an INTU.BID to the sign-on. */
  quicken?: boolean;
  accountType: 'CHECKING' | 'SAVINGS';
  bankId: string;
  org: string;
  fid: string;
  /** Time zone suffix for DTPOSTED, e.g. `[-5:EST]`, or '' for none. */
  zone: string;
  /** AVAILBAL below LEDGERBAL by this many minor units (pending card holds). */
  pendingMinor?: number;
}

const nameLimit = 32;

/** The NAME an OFX file carries for a transaction (OFX 1.x limits it to 32 characters). */
export function ofxName(description: string): string {
  return description.length > nameLimit ? description.slice(0, nameLimit).trimEnd() : description;
}

function ofxAmount(minor: number, exponent: number): string {
  return formatSigned(minor, exponent, { group: '', decimal: '.' });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function statementOfx(data: StatementData, style: OfxStyle): string {
  const xml = style.version === '220';
  const exponent = currencies[data.account.currency].exponent;
  const leaf = (tag: string, value: string): string => (xml ? `<${tag}>${escapeXml(value)}</${tag}>` : `<${tag}>${value}`);
  const stamp = (iso: string, time = '120000'): string => `${formatDate(iso, 'compact')}${time}${style.zone}`;
  const status = ['<STATUS>', leaf('CODE', '0'), leaf('SEVERITY', 'INFO'), '</STATUS>'];
  const body: string[] = ['<OFX>', '<SIGNONMSGSRSV1>', '<SONRS>', ...status];
  body.push(leaf('DTSERVER', stamp(data.periodEnd, '235959')), leaf('LANGUAGE', 'ENG'));
  body.push('<FI>', leaf('ORG', style.org), leaf('FID', style.fid), '</FI>');
  if (style.quicken) body.push(leaf('INTU.BID', style.fid));
  body.push('</SONRS>', '</SIGNONMSGSRSV1>', '<BANKMSGSRSV1>', '<STMTTRNRS>', leaf('TRNUID', '1'), ...status);
  body.push('<STMTRS>', leaf('CURDEF', data.account.currency), '<BANKACCTFROM>', leaf('BANKID', style.bankId));
  body.push(leaf('ACCTID', data.account.accountNumber), leaf('ACCTTYPE', style.accountType), '</BANKACCTFROM>');
  body.push('<BANKTRANLIST>', leaf('DTSTART', stamp(data.periodStart, '000000')), leaf('DTEND', stamp(data.periodEnd, '235959')));
  data.transactions.forEach((transaction, index) => {
    body.push('<STMTTRN>', leaf('TRNTYPE', transaction.amountMinor < 0 ? 'DEBIT' : 'CREDIT'), leaf('DTPOSTED', stamp(transaction.date)));
    body.push(leaf('TRNAMT', ofxAmount(transaction.amountMinor, exponent)));
    body.push(leaf('FITID', `${formatDate(transaction.date, 'compact')}${String(index + 1).padStart(4, '0')}`));
    body.push(leaf('NAME', ofxName(transaction.description)));
    if (transaction.description.length > nameLimit) body.push(leaf('MEMO', transaction.description));
    body.push('</STMTTRN>');
  });
  body.push('</BANKTRANLIST>');
  body.push(
    '<LEDGERBAL>',
    leaf('BALAMT', ofxAmount(data.closingMinor, exponent)),
    leaf('DTASOF', stamp(data.periodEnd, '235959')),
    '</LEDGERBAL>',
  );
  const available = data.closingMinor - (style.pendingMinor ?? 0);
  body.push('<AVAILBAL>', leaf('BALAMT', ofxAmount(available, exponent)), leaf('DTASOF', stamp(data.periodEnd, '235959')), '</AVAILBAL>');
  body.push('</STMTRS>', '</STMTTRNRS>', '</BANKMSGSRSV1>', '</OFX>');
  if (xml) {
    const head = [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
      '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>',
    ];
    return `${[...head, ...body].join('\n')}\n`;
  }
  const head = [
    'OFXHEADER:100',
    'DATA:OFXSGML',
    'VERSION:102',
    'SECURITY:NONE',
    'ENCODING:USASCII',
    'CHARSET:1252',
    'COMPRESSION:NONE',
    'OLDFILEUID:NONE',
    'NEWFILEUID:NONE',
    '',
  ];
  const text = `${[...head, ...body].join('\r\n')}\r\n`;
  if (/[^\t\n\r -~]/.test(text)) throw new Error(`${data.account.bankName}: OFX 1.02 here is declared US-ASCII`);
  return text;
}
