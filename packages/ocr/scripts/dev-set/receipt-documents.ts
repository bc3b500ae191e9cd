/**
 * Receipt specs → files and truth. The truth lists what the receipt prints: the vendor, the tax
 * id, the date, the pre-tax subtotal (null when not printed), the sum of the tax lines, the tip
 * and the total.
 */
import { documentId, type GeneratedDocument } from './documents';
import { renderOutput, type Output } from './output';
import { createRandom } from './random';
import { buildReceipt, layoutReceipt, printedSubtotal, type ReceiptSpec } from './receipts';
import { receiptSpecs } from './receipt-specs';
import { assertConsistent, emptyTruth } from './truth';

export function degradationTags(output: Output): string[] {
  if (output.kind === 'pdf') return [];
  const options = output.image;
  const tags: string[] = [];
  if (options.rotate) tags.push('rotation');
  if (options.blur) tags.push('blur');
  if (options.downscale) tags.push('low resolution');
  if (options.noise) tags.push('noise');
  if (options.format === 'jpeg' && (options.quality ?? 85) <= 60) tags.push('JPEG quality 60');
  if (tags.length === 0) tags.push('clean');
  return tags;
}

export function formatName(output: Output): string {
  if (output.kind === 'pdf') return 'PDF';
  return output.image.format === 'jpeg' ? 'JPEG' : 'PNG';
}

async function receiptDocument(spec: ReceiptSpec, index: number): Promise<GeneratedDocument> {
  const id = documentId('r', index, spec.slug);
  const random = createRandom(id);
  const receipt = buildReceipt(spec, random);
  const rendered = await renderOutput(layoutReceipt(receipt), spec.output, `Receipt ${receipt.number}`, random);
  const file = `${id}.${rendered.ext}`;
  const truth = emptyTruth(file, 'receipt', spec.currency, `${spec.description}; ${rendered.description}`);
  truth.vendorName = spec.vendor.name;
  truth.vendorTaxId = spec.vendor.taxId?.value ?? null;
  truth.date = receipt.date;
  truth.subtotalMinor = printedSubtotal(receipt);
  truth.taxMinor = receipt.taxes.length > 0 ? receipt.taxes.reduce((total, tax) => total + tax.amountMinor, 0) : null;
  truth.tipMinor = receipt.tipMinor > 0 ? receipt.tipMinor : null;
  truth.totalMinor = receipt.totalMinor;
  truth.lineItemCount = receipt.lines.length;
  assertConsistent(truth);
  return {
    id,
    ext: rendered.ext,
    bytes: rendered.bytes,
    truth,
    format: formatName(spec.output),
    degradations: degradationTags(spec.output),
  };
}

export async function generateReceipts(): Promise<GeneratedDocument[]> {
  const out: GeneratedDocument[] = [];
  for (const [index, spec] of receiptSpecs.entries()) out.push(await receiptDocument(spec, index));
  return out;
}
