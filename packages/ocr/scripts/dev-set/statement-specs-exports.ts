/**
 * The bank exports in the dev set: CSV with `,`, `;` and tab delimiters, several date formats,
 * signed amounts or debit/credit columns, `1.234,56` numbers, newest-first order, a BOM and a
 * preamble; OFX 1.02 SGML (also as .qfx) and OFX 2.2 XML.
 */
import type { AccountSpec } from './statements';
import type { StatementSpec } from './statement-specs';
import { numberStyles } from './money';

const account = (
  overrides: Partial<AccountSpec> & Pick<AccountSpec, 'currency' | 'pool' | 'bankName' | 'holderName' | 'accountNumber'>,
): AccountSpec => ({
  bankAddress: [],
  holderAddress: [],
  months: 1,
  rowCount: [14, 24],
  openingRange: [100000, 300000],
  ...overrides,
});

const noHeader = { accountName: false, accountMask: false, period: false };

export const exportSpecs: StatementSpec[] = [
  {
    slug: 'usd-csv-signed',
    description: 'US bank CSV, comma-delimited, MM/DD/YYYY, signed amount and balance, quoted descriptions',
    account: account({
      currency: 'USD',
      pool: 'us',
      bankName: 'Prairie Federal Savings',
      holderName: 'Daniel R. Whitaker',
      accountNumber: '0074419921',
    }),
    format: {
      kind: 'csv',
      shows: noHeader,
      style: {
        delimiter: ',',
        lineEnd: '\n',
        dateStyle: 'mdySlash',
        numbers: numberStyles.plainDot,
        columns: [
          { heading: 'Posting Date', value: 'date' },
          { heading: 'Description', value: 'description' },
          { heading: 'Amount', value: 'amount' },
          { heading: 'Balance', value: 'balance' },
        ],
        quoteAll: false,
      },
    },
  },
  {
    slug: 'gbp-csv-newest-first',
    description: 'UK bank CSV, newest first, DD/MM/YYYY, paid out / paid in columns, CRLF line ends',
    account: account({
      currency: 'GBP',
      pool: 'en',
      bankName: 'Thamesgate Bank plc',
      holderName: 'Ms Priya Raman',
      accountNumber: '41835566',
    }),
    format: {
      kind: 'csv',
      shows: noHeader,
      style: {
        delimiter: ',',
        lineEnd: '\r\n',
        dateStyle: 'dmySlash',
        numbers: numberStyles.plainDot,
        newestFirst: true,
        columns: [
          { heading: 'Date', value: 'date' },
          { heading: 'Type', value: 'type' },
          { heading: 'Description', value: 'description' },
          { heading: 'Paid out', value: 'debit' },
          { heading: 'Paid in', value: 'credit' },
          { heading: 'Balance', value: 'balance' },
        ],
      },
    },
  },
  {
    slug: 'eur-de-csv-semicolon-preamble',
    description:
      'German bank CSV with BOM, semicolons, DD.MM.YYYY, 1.234,56 signed amounts, no balance column; preamble with account, period and opening/closing balances',
    account: account({
      currency: 'EUR',
      pool: 'de',
      bankName: 'Heidebank Nordheide AG',
      holderName: 'Jonas Albrecht',
      accountNumber: 'DE44207500000012347711',
    }),
    format: {
      kind: 'csv',
      shows: { accountName: true, accountMask: true, period: true },
      style: {
        delimiter: ';',
        lineEnd: '\r\n',
        bom: true,
        dateStyle: 'dmyDot',
        numbers: numberStyles.eu,
        preamble: [
          ['Kontoinhaber:', '{holder}'],
          ['Konto:', 'DE** **** **** **** **{last4}'],
          ['Zeitraum:', '{start} - {end}'],
          ['Kontostand vom {start}:', '{opening} EUR'],
          ['Kontostand vom {end}:', '{closing} EUR'],
        ],
        columns: [
          { heading: 'Buchungstag', value: 'date' },
          { heading: 'Verwendungszweck', value: 'description' },
          { heading: 'Betrag', value: 'amount' },
          { heading: 'Währung', value: '=EUR' },
        ],
      },
    },
  },
  {
    slug: 'aud-tsv-debit-credit',
    description: 'Australian export, tab-delimited, ISO dates, debit and credit columns with thousands separators, balance',
    account: account({
      currency: 'AUD',
      pool: 'en',
      bankName: 'Reefline Credit Union',
      holderName: 'Liam and Chloe Harper',
      accountNumber: '152234871',
    }),
    format: {
      kind: 'csv',
      shows: noHeader,
      style: {
        delimiter: '\t',
        lineEnd: '\n',
        dateStyle: 'iso',
        numbers: numberStyles.en,
        columns: [
          { heading: 'Date', value: 'date' },
          { heading: 'Description', value: 'description' },
          { heading: 'Debit', value: 'debit' },
          { heading: 'Credit', value: 'credit' },
          { heading: 'Balance', value: 'balance' },
        ],
      },
    },
  },
  {
    slug: 'eur-fr-csv-newest-first',
    description: 'French bank CSV, semicolons, newest first, DD/MM/YYYY, débit/crédit columns with decimal comma and no grouping',
    account: account({
      currency: 'EUR',
      pool: 'fr',
      bankName: 'Banque des Alpes du Sud',
      holderName: 'M. Julien Arnaud',
      accountNumber: '12345670042',
    }),
    format: {
      kind: 'csv',
      shows: noHeader,
      style: {
        delimiter: ';',
        lineEnd: '\n',
        dateStyle: 'dmySlash',
        numbers: numberStyles.plainComma,
        newestFirst: true,
        columns: [
          { heading: 'Date', value: 'date' },
          { heading: 'Libellé', value: 'description' },
          { heading: 'Débit', value: 'debit' },
          { heading: 'Crédit', value: 'credit' },
          { heading: 'Solde', value: 'balance' },
        ],
      },
    },
  },
  {
    slug: 'cad-csv-quoted-thousands',
    description: 'Canadian bank CSV, every field quoted, ISO dates, signed amounts with thousands separators inside quotes',
    account: account({
      currency: 'CAD',
      pool: 'en',
      bankName: 'Rideau Shore Bank',
      holderName: 'Marc-André Tremblay',
      accountNumber: '5567321',
      openingRange: [300000, 900000],
    }),
    format: {
      kind: 'csv',
      shows: noHeader,
      style: {
        delimiter: ',',
        lineEnd: '\n',
        dateStyle: 'iso',
        numbers: numberStyles.en,
        quoteAll: true,
        columns: [
          { heading: 'Transaction Date', value: 'date' },
          { heading: 'Description', value: 'description' },
          { heading: 'Amount', value: 'amount' },
          { heading: 'Balance', value: 'balance' },
        ],
      },
    },
  },
  {
    slug: 'eur-es-csv-semicolon',
    description: 'Spanish bank CSV, semicolons, DD/MM/YYYY, 1.234,56 signed amounts and balance, account line above the table',
    account: account({
      currency: 'EUR',
      pool: 'es',
      bankName: 'Banco Ribera del Ebro',
      holderName: 'Lucía Marín Gil',
      accountNumber: 'ES7620770024003102575766',
    }),
    format: {
      kind: 'csv',
      shows: { accountName: false, accountMask: true, period: false },
      style: {
        delimiter: ';',
        lineEnd: '\r\n',
        dateStyle: 'dmySlash',
        numbers: numberStyles.eu,
        preamble: [['Cuenta', 'ES** **** **** **** **** {last4}']],
        columns: [
          { heading: 'Fecha', value: 'date' },
          { heading: 'Concepto', value: 'description' },
          { heading: 'Importe', value: 'amount' },
          { heading: 'Saldo', value: 'balance' },
        ],
      },
    },
  },
  {
    slug: 'usd-ofx102-checking',
    description: 'OFX 1.02 SGML checking statement (header lines, unclosed leaf tags, CRLF), EST time stamps',
    account: account({
      currency: 'USD',
      pool: 'us',
      bankName: 'Prairie Federal Savings',
      holderName: 'Daniel R. Whitaker',
      accountNumber: '0074412298',
    }),
    format: {
      kind: 'ofx',
      ext: 'ofx',
      style: { version: '102', accountType: 'CHECKING', bankId: '104000016', org: 'PRAIRIEFED', fid: '10411', zone: '[-5:EST]' },
    },
  },
  {
    slug: 'usd-qfx-savings',
    description: 'Quicken QFX (OFX 1.02 SGML with INTU.BID) savings statement',
    account: account({
      currency: 'USD',
      pool: 'us',
      bankName: 'Cascade Pinecrest Bank',
      holderName: 'Erin Castillo',
      accountNumber: '5521004471',
      openingRange: [400000, 900000],
    }),
    format: {
      kind: 'ofx',
      ext: 'qfx',
      style: {
        version: '102',
        quicken: true,
        accountType: 'SAVINGS',
        bankId: '125000024',
        org: 'CASCADEPINE',
        fid: '3101',
        zone: '[-8:PST]',
      },
    },
  },
  {
    slug: 'cad-ofx220-xml',
    description: 'OFX 2.2 XML checking statement, closed tags, UTC time stamps without zone',
    account: account({
      currency: 'CAD',
      pool: 'en',
      bankName: 'Rideau Shore Bank',
      holderName: 'Marc-André Tremblay',
      accountNumber: '0012300455673',
      openingRange: [200000, 500000],
    }),
    format: {
      kind: 'ofx',
      ext: 'ofx',
      style: { version: '220', accountType: 'CHECKING', bankId: '000300012', org: 'RIDEAUSHORE', fid: '0123', zone: '' },
    },
  },
  {
    slug: 'gbp-ofx220-pending',
    description: 'OFX 2.2 XML current account where the available balance is below the ledger balance (pending holds)',
    account: account({
      currency: 'GBP',
      pool: 'en',
      bankName: 'Thamesgate Bank plc',
      holderName: 'Ms Priya Raman',
      accountNumber: '204577418399',
    }),
    format: {
      kind: 'ofx',
      ext: 'ofx',
      style: {
        version: '220',
        accountType: 'CHECKING',
        bankId: '204577',
        org: 'THAMESGATE',
        fid: '2045',
        zone: '[0:GMT]',
        pendingMinor: 4275,
      },
    },
  },
  {
    slug: 'eur-ofx102-fr',
    description: 'OFX 1.02 SGML from a French bank in EUR, Paris time stamps, long names cut to 32 characters with the full text in MEMO',
    account: account({
      currency: 'EUR',
      pool: 'fr',
      bankName: 'Banque des Alpes du Sud',
      holderName: 'M. Julien Arnaud',
      accountNumber: '00794123456',
    }),
    format: {
      kind: 'ofx',
      ext: 'ofx',
      style: { version: '102', accountType: 'CHECKING', bankId: '30001', org: 'BALPESSUD', fid: '30001', zone: '[+1:CET]' },
    },
  },
];
