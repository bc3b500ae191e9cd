/**
 * The offline, rule-based extraction engine: runs the field finders over the document's lines,
 * wraps each result as a Field with confidence and source, and lets the arithmetic checks raise or
 * lower confidences. Fields that were not found are left out; nothing is defaulted or invented
 * (an amount with no currency anywhere is reported in XXX, ISO 4217's "no currency"). Documents
 * that classify as bank statements go to the statement reader instead (statements/text.ts).
 */
import type { Extraction, Field, Money, TaxLine } from '@akount/contracts';
import { detectDecimalSeparator } from './amounts';
import { adjustConfidence, runChecks, type CheckResult } from './consistency';
import { defaultDecimalSeparator, detectCurrency, minorUnitExponent } from './currency';
import { dateOrderFor } from './dates';
import { classifyDocument } from './doc-type';
import { flattenLines, sourceOf, type DocLine, type ExtractionHints, type TextDocument } from './document';
import { findDocumentDates } from './document-dates';
import type { TextExtractor } from './engine';
import { findInvoiceNumber, findTaxId } from './identifiers';
import { labelAmounts, type LabelledAmount } from './labelled-amounts';
import { findLineItems } from './line-items';
import { findPaymentMethod } from './payment';
import { extractStatement } from './statements';
import { selectTotals } from './totals';
import { findVendor } from './vendor';

const NO_CURRENCY = 'XXX';

function fieldOf<T>(value: T, confidence: number, line?: DocLine): Field<T> {
  const rounded = Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
  return line ? { value, confidence: rounded, source: sourceOf(line) } : { value, confidence: rounded };
}

const TOTAL_BASE: Record<string, number> = { grandTotal: 0.8, total: 0.75, subtotal: 0.45, tendered: 0.45 };

export function extractLocal(doc: TextDocument, hints: ExtractionHints = {}): Extraction {
  const lines = flattenLines(doc);
  const docType = classifyDocument(lines);
  if (docType.value === 'bank_statement') return extractStatement(doc, hints);
  const texts = lines.map((line) => line.text);
  const currencyVote = detectCurrency(lines, hints);
  const currency = currencyVote?.code ?? NO_CURRENCY;
  const exponent = minorUnitExponent(currency);
  const decimalSeparator = detectDecimalSeparator(texts, defaultDecimalSeparator(currencyVote?.code, hints.locale));
  const amountOptions = { exponent, decimalSeparator };
  const money = (amount: LabelledAmount): Money => ({ amountMinor: amount.minor, currency });

  const amounts = labelAmounts(lines, amountOptions);
  const totals = selectTotals(amounts, lines.length);
  const items = findLineItems(lines, amountOptions);
  const usOrder = currencyVote?.code === 'USD' && currencyVote.confidence >= 0.9;
  const dates = findDocumentDates(lines, dateOrderFor(hints.locale, hints.locale ? undefined : usOrder ? 'USD' : undefined));
  const vendor = findVendor(lines);
  const taxId = findTaxId(lines);
  const invoiceNumber = findInvoiceNumber(lines);
  const payment = findPaymentMethod(lines);

  const checks: CheckResult[] = runChecks({
    itemsMinor: items.map((item) => item.amountMinor),
    subtotal: totals.subtotal?.minor,
    taxes: totals.taxes.map((tax) => tax.amount.minor),
    tip: totals.tip?.minor,
    discount: totals.discount?.minor,
    rounding: totals.rounding?.minor,
    total: totals.total?.minor,
    tendered: totals.tendered?.minor,
    change: totals.change?.minor,
  });

  const result: Extraction = {
    engine: 'local',
    docType: fieldOf(docType.value, docType.confidence),
    checks: checks.map(({ name, passed }) => ({ name, passed })),
  };
  if (vendor) result.vendorName = fieldOf(vendor.name, vendor.confidence, vendor.line);
  if (taxId) result.vendorTaxId = fieldOf(taxId.value, taxId.confidence, taxId.line);
  if (invoiceNumber) result.invoiceNumber = fieldOf(invoiceNumber.value, invoiceNumber.confidence, invoiceNumber.line);
  if (dates.date) result.date = fieldOf(dates.date.iso, dates.date.confidence, dates.date.line);
  if (dates.dueDate) result.dueDate = fieldOf(dates.dueDate.iso, dates.dueDate.confidence, dates.dueDate.line);
  if (currencyVote) result.currency = fieldOf(currencyVote.code, currencyVote.confidence, currencyVote.line);
  const moneyConfidence = currencyVote ? 1 : 0.8;

  if (totals.total) {
    const base = (TOTAL_BASE[totals.total.role] ?? 0.35) + Math.min(totals.totalScore, 14) / 100;
    result.total = fieldOf(money(totals.total), adjustConfidence(base, 'total', checks) * moneyConfidence, totals.total.line);
  }
  if (totals.subtotal) {
    result.subtotal = fieldOf(money(totals.subtotal), adjustConfidence(0.65, 'subtotal', checks) * moneyConfidence, totals.subtotal.line);
  }
  if (totals.taxes.length > 0) {
    result.taxes = totals.taxes.map((tax): TaxLine => ({
      kind: tax.kind,
      ...(tax.rate !== undefined ? { rate: tax.rate } : {}),
      amount: fieldOf(money(tax.amount), adjustConfidence(0.6, 'taxes', checks) * moneyConfidence, tax.amount.line),
    }));
  }
  if (totals.tip) result.tip = fieldOf(money(totals.tip), adjustConfidence(0.6, 'tip', checks) * moneyConfidence, totals.tip.line);
  if (payment) result.paymentMethod = fieldOf(payment.value, payment.confidence, payment.line);
  if (items.length > 0) {
    const itemConfidence = adjustConfidence(0.5, 'lineItems', checks);
    result.lineItems = items.map((item) => ({
      description: fieldOf(item.description, itemConfidence, item.descriptionLine),
      ...(item.quantity !== undefined ? { quantity: fieldOf(item.quantity, itemConfidence, item.amountLine) } : {}),
      ...(item.unitPriceMinor !== undefined
        ? { unitPrice: fieldOf({ amountMinor: item.unitPriceMinor, currency }, itemConfidence, item.amountLine) }
        : {}),
      amount: fieldOf({ amountMinor: item.amountMinor, currency }, itemConfidence, item.amountLine),
    }));
  }
  return result;
}

/** The local engine behind the TextExtractor seam. */
export const localExtractor: TextExtractor = {
  engine: 'local',
  extract: extractLocal,
};
