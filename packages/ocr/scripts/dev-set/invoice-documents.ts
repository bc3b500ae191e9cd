/**
 * Invoice specs → files and truth: vendor, tax id, invoice number, dates, subtotal after
 * discount, the sum of the tax lines, the total and the number of line items.
 */
import { documentId, type GeneratedDocument } from './documents';
import { invoiceSpecs } from './invoice-specs';
import { buildInvoice, layoutInvoice, type InvoiceSpec } from './invoices';
import { renderOutput } from './output';
import { createRandom } from './random';
import { degradationTags, formatName } from './receipt-documents';
import { assertConsistent, emptyTruth } from './truth';

async function invoiceDocument(spec: InvoiceSpec, index: number): Promise<GeneratedDocument> {
  const id = documentId('i', index, spec.slug);
  const random = createRandom(id);
  const invoice = buildInvoice(spec, random);
  const rendered = await renderOutput(layoutInvoice(invoice), spec.output, `Invoice ${spec.invoiceNumber}`, random);
  const file = `${id}.${rendered.ext}`;
  const truth = emptyTruth(file, 'invoice', spec.currency, `${spec.description}; ${rendered.description}`);
  truth.vendorName = spec.vendor.name;
  truth.vendorTaxId = spec.vendor.taxId?.value ?? null;
  truth.invoiceNumber = spec.invoiceNumber;
  truth.date = invoice.date;
  truth.dueDate = invoice.dueDate;
  truth.subtotalMinor = invoice.subtotalMinor;
  truth.taxMinor = invoice.taxes.length > 0 ? invoice.taxes.reduce((total, tax) => total + tax.amountMinor, 0) : null;
  truth.totalMinor = invoice.totalMinor;
  truth.lineItemCount = invoice.lines.length;
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

export async function generateInvoices(): Promise<GeneratedDocument[]> {
  const out: GeneratedDocument[] = [];
  for (const [index, spec] of invoiceSpecs.entries()) out.push(await invoiceDocument(spec, index));
  return out;
}
