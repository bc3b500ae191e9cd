/**
 * The input side of every extraction engine: OCR'd or text-layer pages as lines, plus optional
 * hints from the tenant (locale, default currency). Also flattens pages into numbered lines so the
 * rule modules can point back at `{ page, line }`. Never reads files or runs OCR itself.
 */
import type { FieldSource } from '@akount/contracts';

/** A line's bounding box in page pixels (images) or PDF points (text layers), origin top-left. */
export interface LineBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextLine {
  text: string;
  /** OCR confidence of the line in [0, 1], when the OCR engine reports one. */
  confidence?: number;
  box?: LineBox;
}

export interface TextPage {
  lines: TextLine[];
}

export interface TextDocument {
  pages: TextPage[];
}

export interface ExtractionHints {
  /** BCP 47 locale of the user or entity, e.g. `en-US`, `ms-MY`, `de-DE`. Decides ambiguous dates. */
  locale?: string;
  /** ISO 4217 code used when the document names no currency. */
  defaultCurrency?: string;
}

/** One line of the document with its position; `index` counts across pages from 0. */
export interface DocLine {
  index: number;
  page: number;
  line: number;
  text: string;
  ocrConfidence: number;
}

export function flattenLines(doc: TextDocument): DocLine[] {
  const out: DocLine[] = [];
  doc.pages.forEach((page, pageIndex) => {
    page.lines.forEach((line, lineIndex) => {
      const text = line.text.replace(/\s+/g, ' ').trim();
      if (text === '') return;
      out.push({ index: out.length, page: pageIndex + 1, line: lineIndex + 1, text, ocrConfidence: line.confidence ?? 1 });
    });
  });
  return out;
}

export function sourceOf(line: DocLine): FieldSource {
  return { page: line.page, line: line.line };
}

/** A plain-text document: one page per form feed, one line per text line. */
export function documentFromText(text: string): TextDocument {
  return { pages: text.split('\f').map((page) => ({ lines: page.split(/\r?\n/).map((line) => ({ text: line })) })) };
}
