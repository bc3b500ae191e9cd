/**
 * The bank statements in the dev set as text-layer PDFs: English, American, German, French,
 * Australian, Canadian and Malaysian layouts, debit/credit or signed amount columns, negatives as
 * `-`, `( )` or a trailing minus, overdrawn balances as `DR`, dates with and without a year, and
 * two-page statements with carried-forward rows. Banks and holders are invented.
 */
import type { AccountSpec } from './statements';
import type { StatementPdfStyle } from './statement-pdf';
import type { CsvStyle, OfxStyle } from './statement-exports';
import { numberStyles } from './money';
import { statementAmerican, statementEnglish, statementFrench, statementGerman } from './statement-words';
import { exportSpecs } from './statement-specs-exports';

export type StatementFormat =
  | { kind: 'pdf'; style: StatementPdfStyle }
  | { kind: 'csv'; style: CsvStyle; shows: { accountName: boolean; accountMask: boolean; period: boolean } }
  | { kind: 'ofx'; ext: 'ofx' | 'qfx'; style: OfxStyle };

export interface StatementSpec {
  slug: string;
  description: string;
  account: AccountSpec;
  format: StatementFormat;
}

const pdfBase = { numbers: numberStyles.en, negative: 'minus', balance: 'signed', font: 'sans' } as const;

