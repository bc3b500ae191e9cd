/**
 * A second OCR look at a photo when the first one left the fields that matter unsure. The first
 * pass reads the image as scanned with automatic layout; the second upscales and sharpens it and
 * reads it as one block, which catches small print and labels split from their amounts. Each field
 * is then taken from whichever pass is surer of it — the confidences already carry the arithmetic
 * checks, so a total that adds up beats one that does not.
 */
import type { Extraction } from '@akount/contracts';

/** Below this, the first pass's total is not trusted on its own. */
const SURE_TOTAL = 0.85;

export function needsSecondLook(first: Extraction): boolean {
  if (first.docType.value === 'bank_statement') return false;
  return !first.total || first.total.confidence < SURE_TOTAL || !first.date || !first.vendorName;
}

type MergedKey = 'vendorName' | 'vendorTaxId' | 'invoiceNumber' | 'date' | 'dueDate' | 'paymentMethod';

const SINGLE_FIELDS: MergedKey[] = ['vendorName', 'vendorTaxId', 'invoiceNumber', 'date', 'dueDate', 'paymentMethod'];

function surer<T extends { confidence: number } | null | undefined>(a: T, b: T): T {
  if (!a) return b;
  if (!b) return a;
  return b.confidence > a.confidence ? b : a;
}

/**
 * Per field, the surer pass. The money fields move together (currency, subtotal, taxes, tip,
 * total, line items, checks) so a total is never paired with another pass's subtotal.
 */
export function mergeLooks(first: Extraction, second: Extraction): Extraction {
  const merged: Extraction = { ...first };
  for (const key of SINGLE_FIELDS) {
    const value = surer(first[key], second[key]);
    if (value) merged[key] = value;
  }
  const firstTotal = first.total?.confidence ?? -1;
  const secondTotal = second.total?.confidence ?? -1;
  if (secondTotal > firstTotal) {
    merged.currency = second.currency ?? first.currency;
    merged.subtotal = second.subtotal;
    merged.taxes = second.taxes;
    merged.tip = second.tip;
    merged.total = second.total;
    merged.lineItems = second.lineItems;
    merged.checks = second.checks;
  }
  merged.docType = surer(first.docType, second.docType);
  return merged;
}
