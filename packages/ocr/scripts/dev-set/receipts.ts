/**
 * Shop receipts: a spec (shop, locale, tax regime, layout, output) becomes a priced basket with
 * integer-minor-unit arithmetic, a till-roll or wide layout, and the truth of what it prints.
 * Subtotal means the pre-tax amount after discounts, so subtotal + tax + tip = total whenever
 * all are printed.
 */
import { catalogs, type CatalogName } from './catalog';
import { formatDate, type DateStyle } from './dates';
import { Flow, type FontFamily, type Layout } from './layout';
import { currencies, formatMinor, formatRate, mulDivRound, sum, taxInGross, taxOnNet, type CurrencyCode, type NumberStyle } from './money';
import type { Output } from './output';
import type { Random } from './random';
import type { ReceiptWords } from './receipt-words';

export interface Vendor {
  name: string;
  address: string[];
  phone?: string;
  taxId?: { label: string; value: string };
}

export type CurrencyMark = 'prefix' | 'suffix' | 'codePrefix' | 'codeSuffix' | 'none';

export interface TaxRate {
  /** Printed label with `{rate}` for the percentage, e.g. `MwSt {rate}%`. */
  label: string;
  rateMilli: number;
}

export interface ReceiptSpec {
  slug: string;
  description: string;
  currency: CurrencyCode;
  words: ReceiptWords;
  numbers: NumberStyle;
  dateStyle: DateStyle;
  clock12?: boolean;
  vendor: Vendor;
  catalog: CatalogName;
  itemCount: [number, number];
  /** `stacked` rates (GST + PST) all apply to the whole basket; otherwise each item has one rate. */
  tax: { mode: 'added' | 'included' | 'none'; rates: TaxRate[]; stacked?: boolean };
  /** Included-tax receipts that print the net amount (it is then the subtotal). */
  showNet?: boolean;
  discount?: boolean;
  tipPercent?: number;
  payment: 'cash' | 'card';
  /** How the currency shows on the total line (and on items when `markItems`). */
  mark: CurrencyMark;
  markItems?: boolean;
  layout: 'till' | 'wide';
  font: FontFamily;
  fontSize?: number;
  output: Output;
}

interface BasketLine {
  name: string;
  quantity: number;
  unitMinor: number;
  amountMinor: number;
  rateIndex: number;
}

export interface Receipt {
  spec: ReceiptSpec;
  date: string;
  time: string;
  number: string;
  lines: BasketLine[];
  discountMinor: number;
  subtotalMinor: number;
  netMinor: number;
  taxes: Array<{ label: string; amountMinor: number }>;
  tipMinor: number;
  totalMinor: number;
  tenderedMinor: number;
  cardDigits: string;
}

function tenderFor(total: number, exponent: number): number {
  const notes = exponent === 0 ? [1000, 2000, 5000, 10000] : [500, 1000, 2000, 5000, 10000, 20000];
  const note = notes.find((value) => value >= total);
  const top = notes[notes.length - 1] ?? 1;
  return note ?? Math.ceil(total / top) * top;
}