export const statementSpecs: StatementSpec[] = [
  {
    slug: 'gbp-debit-credit',
    description: 'UK bank statement PDF, paid out / paid in / balance columns, day-first dates, summary box',
    account: {
      currency: 'GBP',
      pool: 'en',
      bankName: 'Thamesgate Bank plc',
      bankAddress: ['1 Riverside Walk', 'Reading RG1 8DB'],
      holderName: 'Ms Priya Raman',
      holderAddress: ['14 Elm Grove', 'Reading RG4 7AA'],
      accountNumber: '20-45-77 41831234',
      months: 1,
      rowCount: [14, 20],
      openingRange: [80000, 250000],
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        words: statementEnglish,
        dateStyle: 'dMonY',
        rowDateStyle: 'dmySlash',
        columns: 'debitCredit',
        accountText: '****{last4}',
        currencyNote: 'Currency: GBP',
      },
    },
  },
  {
    slug: 'usd-signed-amount',
    description: 'US checking statement PDF, month-first dates, signed amount and balance columns',
    account: {
      currency: 'USD',
      pool: 'us',
      bankName: 'Prairie Federal Savings',
      bankAddress: ['PO Box 4410', 'Omaha, NE 68103'],
      holderName: 'Daniel R. Whitaker',
      holderAddress: ['2218 Willow Creek Dr', 'Lincoln, NE 68516'],
      accountNumber: '0074412298',
      months: 1,
      rowCount: [15, 22],
      openingRange: [150000, 400000],
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        words: statementAmerican,
        dateStyle: 'monthDY',
        rowDateStyle: 'mdySlash',
        columns: 'signed',
        accountText: 'XXXXXX{last4}',
        currencyNote: 'Amounts in USD',
      },
    },
  },
  {
    slug: 'eur-de-two-pages',
    description: 'German Kontoauszug PDF over two pages, 1.234,56 amounts with a trailing minus, Übertrag rows at the page break',
    account: {
      currency: 'EUR',
      pool: 'de',
      bankName: 'Heidebank Nordheide AG',
      bankAddress: ['Marktplatz 1', '21244 Buchholz'],
      holderName: 'Jonas Albrecht',
      holderAddress: ['Birkenweg 7', '21255 Tostedt'],
      accountNumber: 'DE44 2075 0000 0012 3498 76',
      months: 2,
      rowCount: [48, 56],
      openingRange: [120000, 300000],
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        numbers: numberStyles.eu,
        negative: 'trailingMinus',
        words: statementGerman,
        dateStyle: 'dmyDot',
        rowDateStyle: 'dmyDot',
        columns: 'signed',
        accountText: 'DE** **** **** **** **{last4}',
        currencyNote: 'Währung: EUR',
      },
    },
  },
  {
    slug: 'eur-fr-debit-credit',
    description: 'French relevé PDF in serif, débit / crédit / solde columns, space thousands (1 234,56)',
    account: {
      currency: 'EUR',
      pool: 'fr',
      bankName: 'Banque des Alpes du Sud',
      bankAddress: ['3 place du Marché', '05000 Gap'],
      holderName: 'M. Julien Arnaud',
      holderAddress: ['18 chemin des Lavandes', '04100 Manosque'],
      accountNumber: '30001 00794 12345678901',
      months: 1,
      rowCount: [14, 20],
      openingRange: [60000, 200000],
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        numbers: numberStyles.fr,
        font: 'serif',
        words: statementFrench,
        dateStyle: 'dmySlash',
        rowDateStyle: 'dmySlash',
        columns: 'debitCredit',
        accountText: '*******{last4}',
        currencyNote: 'Devise : EUR',
      },
    },
  },
  {
    slug: 'aud-two-pages-no-year',
    description: 'Australian statement PDF over two pages, row dates without a year ("05 Mar"), debit/credit, brought-forward rows',
    account: {
      currency: 'AUD',
      pool: 'en',
      bankName: 'Reefline Credit Union',
      bankAddress: ['120 Flinders St', 'Townsville QLD 4810'],
      holderName: 'Liam and Chloe Harper',
      holderAddress: ['9 Banksia Cres', 'Townsville QLD 4814'],
      accountNumber: '633-000 152234871',
      months: 1,
      rowCount: [50, 58],
      openingRange: [100000, 300000],
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        words: { ...statementEnglish, debit: 'Debit', credit: 'Credit' },
        dateStyle: 'dMonY',
        rowDateStyle: 'ddMon',
        columns: 'debitCredit',
        accountText: 'xxxx {last4}',
        currencyNote: 'All amounts in AUD',
      },
    },
  },
  {
    slug: 'cad-overdraft-dr',
    description: 'Canadian statement PDF, ISO dates, overdrawn balances printed as "123.45 DR", debit/credit columns',
    account: {
      currency: 'CAD',
      pool: 'en',
      bankName: 'Rideau Shore Bank',
      bankAddress: ['400 Wellington St', 'Ottawa ON K1P 5J2'],
      holderName: 'Marc-André Tremblay',
      holderAddress: ['77 Bank St, Apt 5', 'Ottawa ON K2P 1X4'],
      accountNumber: '00123-004-5567321',
      months: 1,
      rowCount: [14, 20],
      openingRange: [5000, 20000],
      overdraft: true,
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        balance: 'drcr',
        words: { ...statementEnglish, debit: 'Withdrawals', credit: 'Deposits' },
        dateStyle: 'iso',
        rowDateStyle: 'iso',
        columns: 'debitCredit',
        accountText: '****{last4}',
        currencyNote: 'CAD',
      },
    },
  },
  {
    slug: 'usd-parens-no-year',
    description: 'US statement PDF in Courier, "Mar 05" row dates without a year, negative amounts in parentheses',
    account: {
      currency: 'USD',
      pool: 'us',
      bankName: 'Cascade Pinecrest Bank',
      bankAddress: ['800 Pine St', 'Spokane, WA 99201'],
      holderName: 'Erin Castillo',
      holderAddress: ['412 E Sprague Ave', 'Spokane, WA 99202'],
      accountNumber: '5521008830',
      months: 1,
      rowCount: [15, 22],
      openingRange: [100000, 350000],
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        negative: 'parens',
        font: 'mono',
        words: statementAmerican,
        dateStyle: 'mdySlash',
        rowDateStyle: 'monDd',
        columns: 'signed',
        accountText: 'ending in {last4}',
        currencyNote: 'USD',
      },
    },
  },
  {
    slug: 'myr-debit-credit',
    description: 'Malaysian statement PDF, upper-case descriptions, day-first dates, debit/credit/balance in RM',
    account: {
      currency: 'MYR',
      pool: 'my',
      bankName: 'BANK SEJAHTERA BERHAD',
      bankAddress: ['MENARA SEJAHTERA, JALAN TUN RAZAK', '50400 KUALA LUMPUR'],
      holderName: 'NUR AISYAH BINTI HASSAN',
      holderAddress: ['NO 21 JALAN SS2/55', '47300 PETALING JAYA'],
      accountNumber: '5140 2211 7788',
      months: 1,
      rowCount: [14, 20],
      openingRange: [200000, 600000],
    },
    format: {
      kind: 'pdf',
      style: {
        ...pdfBase,
        words: { ...statementEnglish, debit: 'DEBIT', credit: 'CREDIT' },
        dateStyle: 'dmySlash',
        rowDateStyle: 'dmySlash',
        columns: 'debitCredit',
        accountText: '********{last4}',
        currencyNote: 'Currency: MYR',
      },
    },
  },
  ...exportSpecs,
];
