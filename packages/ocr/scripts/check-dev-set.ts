/**
 * Checks fixtures/dev-set after generation: every truth file parses and matches the truth shape,
 * its document exists and opens (PDFs with pdf-lib and with a text layer through the OCR
 * package's reader, images with sharp), and totals and statements are arithmetically consistent.
 * Reads only; exits non-zero on the first kind of failure it finds.
 *
 *   npx tsx packages/ocr/scripts/check-dev-set.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { z } from 'zod';
import { openPdf } from '../src/pdf';
import { assertConsistent, type Truth } from './dev-set/truth';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/dev-set');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const minor = z.number().int();
const truthSchema = z
  .object({
    file: z.string(),
    docType: z.enum(['receipt', 'invoice', 'bank_statement']),
    description: z.string().min(1),
    vendorName: z.string().nullable(),
    vendorTaxId: z.string().nullable(),
    invoiceNumber: z.string().nullable(),
    date: isoDate.nullable(),
    dueDate: isoDate.nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    subtotalMinor: minor.nullable(),
    taxMinor: minor.nullable(),
    tipMinor: minor.nullable(),
    totalMinor: minor.nullable(),
    lineItemCount: z.number().int().nullable(),
    statement: z
      .object({
        accountName: z.string().nullable(),
        accountMask: z
          .string()
          .regex(/^\d{4}$/)
          .nullable(),
        periodStart: isoDate.nullable(),
        periodEnd: isoDate.nullable(),
        openingMinor: minor,
        closingMinor: minor,
        rows: z
          .array(z.object({ date: isoDate, description: z.string().min(1), amountMinor: minor, balanceMinor: minor.nullable() }).strict())
          .min(1),
      })
      .strict()
      .nullable(),
  })
  .strict();

async function checkDocument(truth: Truth): Promise<string> {
  const file = path.join(dir, truth.file);
  const bytes = readFileSync(file);
  const ext = path.extname(file).slice(1);
  if (ext === 'pdf') {
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    const pdf = await openPdf(bytes, { maxPages: 20 });
    for (let page = 1; page <= pdf.pageCount; page++) {
      if (!(await pdf.page(page)).hasTextLayer) throw new Error(`${truth.file}: page ${page} has no text layer`);
    }
    await pdf.close();
    return `${pages} page PDF`;
  }
  if (ext === 'png' || ext === 'jpg') {
    const meta = await sharp(bytes).metadata();
    return `${meta.width}x${meta.height} ${meta.format}`;
  }
  const text = bytes.toString('utf8');
  if (truth.statement && text.split('\n').length < truth.statement.rows.length) throw new Error(`${truth.file}: fewer lines than rows`);
  return `${text.split('\n').length} lines`;
}

const truthFiles = readdirSync(dir)
  .filter((name) => name.endsWith('.truth.json'))
  .sort();
let totalBytes = 0;
for (const name of truthFiles) {
  const truth = truthSchema.parse(JSON.parse(readFileSync(path.join(dir, name), 'utf8'))) as Truth;
  if (`${truth.file.replace(/\.[^.]+$/, '')}.truth.json` !== name) throw new Error(`${name}: file field ${truth.file} does not match`);
  if ((truth.docType === 'bank_statement') !== (truth.statement !== null)) throw new Error(`${name}: statement presence`);
  assertConsistent(truth);
  const summary = await checkDocument(truth);
  totalBytes += statSync(path.join(dir, truth.file)).size + statSync(path.join(dir, name)).size;
  process.stdout.write(`ok ${truth.file} (${summary})\n`);
}
process.stdout.write(`${truthFiles.length} documents checked, ${(totalBytes / 1e6).toFixed(2)} MB\n`);