export function buildReceipt(spec: ReceiptSpec, random: Random): Receipt {
  const exponent = currencies[spec.currency].exponent;
  // Swiss prices are in 5-centime steps; yen has no minor unit, so prices are in tens.
  const step = exponent === 0 ? 10 : spec.currency === 'CHF' ? 5 : 1;
  const rates = spec.tax.rates;
  const picked = random.sample(catalogs[spec.catalog], random.int(spec.itemCount[0], spec.itemCount[1]));
  const lines = picked.map(([name, min, max], index): BasketLine => {
    const quantity = max < 2000 && random.chance(0.25) ? random.int(2, 4) : 1;
    const unitMinor = random.int(Math.ceil(min / step), Math.floor(max / step)) * step;
    return {
      name,
      quantity,
      unitMinor,
      amountMinor: quantity * unitMinor,
      rateIndex: rates.length > 0 && !spec.tax.stacked ? index % rates.length : 0,
    };
  });
  const first = lines[0];
  if (!first) throw new Error(`${spec.slug}: empty basket`);
  const discountMinor = spec.discount ? Math.max(step * 5, Math.round(mulDivRound(first.amountMinor, 15, 100) / (step * 5)) * step * 5) : 0;
  if (discountMinor >= first.amountMinor) throw new Error(`${spec.slug}: discount larger than the item`);
  const bucket = (index: number): number =>
    spec.tax.stacked
      ? sum(lines.map((line) => line.amountMinor)) - discountMinor
      : sum(lines.filter((line) => line.rateIndex === index).map((line) => line.amountMinor)) - (index === 0 ? discountMinor : 0);
  const afterDiscount = sum(lines.map((line) => line.amountMinor)) - discountMinor;
  const taxes = rates.map((rate, index) => ({
    label: rate.label.replace('{rate}', formatRate(rate.rateMilli, spec.numbers.decimal)),
    amountMinor: spec.tax.mode === 'added' ? taxOnNet(bucket(index), rate.rateMilli) : taxInGross(bucket(index), rate.rateMilli),
  }));
  const taxTotal = sum(taxes.map((tax) => tax.amountMinor));
  const included = spec.tax.mode === 'included';
  const netMinor = included ? afterDiscount - taxTotal : afterDiscount;
  const tipMinor = spec.tipPercent ? Math.round(mulDivRound(afterDiscount, spec.tipPercent, 100) / (step * 10)) * step * 10 : 0;
  const totalMinor = afterDiscount + (included ? 0 : taxTotal) + tipMinor;
  const hour = random.int(8, 21);
  const minute = random.int(0, 59);
  const time = spec.clock12
    ? `${((hour + 11) % 12) + 1}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`
    : `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return {
    spec,
    date: `${random.pick(['2023', '2024'])}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    time,
    number: String(random.int(1000, 999999)),
    lines,
    discountMinor,
    subtotalMinor: afterDiscount,
    netMinor,
    taxes,
    tipMinor,
    totalMinor,
    tenderedMinor: spec.payment === 'cash' ? tenderFor(totalMinor, exponent) : totalMinor,
    cardDigits: String(random.int(1000, 9999)),
  };
}

/** The subtotal the receipt prints, or null: net for included-tax receipts that show it. */
export function printedSubtotal(receipt: Receipt): number | null {
  const { spec } = receipt;
  if (spec.tax.mode === 'included') return spec.showNet ? receipt.netMinor : null;
  if (spec.tax.mode === 'none') return receipt.tipMinor > 0 || receipt.discountMinor > 0 ? receipt.subtotalMinor : null;
  return receipt.subtotalMinor;
}

export function moneyText(spec: Pick<ReceiptSpec, 'currency' | 'numbers' | 'mark'>, minor: number, marked: boolean): string {
  const currency = currencies[spec.currency];
  const digits = `${minor < 0 ? '-' : ''}${formatMinor(minor, currency.exponent, spec.numbers)}`;
  if (!marked) return digits;
  switch (spec.mark) {
    case 'prefix':
      return currency.symbol.length > 1 ? `${currency.symbol} ${digits}` : `${currency.symbol}${digits}`;
    case 'suffix':
      return `${digits} ${currency.symbol}`;
    case 'codePrefix':
      return `${currency.code} ${digits}`;
    case 'codeSuffix':
      return `${digits} ${currency.code}`;
    case 'none':
      return digits;
  }
}

/** Subtotal, tax, tip, total and payment lines as label/value pairs, in printed order. */
export function summaryLines(receipt: Receipt): Array<{ label: string; value: string; bold?: boolean }> {
  const { spec } = receipt;
  const words = spec.words;
  const money = (minor: number, marked = spec.markItems ?? false): string => moneyText(spec, minor, marked);
  const out: Array<{ label: string; value: string; bold?: boolean }> = [];
  const subtotal = printedSubtotal(receipt);
  if (spec.tax.mode !== 'included' && subtotal !== null) out.push({ label: words.subtotal, value: money(subtotal) });
  if (spec.tax.mode === 'added') for (const tax of receipt.taxes) out.push({ label: tax.label, value: money(tax.amountMinor) });
  if (receipt.tipMinor > 0) out.push({ label: words.tip, value: money(receipt.tipMinor) });
  out.push({ label: words.total, value: money(receipt.totalMinor, true), bold: true });
  if (spec.payment === 'cash') {
    out.push({ label: words.cash, value: money(receipt.tenderedMinor) });
    out.push({ label: words.change, value: money(receipt.tenderedMinor - receipt.totalMinor) });
  } else {
    out.push({ label: `${words.card} **** ${receipt.cardDigits}`, value: money(receipt.totalMinor) });
  }
  if (spec.tax.mode === 'included') {
    if (spec.showNet) out.push({ label: words.net, value: money(receipt.netMinor) });
    for (const tax of receipt.taxes) out.push({ label: tax.label, value: money(tax.amountMinor) });
  }
  return out;
}

