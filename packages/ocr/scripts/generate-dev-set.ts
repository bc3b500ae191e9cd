/**
 * Generates the evaluation dev set in fixtures/dev-set/: receipts, invoices and bank statements
 * with a truth file each, known by construction. Deterministic: every document draws from a PRNG
 * seeded by its id, so the same command always writes the same bytes.
 *
 *   npx tsx packages/ocr/scripts/generate-dev-set.ts
 *
 * It deletes and rewrites only the files it generates (ids r…, i…, s…) and README.md.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratedDocument } from './dev-set/documents';
import { generateInvoices } from './dev-set/invoice-documents';
import { generateReceipts } from './dev-set/receipt-documents';
import { generateStatements } from './dev-set/statement-documents';
import { devSetReadme } from './dev-set/readme';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = path.join(repoRoot, 'fixtures/dev-set');

async function main(): Promise<void> {
  const documents: GeneratedDocument[] = [...(await generateReceipts()), ...(await generateInvoices()), ...(await generateStatements())];
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) {
    if (/^[ris]\d{3}-/.test(name)) rmSync(path.join(outDir, name));
  }
  let bytes = 0;
  for (const document of documents) {
    const data = document.bytes;
    writeFileSync(path.join(outDir, document.truth.file), data);
    writeFileSync(path.join(outDir, `${document.id}.truth.json`), `${JSON.stringify(document.truth, null, 2)}\n`);
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  }
  writeFileSync(path.join(outDir, 'README.md'), devSetReadme(documents));
  process.stdout.write(
    `wrote ${documents.length} documents (${(bytes / 1e6).toFixed(2)} MB of documents) to ${path.relative(repoRoot, outDir)}\n`,
  );
}

await main();
