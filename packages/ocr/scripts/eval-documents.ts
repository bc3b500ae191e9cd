/**
 * `npm run eval` (second half): the local document engines end to end, from file bytes.
 *  1. the generated dev set in fixtures/dev-set (receipts, invoices, statements as text PDFs,
 *     degraded photos, CSV, OFX/QFX) against its by-construction truth, per field and type;
 *  2. the 40 SROIE receipt photos through sharp + Tesseract (total, date, vendor);
 * with per-format speed. Writes bench/results/extraction-documents.{json,md}.
 * Usage: npx tsx packages/ocr/scripts/eval-documents.ts [--sroie DIR] [--dev-set DIR]
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scoreCase, summarize, type CaseResult, type Truth } from '../../extraction/src/evaluate';
import type { Extraction } from '@akount/contracts';
import type { ExtractionHints } from '@akount/extraction';
import { DocumentError, LocalDocumentReader, type ExtractedDocument } from '../src/index';
import { quantile } from '../../../bench/support/report.mjs';
import type { Truth as DevTruth } from './dev-set/truth';
import { DEV_FIELDS, scoreDevCase, type DevOutcome } from './eval/score-dev-set';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    sroie: { type: 'string', default: path.resolve(repoRoot, '../shared/data/sroie-dev') },
    'dev-set': { type: 'string', default: path.join(repoRoot, 'fixtures/dev-set') },
  },
});
const outDir = path.join(repoRoot, 'bench', 'results');

interface Timed {
  format: string;
  ms: number;
}

function formatOf(read: ExtractedDocument): string {
  if (read.kind === 'pdf') return read.pages.some((page) => page.method === 'ocr') ? 'scanned PDF (OCR)' : 'PDF text layer';
  if (read.kind === 'png' || read.kind === 'jpeg') return 'photo (OCR)';
  if (read.extraction === nothingFound) return 'refused';
  return read.kind.toUpperCase();
}

/** A file the engine refuses scores as an extraction with nothing found, and its error is listed. */
const nothingFound: Extraction = { engine: 'local', docType: { value: 'other', confidence: 0 }, checks: [] };
const refusals: string[] = [];

