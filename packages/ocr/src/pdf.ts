/**
 * PDF pages as text lines, read from the PDF's own text layer with pdf.js — pages that have one
 * need no OCR. Pages without a text layer (scans) are rendered to a PNG for the OCR engine.
 * Encrypted, corrupt and over-long PDFs are refused with a DocumentError before any page is read.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TextLine } from '@akount/extraction';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api';
import { DocumentError } from './errors';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** pdf.js wants a URL-ish prefix ending in a slash; in Node a file path works. */
const standardFontDataUrl = `${path.join(pdfjsRoot, 'standard_fonts')}/`;

/**
 * pdf.js is loaded on the first PDF, from its minified build: the same code without the 5 MB source
 * map that Node (and tsx) would otherwise parse and keep — about 120 MB of worker RSS.
 */
let pdfjs: Promise<typeof PdfJs> | undefined;
function loadPdfJs(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.min.mjs') as Promise<typeof PdfJs>;
  return pdfjs;
}

/** A page counts as having a text layer when it carries at least this many non-space characters. */
const MIN_TEXT_LAYER_CHARS = 16;

export interface PdfPage {
  lines: TextLine[];
  /** False for scanned pages: their lines are empty and the page must go through OCR. */
  hasTextLayer: boolean;
}

export interface OpenPdfOptions {
  maxPages: number;
}

export interface PdfFile {
  readonly pageCount: number;
  page(pageNumber: number): Promise<PdfPage>;
  /** The page as a PNG at `dpi` (scanned pages are OCR'd at 300). */
  render(pageNumber: number, dpi: number): Promise<Buffer>;
  close(): Promise<void>;
}

function refusal(error: unknown): DocumentError {
  const name = (error as { name?: string }).name;
  if (name === 'PasswordException')
    return new DocumentError('ENCRYPTED_PDF', 'the PDF is password-protected; remove the password and upload it again');
  const detail = error instanceof Error ? error.message : String(error);
  return new DocumentError('CORRUPT_PDF', `the PDF cannot be read (${detail}); it may be truncated or damaged`);
}

export async function openPdf(bytes: Uint8Array, options: OpenPdfOptions): Promise<PdfFile> {
  let pdf: PDFDocumentProxy;
  try {
    // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
    const { getDocument } = await loadPdfJs();
    pdf = await getDocument({
      data: Uint8Array.from(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      standardFontDataUrl,
      stopAtErrors: false,
    }).promise;
  } catch (error) {
    throw refusal(error);
  }
  if (pdf.numPages > options.maxPages) {
    await pdf.destroy();
    throw new DocumentError('TOO_MANY_PAGES', `the PDF has ${pdf.numPages} pages; at most ${options.maxPages} are accepted`);
  }
  return {
    pageCount: pdf.numPages,
    async page(pageNumber) {
      try {
        const page = await pdf.getPage(pageNumber);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const items = content.items.filter((item): item is TextItem => 'str' in item);
        const lines = linesFromItems(items, viewport.height);
        const chars = lines.reduce((sum, line) => sum + line.text.replace(/\s/g, '').length, 0);
        page.cleanup();
        return chars >= MIN_TEXT_LAYER_CHARS ? { lines, hasTextLayer: true } : { lines: [], hasTextLayer: false };
      } catch (error) {
        throw refusal(error);
      }
    },
    async render(pageNumber, dpi) {
      try {
        const page = await pdf.getPage(pageNumber);
        const viewport = page.getViewport({ scale: dpi / 72 });
        const factory = pdf.canvasFactory as CanvasFactory;
        const { canvas } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
        await page.render({ canvas: canvas as never, viewport }).promise;
        const png = (canvas as unknown as { toBuffer(mime: 'image/png'): Buffer }).toBuffer('image/png');
        page.cleanup();
        return png;
      } catch (error) {
        throw refusal(error);
      }
    },
    close: () => pdf.destroy(),
  };
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown };
}

interface Glyph {
  text: string;
  x: number;
  /** Baseline, measured from the top of the page. */
  y: number;
  width: number;
  height: number;
}

/**
 * Groups text items into lines by baseline (items within 40 % of the font height share a line),
 * orders lines top to bottom and items left to right, and puts a space where items are apart.
 */
export function linesFromItems(items: TextItem[], pageHeight: number): TextLine[] {
  const glyphs: Glyph[] = items
    .filter((item) => item.str.trim() !== '')
    .map((item) => {
      const fontHeight = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || item.height || 10;
      return { text: item.str, x: item.transform[4] ?? 0, y: pageHeight - (item.transform[5] ?? 0), width: item.width, height: fontHeight };
    })
    .sort((a, b) => a.y - b.y || a.x - b.x);

  const rows: Glyph[][] = [];
  for (const glyph of glyphs) {
    const row = rows.at(-1);
    const anchor = row?.[0];
    if (row && anchor && Math.abs(glyph.y - anchor.y) <= 0.4 * Math.max(anchor.height, glyph.height)) row.push(glyph);
    else rows.push([glyph]);
  }

  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const glyph of row) {
      const gap = glyph.x - end;
      if (text !== '' && gap > glyph.height * 0.15 && !text.endsWith(' ') && !glyph.text.startsWith(' '))
        text += gap > glyph.height * 2 ? '   ' : ' ';
      text += glyph.text;
      end = Math.max(end, glyph.x + glyph.width);
    }
    const top = Math.min(...row.map((glyph) => glyph.y - glyph.height));
    const bottom = Math.max(...row.map((glyph) => glyph.y));
    const left = row[0]?.x ?? 0;
    return {
      text: text.trim(),
      confidence: 1,
      box: { x: round(left), y: round(top), width: round(end - left), height: round(bottom - top) },
    };
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
