/**
 * Lays a statement out as a bank's PDF: header with bank, holder, masked account and period, a
 * summary box, then the transaction table with opening and closing rows and, on long statements,
 * carried/brought-forward rows at page breaks (which are not transactions).
 */
import { formatDate, type DateStyle } from './dates';
import { Flow, type Cell, type FontFamily, type Layout } from './layout';
import { currencies, formatMinor, sum, type NumberStyle } from './money';
import { lastFour, type StatementData } from './statements';
import type { StatementWords } from './statement-words';

export interface StatementPdfStyle {
  words: StatementWords;
  numbers: NumberStyle;
  dateStyle: DateStyle;
  rowDateStyle: DateStyle;
  columns: 'debitCredit' | 'signed';
  negative: 'minus' | 'parens' | 'trailingMinus';
  /** `drcr` prints an overdrawn balance as `123.45 DR`. */
  balance: 'signed' | 'drcr';
  /** How the account number is masked, with `{last4}`, e.g. `****{last4}`. */
  accountText: string;
  currencyNote: string;
  font: FontFamily;
}

export function layoutStatementPdf(data: StatementData, style: StatementPdfStyle): Layout {
  const words = style.words;
  const accountText = style.accountText.replace('{last4}', lastFour(data.account.accountNumber));
  const exponent = currencies[data.account.currency].exponent;
  const digits = (minor: number): string => formatMinor(minor, exponent, style.numbers);
  const signed = (minor: number): string => {
    if (minor >= 0) return digits(minor);
    if (style.negative === 'parens') return `(${digits(minor)})`;
    return style.negative === 'trailingMinus' ? `${digits(minor)}-` : `-${digits(minor)}`;
  };
  const balanceText = (minor: number): string =>
    style.balance === 'drcr' ? (minor < 0 ? `${digits(minor)} DR` : digits(minor)) : signed(minor);
  const width = 595;
  const height = 842;
  const size = 8.5;
  const x = { date: 40, description: 108, debit: 395, credit: 470, amount: 460, balance: 555 };
  const header = (flow: Flow): void => {
    const cells: Cell[] = [
      { text: words.date, x: x.date },
      { text: words.description, x: x.description },
    ];
    if (style.columns === 'debitCredit') {
      cells.push({ text: words.debit, x: x.debit, align: 'right' }, { text: words.credit, x: x.credit, align: 'right' });
    } else {
      cells.push({ text: words.amount, x: x.amount, align: 'right' });
    }
    cells.push({ text: words.balance, x: x.balance, align: 'right' });
    flow.line(cells, { bold: true });
    flow.rule();
  };
  const row = (flow: Flow, date: string, description: string, amount: number | null, balance: number, bold = false): void => {
    const cells: Cell[] = [
      { text: date, x: x.date },
      { text: description, x: x.description },
    ];
    if (amount !== null && style.columns === 'debitCredit') {
      cells.push({ text: amount < 0 ? digits(amount) : '', x: x.debit, align: 'right' });
      cells.push({ text: amount > 0 ? digits(amount) : '', x: x.credit, align: 'right' });
    } else if (amount !== null) {
      cells.push({ text: signed(amount), x: x.amount, align: 'right' });
    }
    cells.push({ text: balanceText(balance), x: x.balance, align: 'right' });
    flow.line(cells, { bold });
  };
  let running = data.openingMinor;
  const flow = new Flow(
    { width, height, margin: { top: 40, right: 40, bottom: 60, left: 40 }, font: style.font, size, leading: 1.55 },
    (next, pageNumber) => {
      next.text(`${data.account.bankName} - ${words.title} - ${accountText}`, { bold: true });
      next.gap(6);
      header(next);
      row(next, '', words.brought.replace('{prev}', String(pageNumber - 1)), null, running, true);
    },
  );
  const top = flow.y;
  flow.text(data.account.bankName, { bold: true, size: 16 });
  for (const line of data.account.bankAddress) flow.text(line);
  flow.place({ x: flow.right, y: top + 14, text: words.title, size: 13, bold: true, align: 'right' });
  flow.gap(14);
  const holderTop = flow.y;
  flow.text(data.account.holderName, { bold: true });
  for (const line of data.account.holderAddress) flow.text(line);
  const facts = [
    `${words.account}: ${accountText}`,
    `${words.period} ${formatDate(data.periodStart, style.dateStyle)} ${words.to} ${formatDate(data.periodEnd, style.dateStyle)}`,
    style.currencyNote,
  ];
  facts.forEach((text, index) => flow.place({ x: flow.right, y: holderTop + (index + 1) * size * 1.55, text, size, align: 'right' }));
  flow.gap(14);
  const amounts = data.transactions.map((t) => t.amountMinor);
  const summary: Array<[string, string]> = [
    [words.opening, balanceText(data.openingMinor)],
    [words.moneyIn, digits(sum(amounts.filter((a) => a > 0)))],
    [words.moneyOut, digits(sum(amounts.filter((a) => a < 0)))],
    [words.closing, balanceText(data.closingMinor)],
  ];
  for (const [label, value] of summary)
    flow.line([
      { text: label, x: flow.left },
      { text: value, x: flow.left + 240, align: 'right' },
    ]);
  flow.gap(14);
  header(flow);
  row(flow, formatDate(data.periodStart, style.rowDateStyle), words.opening, null, data.openingMinor, true);
  const rowHeight = size * 1.55;
  for (const transaction of data.transactions) {
    if (!flow.fits(rowHeight * 2)) {
      row(flow, '', words.carried, null, running, true);
      flow.newPage();
    }
    running = transaction.balanceMinor;
    row(flow, formatDate(transaction.date, style.rowDateStyle), transaction.description, transaction.amountMinor, transaction.balanceMinor);
  }
  flow.rule();
  row(flow, formatDate(data.periodEnd, style.rowDateStyle), words.closing, null, data.closingMinor, true);
  const layout = flow.finish();
  layout.pages.forEach((page, index) => {
    const text = words.page.replace('{n}', String(index + 1)).replace('{total}', String(layout.pages.length));
    page.items.push({ kind: 'text', x: width / 2, y: height - 30, text, size: 7.5, font: style.font, bold: false, align: 'center' });
  });
  return layout;
}
