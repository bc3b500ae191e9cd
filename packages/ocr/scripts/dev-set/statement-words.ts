/**
 * The words printed on bank statement PDFs, per language.
 */

export interface StatementWords {
  title: string;
  account: string;
  period: string;
  to: string;
  opening: string;
  closing: string;
  moneyIn: string;
  moneyOut: string;
  date: string;
  description: string;
  debit: string;
  credit: string;
  amount: string;
  balance: string;
  carried: string;
  brought: string;
  page: string;
}

export const statementEnglish: StatementWords = {
  title: 'Statement of Account',
  account: 'Account number',
  period: 'Statement period',
  to: 'to',
  opening: 'Opening balance',
  closing: 'Closing balance',
  moneyIn: 'Money in',
  moneyOut: 'Money out',
  date: 'Date',
  description: 'Description',
  debit: 'Paid out',
  credit: 'Paid in',
  amount: 'Amount',
  balance: 'Balance',
  carried: 'Balance carried forward',
  brought: 'Balance brought forward',
  page: 'Page {n} of {total}',
};

export const statementAmerican: StatementWords = {
  ...statementEnglish,
  title: 'Checking Account Statement',
  period: 'Statement Period',
  opening: 'Beginning Balance',
  closing: 'Ending Balance',
  moneyIn: 'Deposits and Additions',
  moneyOut: 'Withdrawals and Subtractions',
  debit: 'Withdrawals',
  credit: 'Deposits',
};

export const statementGerman: StatementWords = {
  title: 'Kontoauszug',
  account: 'Konto',
  period: 'Zeitraum',
  to: 'bis',
  opening: 'Alter Kontostand',
  closing: 'Neuer Kontostand',
  moneyIn: 'Summe Gutschriften',
  moneyOut: 'Summe Belastungen',
  date: 'Buchungstag',
  description: 'Verwendungszweck',
  debit: 'Soll',
  credit: 'Haben',
  amount: 'Betrag EUR',
  balance: 'Saldo',
  carried: 'Übertrag',
  brought: 'Übertrag von Seite {prev}',
  page: 'Seite {n} von {total}',
};

export const statementFrench: StatementWords = {
  title: 'Relevé de compte',
  account: 'N° de compte',
  period: 'Période du',
  to: 'au',
  opening: 'Solde précédent',
  closing: 'Nouveau solde',
  moneyIn: 'Total des crédits',
  moneyOut: 'Total des débits',
  date: 'Date',
  description: 'Libellé',
  debit: 'Débit',
  credit: 'Crédit',
  amount: 'Montant',
  balance: 'Solde',
  carried: 'Solde à reporter',
  brought: 'Report du solde',
  page: 'Page {n}/{total}',
};
