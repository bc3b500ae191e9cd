/**
 * The local document engine: bytes in, extraction JSON out, with no network and no API key.
 * PDFs are read from their text layer, scanned pages and photos go through sharp + Tesseract,
 * `.txt` is already-OCR'd text, and CSV/OFX statements are parsed as the structured files they
 * are. Engines are loaded once per reader and shared by every document it reads.
 */
import type { Extraction } from '@akount/contracts';
import {
  documentFromText,
  extractLocal,
  parseCsvStatement,
  parseOfxStatement,
  StatementFileError,
  type ExtractionHints,
  type TextDocument,
  type TextPage,
} from '@akount/extraction';
import { DocumentError } from './errors';
import { defaultMaxPixels, prepareImage } from './image';
import { openPdf } from './pdf';
import { mergeLooks, needsSecondLook } from './second-look';
import { sniffDocument, type DocumentKind } from './sniff';
import { createTesseract, type OcrEngine, type TesseractOptions } from './tesseract';

export interface ReaderOptions {
  tesseract?: TesseractOptions;
  /** PDFs with more pages are refused. */
  maxPdfPages?: number;
  /** Images (and rendered PDF pages) with more pixels are refused. */
  maxPixels?: number;
}

export const defaultMaxPdfPages = 50;
/** Scanned PDF pages are rendered at this resolution for OCR. */
const SCAN_DPI = 300;

/** How one page's text was obtained, for progress, speed figures and the review screen. */
export interface PageReport {
  page: number;
  method: 'text-layer' | 'ocr' | 'ocr-second-look' | 'text-file';
  milliseconds: number;
  lines: number;
  /** Mean OCR confidence of the page's lines (1 for text layers). */
  confidence: number;
}

export interface ReadDocument {
  kind: Exclude<DocumentKind, 'csv' | 'ofx'>;
  document: TextDocument;
  pages: PageReport[];
  ocrEngine?: OcrEngine['name'];
}

/**
 * One reading of a document's pages. CSV/OFX statements have no pages to read: their look keeps
 * the file's `text` (its lines are the same text split) so the statement parsers run on it later.
 */
export interface TextLook extends TextDocument {
  text?: string;
}

/** What `readLooks` saw: the first look, and a second one at photos the first left unsure. */
export interface DocumentLooks {
  kind: DocumentKind;
  looks: TextLook[];
  pages: PageReport[];
  ocrEngine?: OcrEngine['name'];
}

/** For callers that must show progress and stop on request (the OCR activity). */
export interface ReadControl {
  /** Checked before every page and look; an aborted signal stops the reading with its reason. */
  signal?: AbortSignal;
  /** Called after each page is read. */
  onPage?: (page: PageReport) => void;
}

export interface ExtractedDocument {
  kind: DocumentKind;
  extraction: Extraction;
  pages: PageReport[];
  ocrEngine?: OcrEngine['name'];
}

export class LocalDocumentReader {
  private ocr?: Promise<OcrEngine>;

  constructor(private readonly options: ReaderOptions = {}) {}

  /** The OCR engine, started on first use (text-only work never loads it). */
  private ocrEngine(): Promise<OcrEngine> {
    this.ocr ??= createTesseract(this.options.tesseract);
    return this.ocr;
  }

  /** Text of a PDF, image or text file, page by page. CSV/OFX have no pages: use `extract`. */
  async read(bytes: Buffer, fileName = ''): Promise<ReadDocument> {
    return this.readAs(sniffDocument(bytes, fileName), bytes);
  }

  private async readAs(kind: DocumentKind, bytes: Buffer, control: ReadControl = {}): Promise<ReadDocument> {
    switch (kind) {
      case 'pdf':
        return this.readPdf(bytes, control);
      case 'png':
      case 'jpeg': {
        control.signal?.throwIfAborted();
        const read = await this.readImage(kind, bytes);
        control.onPage?.(read.pages[0]!);
        return read;
      }
      case 'text':
        return this.readText(bytes);
      default:
        throw new DocumentError('UNSUPPORTED_TYPE', `a ${kind.toUpperCase()} statement has no pages to read; extract it instead`);
    }
  }

  async extract(bytes: Buffer, fileName = '', hints: ExtractionHints = {}): Promise<ExtractedDocument> {
    const read = await this.readLooks(bytes, fileName, hints);
    const extraction = extractFromLooks(read.kind, read.looks, hints);
    return { kind: read.kind, extraction, pages: read.pages, ocrEngine: read.ocrEngine };
  }

