/**
 * Business invoices: vendor block, invoice number and dates, bill-to, a line-item table that may
 * run over several pages, then subtotal, tax lines with rates and the total. Prices are net;
 * subtotal is after any discount, so subtotal + taxes = total.
 */
import { addDays, formatDate, type DateStyle } from './dates';
import { invoiceCatalogs, type InvoiceCatalogName } from './invoice-catalog';
import type { InvoiceWords } from './invoice-words';
import { Flow, type FontFamily, type Layout } from './layout';
import { currencies, formatRate, mulDivRound, sum, taxOnNet, type CurrencyCode, type NumberStyle } from './money';
import type { Output } from './output';
import type { Random } from './random';
import { moneyText, type CurrencyMark, type TaxRate, type Vendor } from './receipts';

export interface InvoiceSpec {
  slug: string;
  description: string;
  currency: CurrencyCode;
  words: InvoiceWords;
  numbers: NumberStyle;
  dateStyle: DateStyle;
  vendor: Vendor & { email?: string };
  customer: { name: string; address: string[] };
  invoiceNumber: string;
  catalog: InvoiceCatalogName;
  itemCount: [number, number];
  /** Long invoices reuse catalogue entries with an article number. */
  articleNumbers?: boolean;
  tax: { rates: TaxRate[]; stacked?: boolean };
  discountPercent?: number;
  dueDays: number | null;
  mark: CurrencyMark;
  markItems?: boolean;
  /** A line such as `All amounts in AUD` under the table. */
  currencyNote?: string;
  payment: string;
  pageSize: 'A4' | 'Letter';
  font: FontFamily;
  output: Output;
}

interface InvoiceLine {
  description: string;
  quantityTenths: number;
  unitMinor: number;
  amountMinor: number;
  rateIndex: number;
}

export interface Invoice {
  spec: InvoiceSpec;
  date: string;
  dueDate: string | null;
  lines: InvoiceLine[];
  discountMinor: number;
  subtotalMinor: number;
  taxes: Array<{ label: string; amountMinor: number }>;
  totalMinor: number;
}

export function buildInvoice(spec: InvoiceSpec, random: Random): Invoice {
  const exponent = currencies[spec.currency].exponent;
  const catalog = invoiceCatalogs[spec.catalog];
  const count = random.int(spec.itemCount[0], spec.itemCount[1]);
  const picked = spec.articleNumbers ? Array.from({ length: count }, () => random.pick(catalog)) : random.sample(catalog, count);
  const rates = spec.tax.rates;
  const lines = picked.map(([description, min, max, unit], index): InvoiceLine => {
    let unitMinor = random.int(min, max);
    if (exponent === 0) unitMinor = Math.max(100, Math.round(mulDivRound(unitMinor, 3, 2) / 100) * 100);
    else if (unitMinor > 5000) unitMinor = Math.round(unitMinor / 500) * 500;
    const quantityTenths = unit === 'hours' ? random.int(2, 80) * 5 : random.int(1, unitMinor < 5000 ? 24 : 3) * 10;
    const label = spec.articleNumbers ? `${String(random.int(10000, 99999))} ${description}` : description;
    return {
      description: label,
      quantityTenths,
      unitMinor,
      amountMinor: mulDivRound(unitMinor, quantityTenths, 10),
      rateIndex: rates.length > 0 && !spec.tax.stacked ? index % rates.length : 0,
    };
  });
  const itemsTotal = sum(lines.map((line) => line.amountMinor));
  const discountMinor = spec.discountPercent ? mulDivRound(itemsTotal, spec.discountPercent, 100) : 0;
  if (discountMinor > 0 && rates.length > 1 && !spec.tax.stacked) throw new Error(`${spec.slug}: discount needs a single tax base`);
  const subtotalMinor = itemsTotal - discountMinor;
  const base = (index: number): number =>
    spec.tax.stacked || rates.length === 1
      ? subtotalMinor
      : sum(lines.filter((line) => line.rateIndex === index).map((line) => line.amountMinor));
  const taxes = rates.map((rate, index) => ({
    label: rate.label.replace('{rate}', formatRate(rate.rateMilli, spec.numbers.decimal)),
    amountMinor: taxOnNet(base(index), rate.rateMilli),
  }));
  const date = `2024-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  return {
    spec,
    date,
    dueDate: spec.dueDays === null ? null : addDays(date, spec.dueDays),
    lines,
    discountMinor,
    subtotalMinor,
    taxes,
    totalMinor: subtotalMinor + sum(taxes.map((tax) => tax.amountMinor)),
  };
}

function quantityText(tenths: number, decimal: string): string {
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}${decimal}${tenths % 10}`;
}