function header(flow: Flow, receipt: Receipt, align: 'center' | 'left'): void {
  const { vendor } = receipt.spec;
  const size = receipt.spec.fontSize ?? 8.5;
  flow.text(vendor.name, { align, bold: true, size: size + 3 });
  for (const line of vendor.address) flow.text(line, { align });
  if (vendor.phone) flow.text(vendor.phone, { align });
  if (vendor.taxId) flow.text(`${vendor.taxId.label} ${vendor.taxId.value}`, { align });
}

export function layoutReceipt(receipt: Receipt): Layout {
  return receipt.spec.layout === 'till' ? layoutTill(receipt) : layoutWide(receipt);
}

function layoutTill(receipt: Receipt): Layout {
  const { spec } = receipt;
  const size = spec.fontSize ?? 8.5;
  const flow = new Flow({
    width: 226,
    height: 'auto',
    margin: { top: 16, right: 12, bottom: 20, left: 12 },
    font: spec.font,
    size,
    leading: 1.3,
  });
  const money = (minor: number): string => moneyText(spec, minor, spec.markItems ?? false);
  header(flow, receipt, 'center');
  flow.gap(4);
  flow.rule({ dashed: true });
  flow.pair(`${formatDate(receipt.date, spec.dateStyle)} ${receipt.time}`, `${spec.words.receipt} ${receipt.number}`);
  flow.rule({ dashed: true });
  for (const line of receipt.lines) {
    flow.pair(line.name, money(line.amountMinor));
    if (line.quantity > 1) flow.text(`   ${line.quantity} x ${money(line.unitMinor)}`);
  }
  if (receipt.discountMinor > 0) flow.pair(spec.words.discount, money(-receipt.discountMinor));
  flow.rule({ dashed: true });
  for (const line of summaryLines(receipt))
    flow.pair(line.label, line.value, { bold: line.bold ?? false, size: line.bold ? size + 1.5 : size });
  flow.gap(8);
  flow.text(spec.words.thanks, { align: 'center' });
  return flow.finish();
}

function layoutWide(receipt: Receipt): Layout {
  const { spec } = receipt;
  const size = spec.fontSize ?? 9;
  const flow = new Flow({
    width: 380,
    height: 'auto',
    margin: { top: 28, right: 28, bottom: 28, left: 28 },
    font: spec.font,
    size,
    leading: 1.35,
  });
  const money = (minor: number): string => moneyText(spec, minor, spec.markItems ?? false);
  const top = flow.y;
  header(flow, receipt, 'left');
  const words = spec.words;
  flow.place({ x: flow.right, y: top + size + 3, text: `${words.receipt} ${receipt.number}`, size, align: 'right' });
  flow.place({
    x: flow.right,
    y: top + 2 * (size + 3),
    text: `${words.date} ${formatDate(receipt.date, spec.dateStyle)}`,
    size,
    align: 'right',
  });
  flow.place({ x: flow.right, y: top + 3 * (size + 3), text: `${words.time} ${receipt.time}`, size, align: 'right' });
  flow.gap(10);
  const qtyX = flow.left + 200;
  const priceX = flow.right - 70;
  const head = [
    { text: words.item, x: flow.left },
    { text: words.qty, x: qtyX, align: 'right' as const },
    { text: words.price, x: priceX, align: 'right' as const },
    { text: words.amount, x: flow.right, align: 'right' as const },
  ];
  flow.line(head, { bold: true });
  flow.rule();
  for (const line of receipt.lines) {
    flow.line([
      { text: line.name, x: flow.left },
      { text: String(line.quantity), x: qtyX, align: 'right' },
      { text: money(line.unitMinor), x: priceX, align: 'right' },
      { text: money(line.amountMinor), x: flow.right, align: 'right' },
    ]);
  }
  if (receipt.discountMinor > 0)
    flow.line([
      { text: words.discount, x: flow.left },
      { text: money(-receipt.discountMinor), x: flow.right, align: 'right' },
    ]);
  flow.rule();
  const labelX = flow.right - 190;
  for (const line of summaryLines(receipt)) {
    flow.line(
      [
        { text: line.label, x: labelX },
        { text: line.value, x: flow.right, align: 'right' },
      ],
      { bold: line.bold ?? false },
    );
  }
  flow.gap(10);
  flow.text(words.thanks, { align: 'center' });
  return flow.finish();
}