  /**
   * The reading half of `extract`: the looks it would extract from, to be stored and extracted
   * later with `extractFromLooks` (same hints, same result).
   */
  async readLooks(bytes: Buffer, fileName = '', hints: ExtractionHints = {}, control: ReadControl = {}): Promise<DocumentLooks> {
    const kind = sniffDocument(bytes, fileName);
    if (kind === 'csv' || kind === 'ofx') {
      const text = bytes.toString('utf8');
      return { kind, looks: [{ ...documentFromText(text), text }], pages: [] };
    }
    const read = await this.readAs(kind, bytes, control);
    if ((kind === 'png' || kind === 'jpeg') && needsSecondLook(extractLocal(read.document, hints))) {
      control.signal?.throwIfAborted();
      const second = await this.readImage(kind, bytes, 'second');
      control.onPage?.(second.pages[0]!);
      return { kind, looks: [read.document, second.document], pages: [...read.pages, ...second.pages], ocrEngine: read.ocrEngine };
    }
    return { kind, looks: [read.document], pages: read.pages, ocrEngine: read.ocrEngine };
  }

  async close(): Promise<void> {
    const ocr = this.ocr;
    this.ocr = undefined;
    if (ocr) await (await ocr).close();
  }

  private async readPdf(bytes: Buffer, control: ReadControl): Promise<ReadDocument> {
    const pdf = await openPdf(bytes, { maxPages: this.options.maxPdfPages ?? defaultMaxPdfPages });
    try {
      const pages: TextPage[] = [];
      const reports: PageReport[] = [];
      let ocrEngine: OcrEngine['name'] | undefined;
      for (let number = 1; number <= pdf.pageCount; number += 1) {
        control.signal?.throwIfAborted();
        const started = performance.now();
        const page = await pdf.page(number);
        if (page.hasTextLayer) {
          pages.push({ lines: page.lines });
          reports.push(report(number, 'text-layer', started, page.lines));
        } else {
          const engine = await this.ocrEngine();
          ocrEngine = engine.name;
          const image = await prepareImage(await pdf.render(number, SCAN_DPI), { maxPixels: this.maxPixels() });
          const lines = await engine.recognize(image.png);
          pages.push({ lines });
          reports.push(report(number, 'ocr', started, lines));
        }
        control.onPage?.(reports.at(-1)!);
      }
      return { kind: 'pdf', document: { pages }, pages: reports, ocrEngine };
    } finally {
      await pdf.close();
    }
  }

  private async readImage(kind: 'png' | 'jpeg', bytes: Buffer, look: 'first' | 'second' = 'first'): Promise<ReadDocument> {
    const started = performance.now();
    const image = await prepareImage(bytes, { maxPixels: this.maxPixels(), variant: look === 'first' ? 'plain' : 'enlarged' });
    const engine = await this.ocrEngine();
    const lines = await engine.recognize(image.png, { layout: look === 'first' ? 'auto' : 'block' });
    const method = look === 'first' ? 'ocr' : 'ocr-second-look';
    return { kind, document: { pages: [{ lines }] }, pages: [report(1, method, started, lines)], ocrEngine: engine.name };
  }

  private readText(bytes: Buffer): ReadDocument {
    const started = performance.now();
    const document = documentFromText(bytes.toString('utf8'));
    const pages = document.pages.map((page, index) => report(index + 1, 'text-file', started, page.lines));
    return { kind: 'text', document, pages };
  }

  private maxPixels(): number {
    return this.options.maxPixels ?? defaultMaxPixels;
  }
}

/**
 * The extraction of stored looks, exactly as `extract` makes it: CSV/OFX through the statement
 * parsers, anything else through the rule-based extractor, and a second look merged field by
 * field with the first.
 */
export function extractFromLooks(kind: DocumentKind, looks: readonly TextLook[], hints: ExtractionHints = {}): Extraction {
  const [first, second] = looks;
  if (!first) throw new DocumentError('EMPTY_FILE', 'there is no text to extract from');
  if (kind === 'csv' || kind === 'ofx') {
    const text = first.text ?? '';
    try {
      return kind === 'csv' ? parseCsvStatement(text, hints) : parseOfxStatement(text, hints);
    } catch (error) {
      if (error instanceof StatementFileError) throw new DocumentError('BAD_STATEMENT', error.message, error.line);
      throw error;
    }
  }
  const extraction = extractLocal(first, hints);
  return second ? mergeLooks(extraction, extractLocal(second, hints)) : extraction;
}

function report(page: number, method: PageReport['method'], started: number, lines: TextPage['lines']): PageReport {
  const confidences = lines.map((line) => line.confidence ?? 1);
  const confidence = confidences.length === 0 ? 0 : confidences.reduce((a, b) => a + b, 0) / confidences.length;
  return {
    page,
    method,
    milliseconds: Math.round(performance.now() - started),
    lines: lines.length,
    confidence: Math.round(confidence * 100) / 100,
  };
}