async function timed(
  reader: LocalDocumentReader,
  file: string,
  hints: ExtractionHints = {},
): Promise<{ read: ExtractedDocument; ms: number }> {
  const bytes = readFileSync(file);
  const started = performance.now();
  try {
    const read = await reader.extract(bytes, file, hints);
    return { read, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    refusals.push(`| ${path.basename(file)} | ${error.code} | ${error.message} |`);
    return { read: { kind: 'text', extraction: nothingFound, pages: [] }, ms: performance.now() - started };
  }
}

const percent = (correct: number, total: number) => (total === 0 ? '—' : `${((correct / total) * 100).toFixed(1)} % (${correct}/${total})`);

async function main(): Promise<void> {
  const reader = new LocalDocumentReader();
  const timings: Timed[] = [];
  /** Which OCR build read the photos (native binary or tesseract.js), for the report header. */
  let engine: ExtractedDocument['ocrEngine'];
  let peakRss = process.memoryUsage().rss;
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

  // 1. Dev set.
  const devDir = values['dev-set'];
  const devCases: { file: string; docType: string; format: string; outcomes: DevOutcome[] }[] = [];
  for (const truthFile of readdirSync(devDir)
    .filter((name) => name.endsWith('.truth.json'))
    .sort()) {
    const truth = JSON.parse(readFileSync(path.join(devDir, truthFile), 'utf8')) as DevTruth;
    // A statement is imported into a bank account, whose currency the app passes as the hint.
    const hints = truth.docType === 'bank_statement' ? { defaultCurrency: truth.currency } : {};
    const { read, ms } = await timed(reader, path.join(devDir, truth.file), hints);
    sampleRss();
    const format = formatOf(read);
    timings.push({ format, ms });
    devCases.push({ file: truth.file, docType: truth.docType, format, outcomes: scoreDevCase(truth, read.extraction) });
  }

  // 2. SROIE photos.
  const photos: CaseResult[] = [];
  const imageDir = path.join(values.sroie, 'images');
  for (const name of readdirSync(imageDir)
    .filter((file) => file.endsWith('.jpg'))
    .sort()) {
    const id = name.replace(/\.jpg$/, '');
    const truth = { id, ...JSON.parse(readFileSync(path.join(values.sroie, 'truth', `${id}.json`), 'utf8')) } as Truth;
    const { read, ms } = await timed(reader, path.join(imageDir, name));
    sampleRss();
    timings.push({ format: 'SROIE photo (OCR)', ms });
    engine ??= read.ocrEngine;
    photos.push(scoreCase(id, truth, read.extraction, ms));
  }
  await reader.close();

  const docTypes = ['receipt', 'invoice', 'bank_statement'];
  const fieldRows = DEV_FIELDS.map((field) => {
    const cells = docTypes.map((docType) => {
      const outcomes = devCases.filter((c) => c.docType === docType).flatMap((c) => c.outcomes.filter((o) => o.field === field));
      return percent(outcomes.filter((o) => o.correct).length, outcomes.length);
    });
    return `| ${field} | ${cells.join(' | ')} |`;
  }).filter((row) => !/^\| \w+ \| — \| — \| — \|$/.test(row));

  const formats = [...new Set(timings.map((t) => t.format))];
  const speedRows = formats.map((format) => {
    const ms = timings
      .filter((t) => t.format === format)
      .map((t) => t.ms)
      .sort((a, b) => a - b);
    return `| ${format} | ${ms.length} | ${quantile(ms, 0.5).toFixed(0)} | ${quantile(ms, 0.95).toFixed(0)} | ${(ms.at(-1) ?? 0).toFixed(0)} |`;
  });

  const photoSummary = summarize('SROIE photos', photos);
  const failures = devCases.flatMap((c) =>
    c.outcomes.filter((o) => !o.correct).map((o) => `| ${c.file} | ${o.field} | ${o.expected} | ${o.got} |`),
  );
  const photoFailures = photos.flatMap((p) =>
    p.outcomes.filter((o) => !o.correct).map((o) => `| ${p.id} | ${o.field} | ${o.expected ?? '—'} | ${o.got ?? '—'} |`),
  );
  const counts = docTypes.map((docType) => `${devCases.filter((c) => c.docType === docType).length} ${docType}`).join(', ');
  const cpu = os.cpus();

  const report = [
    '# Local document engines — accuracy and speed',
    '',
    `${new Date().toISOString()} · ${cpu[0]?.model ?? 'cpu'} × ${cpu.length} · Node ${process.version} · OCR ${engine ?? 'not used'} · peak RSS ${Math.round(peakRss / 1e6)} MB`,
    '',
    `## Dev set (fixtures/dev-set: ${counts}; generated, truth by construction)`,
    '',
    "No hints for receipts and invoices; statements get their bank account's currency as the hint, as the app passes it.",
    '',
    '| field | receipt | invoice | bank statement |',
    '|---|---|---|---|',
    ...fieldRows,
    '',
    `## SROIE receipt photos (${photos.length} scans, through sharp + Tesseract)`,
    '',
    '| total | date | vendor |',
    '|---|---|---|',
    `| ${(photoSummary.accuracy.total * 100).toFixed(1)} % | ${(photoSummary.accuracy.date * 100).toFixed(1)} % | ${(photoSummary.accuracy.vendor * 100).toFixed(1)} % |`,
    '',
    '## Speed per document (ms, one document at a time, this machine)',
    '',
    '| format | documents | median | p95 | max |',
    '|---|---|---|---|---|',
    ...speedRows,
    '',
    '## Refused files',
    '',
    '| file | code | message |',
    '|---|---|---|',
    ...refusals,
    '',
    '## Dev-set failures',
    '',
    '| file | field | expected | got |',
    '|---|---|---|---|',
    ...failures,
    '',
    '## SROIE photo failures',
    '',
    '| id | field | expected | got |',
    '|---|---|---|---|',
    ...photoFailures,
    '',
  ].join('\n');

  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'extraction-documents.md'), report);
  writeFileSync(
    path.join(outDir, 'extraction-documents.json'),
    JSON.stringify({ ocrEngine: engine, peakRssBytes: peakRss, devSet: devCases, photos, timings }, null, 2) + '\n',
  );
  process.stdout.write(report.split('## Dev-set failures')[0] ?? '');
  process.stdout.write(`details → ${path.relative(process.cwd(), outDir)}/extraction-documents.md\n`);
}

await main();
