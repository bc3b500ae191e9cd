// The document engines benchmark (`npm run bench -- documents`): the local
// pipeline as the worker runs it, in its own process, one document at a time.
// Targets from the engines issue: a text-layer PDF page under 100 ms, a receipt
// photo through OCR under 3 s median, worker RSS under 500 MB while doing it.
// RSS is sampled from outside every 50 ms: the Node process, and separately the
// Tesseract processes it starts. Writes bench/results/documents.{json,md}.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { parseArgs } from 'node:util';
import { say } from '../scripts/bootstrap/log.mjs';
import { root } from '../scripts/bootstrap/paths.mjs';
import { machine, quantile, sourceDigest, table, writeResults } from './support/report.mjs';

const targets = { pdfPageMs: 100, photoMedianMs: 3000, workerRssMb: 500 };

function rssKb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export async function run(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      'dev-set': { type: 'string', default: path.join(root, 'fixtures/dev-set') },
      sroie: { type: 'string', default: path.resolve(root, '../shared/data/sroie-dev') },
    },
  });
  const script = path.join(root, 'packages/ocr/scripts/bench-documents.ts');
  say('documents: text-layer PDFs ×3 and receipt photos, one at a time, in a worker-like process');
  const child = spawn(process.execPath, ['--import', 'tsx', script, values['dev-set'], path.join(values.sroie, 'images')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakNodeKb = 0;
  let peakOcrKb = 0;
  const sampler = setInterval(() => {
    peakNodeKb = Math.max(peakNodeKb, rssKb(child.pid));
    // The tree below node: tsx's loader may sit between, so walk two levels.
    const descendants = childrenOf(child.pid).flatMap((pid) => [pid, ...childrenOf(pid)]);
    const ocr = descendants.reduce((sum, pid) => sum + rssKb(pid), 0);
    peakOcrKb = Math.max(peakOcrKb, ocr);
  }, 50);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`the measured process exited with ${code}`);

  const records = output
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const pageMs = records
    .filter((r) => r.kind === 'pdf-text-page')
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  const photoMs = records
    .filter((r) => r.kind === 'photo')
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  const secondLooks = records.filter((r) => r.kind === 'photo' && r.looks > 1).length;
  const summary = {
    pdfPage: { count: pageMs.length, p50: quantile(pageMs, 0.5), p95: quantile(pageMs, 0.95), max: pageMs.at(-1) ?? 0 },
    photo: { count: photoMs.length, p50: quantile(photoMs, 0.5), p95: quantile(photoMs, 0.95), max: photoMs.at(-1) ?? 0, secondLooks },
    peakRssMb: { worker: Math.round(peakNodeKb / 1024), tesseract: Math.round(peakOcrKb / 1024) },
  };
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const rows = [
    [
      'text-layer PDF page',
      summary.pdfPage.count,
      summary.pdfPage.p50.toFixed(1),
      summary.pdfPage.p95.toFixed(1),
      summary.pdfPage.max.toFixed(1),
      `p95 < ${targets.pdfPageMs} ms`,
      verdict(summary.pdfPage.p95 < targets.pdfPageMs),
    ],
    [
      'receipt photo (OCR + extraction)',
      summary.photo.count,
      summary.photo.p50.toFixed(0),
      summary.photo.p95.toFixed(0),
      summary.photo.max.toFixed(0),
      `median < ${targets.photoMedianMs} ms`,
      verdict(summary.photo.p50 < targets.photoMedianMs),
    ],
  ];
  const markdown = [
    '# Document engines benchmark',
    '',
    `${new Date().toISOString()} · ${machine().cpuModel} × ${machine().cpuCores} · Node ${process.version} · load average before ${machine().loadAverage1m} · code ${sourceDigest(['packages/ocr/src', 'packages/extraction/src'])}`,
    '',
    'One document at a time in one process that loaded the engines once (as the worker does); text-layer PDFs of fixtures/dev-set read three times, the SROIE receipt photos once each.',
    '',
    table(['document', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target', 'result'], rows),
    '',
    `Second OCR look taken on ${secondLooks} of ${summary.photo.count} photos.`,
    '',
    `Peak RSS: worker (Node) ${summary.peakRssMb.worker} MB — target < ${targets.workerRssMb} MB: ${verdict(summary.peakRssMb.worker < targets.workerRssMb)}; Tesseract child processes ${summary.peakRssMb.tesseract} MB at most at once.`,
    '',
  ].join('\n');
  const written = writeResults('documents', { machine: machine(), targets, summary, records }, markdown);
  process.stdout.write(markdown);
  say(`results: ${written.md}, ${written.json}`);
  return 0;
}