const pageSizes = { A4: [595, 842], Letter: [612, 792] } as const;

export function layoutInvoice(invoice: Invoice): Layout {
  const { spec } = invoice;
  const words = spec.words;
  const [width, height] = pageSizes[spec.pageSize];
  const size = spec.font === 'mono' ? 8.5 : 9.5;
  const money = (minor: number, marked = spec.markItems ?? false): string => moneyText(spec, minor, marked);
  const columns = { qty: width - 250, unit: width - 150, amount: width - 50 };
  const tableHeader = (flow: Flow): void => {
    flow.line(
      [
        { text: words.description, x: flow.left },
        { text: words.qty, x: columns.qty, align: 'right' },
        { text: words.unitPrice, x: columns.unit, align: 'right' },
        { text: words.amount, x: columns.amount, align: 'right' },
      ],
      { bold: true },
    );
    flow.rule();
  };
  const flow = new Flow(
    { width, height, margin: { top: 50, right: 50, bottom: 70, left: 50 }, font: spec.font, size, leading: 1.45 },
    (next) => {
      next.text(`${spec.vendor.name} - ${words.title} ${spec.invoiceNumber} ${words.continued}`, { bold: true });
      next.gap(8);
      tableHeader(next);
    },
  );
  const top = flow.y;
  flow.text(spec.vendor.name, { bold: true, size: 15 });
  for (const line of spec.vendor.address) flow.text(line);
  if (spec.vendor.phone) flow.text(spec.vendor.phone);
  if (spec.vendor.email) flow.text(spec.vendor.email);
  if (spec.vendor.taxId) flow.text(`${spec.vendor.taxId.label} ${spec.vendor.taxId.value}`);
  const right = flow.right;
  flow.place({ x: right, y: top + 18, text: words.title, size: 20, bold: true, align: 'right' });
  const facts: Array<[string, string]> = [
    [words.number, spec.invoiceNumber],
    [words.date, formatDate(invoice.date, spec.dateStyle)],
  ];
  if (invoice.dueDate) facts.push([words.due, formatDate(invoice.dueDate, spec.dateStyle)]);
  facts.forEach(([label, value], index) => {
    const y = top + 40 + index * size * 1.45;
    flow.place({ x: right - 110, y, text: label, size, align: 'right', bold: true });
    flow.place({ x: right, y, text: value, size, align: 'right' });
  });
  flow.y = Math.max(flow.y, top + 40 + facts.length * size * 1.45);
  flow.gap(18);
  flow.text(words.billTo, { bold: true });
  flow.text(spec.customer.name);
  for (const line of spec.customer.address) flow.text(line);
  flow.gap(16);
  tableHeader(flow);
  for (const line of invoice.lines) {
    flow.line([
      { text: line.description, x: flow.left },
      { text: quantityText(line.quantityTenths, spec.numbers.decimal), x: columns.qty, align: 'right' },
      { text: money(line.unitMinor), x: columns.unit, align: 'right' },
      { text: money(line.amountMinor), x: columns.amount, align: 'right' },
    ]);
  }
  flow.rule();
  const totals: Array<{ label: string; value: string; bold?: boolean }> = [];
  if (invoice.discountMinor > 0) {
    totals.push({ label: `${words.discount} ${spec.discountPercent}%`, value: money(-invoice.discountMinor) });
  }
  totals.push({ label: words.subtotal, value: money(invoice.subtotalMinor) });
  for (const tax of invoice.taxes) totals.push({ label: tax.label, value: money(tax.amountMinor) });
  totals.push({ label: words.total, value: money(invoice.totalMinor, true), bold: true });
  flow.ensure(totals.length * size * 1.45 + 80);
  for (const line of totals) {
    flow.line(
      [
        { text: line.label, x: columns.unit - 120 },
        { text: line.value, x: columns.amount, align: 'right' },
      ],
      { bold: line.bold ?? false, size: line.bold ? size + 1.5 : size },
    );
  }
  flow.gap(16);
  if (spec.currencyNote) flow.text(spec.currencyNote);
  if (spec.dueDays !== null) flow.text(words.terms.replace('{days}', String(spec.dueDays)));
  flow.text(spec.payment);
  flow.gap(6);
  flow.text(words.thanks);
  const layout = flow.finish();
  const pages = layout.pages.length;
  layout.pages.forEach((page, index) => {
    const label = words.page.replace('{n}', String(index + 1)).replace('{total}', String(pages));
    page.items.push({ kind: 'text', x: width / 2, y: height - 36, text: label, size: 8, font: spec.font, bold: false, align: 'center' });
  });
  return layout;
}
