/**
 * Tesseract OCR behind one interface, in two builds: the native `tesseract` binary when it is
 * installed (fast: one process per page, one thread each), else tesseract.js (WebAssembly) with the
 * English model from the @tesseract.js-data/eng npm package — nothing is fetched at run time.
 * Both return the page's lines in reading order with their boxes and confidence.
 */
import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TextLine } from '@akount/extraction';
import { repairOcrLine } from './ocr-text';

export interface OcrEngine {
  readonly name: 'tesseract-native' | 'tesseract-wasm';
  recognize(png: Buffer, options?: RecognizeOptions): Promise<TextLine[]>;
  close(): Promise<void>;
}

/**
 * Tesseract's page segmentation mode: `auto` (3) finds columns and blocks itself; `block` (6) reads
 * the page as one uniform block, which keeps a label and its right-aligned amount on one line.
 */
export interface RecognizeOptions {
  layout?: 'auto' | 'block';
}

const PAGE_SEGMENTATION = { auto: '3', block: '6' } as const;

export interface TesseractOptions {
  /** Path of a native `tesseract` binary; unset = `tesseract` on PATH, if it runs. */
  binary?: string;
  /** `native`, `wasm`, or `auto` (native when it runs, else wasm). */
  prefer?: 'auto' | 'native' | 'wasm';
}

export async function createTesseract(options: TesseractOptions = {}): Promise<OcrEngine> {
  const prefer = options.prefer ?? 'auto';
  if (prefer !== 'wasm') {
    const binary = options.binary ?? 'tesseract';
    if (await nativeWorks(binary)) return nativeTesseract(binary);
    if (prefer === 'native')
      throw new Error(`the tesseract binary "${binary}" does not run (install tesseract-ocr, or unset the native preference)`);
  }
  return wasmTesseract();
}

async function nativeWorks(binary: string): Promise<boolean> {
  try {
    const { stdout } = await promisify(execFile)(binary, ['--list-langs'], { timeout: 10_000 });
    return /^eng$/m.test(stdout);
  } catch {
    return false;
  }
}

function nativeTesseract(binary: string): OcrEngine {
  return {
    name: 'tesseract-native',
    recognize: (png, options = {}) =>
      new Promise((resolve, reject) => {
        // One OpenMP thread: the worker runs several pages at once, and threads only contend on 2 cores.
        const child = spawn(
          binary,
          ['stdin', 'stdout', '-l', 'eng', '--psm', PAGE_SEGMENTATION[options.layout ?? 'auto'], '--dpi', '300', 'tsv'],
          {
            env: { ...process.env, OMP_THREAD_LIMIT: '1' },
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        );
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code === 0) resolve(linesFromTsv(Buffer.concat(out).toString('utf8')));
          else reject(new Error(`tesseract exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 500)}`));
        });
        child.stdin.on('error', () => undefined); // a crash before reading stdin surfaces through 'close'
        child.stdin.end(png);
      }),
    close: async () => undefined,
  };
}

/** Tesseract's TSV: one row per word (level 5) with block/paragraph/line numbers, box and confidence 0–100. */
export function linesFromTsv(tsv: string): TextLine[] {
  const lines = new Map<string, { words: string[]; confidences: number[]; left: number; top: number; right: number; bottom: number }>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const text = cells.slice(11).join('\t').trim();
    if (text === '') continue;
    const [left, top, width, height, confidence] = cells.slice(6, 11).map(Number) as [number, number, number, number, number];
    const key = cells.slice(1, 5).join('/');
    const line = lines.get(key) ?? { words: [], confidences: [], left, top, right: left + width, bottom: top + height };
    line.words.push(text);
    line.confidences.push(Math.max(0, confidence) / 100);
    line.left = Math.min(line.left, left);
    line.top = Math.min(line.top, top);
    line.right = Math.max(line.right, left + width);
    line.bottom = Math.max(line.bottom, top + height);
    lines.set(key, line);
  }
  return [...lines.values()].map((line) => ({
    text: repairOcrLine(line.words.join(' ')),
    confidence: Math.round((line.confidences.reduce((a, b) => a + b, 0) / line.confidences.length) * 100) / 100,
    box: { x: line.left, y: line.top, width: line.right - line.left, height: line.bottom - line.top },
  }));
}

interface WasmLine {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

async function wasmTesseract(): Promise<OcrEngine> {
  const { createWorker, OEM } = await import('tesseract.js');
  const langPath = path.join(path.dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
  await worker.setParameters({ user_defined_dpi: '300' });
  // One page at a time: the layout is a worker-wide parameter, so calls must not interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const recognizeOne = async (png: Buffer, options: RecognizeOptions): Promise<TextLine[]> => {
    await worker.setParameters({ tessedit_pageseg_mode: PAGE_SEGMENTATION[options.layout ?? 'auto'] as never });
    const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
    const lines: WasmLine[] = (data.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
    return lines
      .filter((line) => line.text.trim() !== '')
      .map((line) => ({
        text: repairOcrLine(line.text.trim()),
        confidence: Math.round(line.confidence) / 100,
        box: { x: line.bbox.x0, y: line.bbox.y0, width: line.bbox.x1 - line.bbox.x0, height: line.bbox.y1 - line.bbox.y0 },
      }));
  };
  return {
    name: 'tesseract-wasm',
    recognize(png, options = {}) {
      const result = queue.then(() => recognizeOne(png, options));
      queue = result.catch(() => undefined);
      return result;
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
