/**
 * The Mistral engine for the OCR and extract stages: OCR sends the file inline as a data: URL and
 * keeps each page's markdown as lines of a TextDocument-shaped look (no boxes, no confidences);
 * extraction sends those pages to the chat model with the JSON schema of mistral-extraction.ts.
 * Both calls record their usage (usage.ts), take the activity's cancellation signal, and never log
 * document contents.
 */
import type { Extraction, ScanRef } from '@akount/contracts';
import type { Logger } from '@akount/logger';
import { documentFromBytes } from '@akount/mistral';
import type { DocumentKind, TextLook } from '@akount/ocr';
import type { DocumentActivityDeps } from './deps';
import type { DocumentHints } from './hints';
import { mistralExtractionSchema, toExtraction, type MistralExtraction } from './mistral-extraction';
import type { ReadText } from './ocr';
import { mistralClientFor, mistralSettingsOf } from './usage';

const mimeTypes: Partial<Record<DocumentKind, string>> = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' };

/** Markdown → lines: blank lines dropped, table and heading syntax left for the model to read. */
export function lookFromMarkdown(pages: readonly string[]): TextLook {
  return {
    pages: pages.map((markdown) => ({
      lines: markdown
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => ({ text: line })),
    })),
  };
}

export async function readWithMistral(
  deps: DocumentActivityDeps,
  ref: ScanRef,
  log: Logger,
  file: { kind: DocumentKind; bytes: Buffer; fileName: string },
  signal: AbortSignal,
): Promise<ReadText> {
  const mimeType = mimeTypes[file.kind] ?? 'application/octet-stream';
  const result = await mistralClientFor(deps, ref, 'ocr', log).ocr({
    document: documentFromBytes(file.bytes, mimeType, file.fileName),
    model: mistralSettingsOf(deps).ocrModel,
    signal,
  });
  const pages = [...result.pages].sort((a, b) => a.index - b.index).map((page) => page.markdown);
  return { engine: 'mistral', kind: file.kind, looks: [lookFromMarkdown(pages)] };
}

const instructions = [
  'You read receipts, invoices and bank statements for a bookkeeping app and return the fields the JSON schema asks for.',
  'Copy values as printed; never guess. A field the document does not show is null, a list with nothing in it is empty.',
  'Amounts are decimal strings with a dot and no thousands separators ("1234.50"); statement rows are negative for money out.',
  'Dates are YYYY-MM-DD. Currencies are ISO 4217 codes. Totals are the amount due as printed, tip and taxes included.',
].join('\n');

function describeHints({ document, statement }: DocumentHints): string {
  const known = [
    document.locale ? `The business is in locale ${document.locale}: read ambiguous dates and separators that way.` : '',
    document.defaultCurrency ? `If no currency is printed, the business works in ${document.defaultCurrency}.` : '',
    statement.defaultCurrency !== document.defaultCurrency ? `Its bank account is in ${statement.defaultCurrency}.` : '',
  ];
  return known.filter(Boolean).join(' ');
}

function documentText(look: TextLook): string {
  return look.pages.map((page, index) => `--- page ${index + 1} ---\n${page.lines.map((line) => line.text).join('\n')}`).join('\n');
}

export async function extractWithMistral(
  deps: DocumentActivityDeps,
  ref: ScanRef,
  log: Logger,
  look: TextLook,
  hints: DocumentHints,
  signal: AbortSignal,
): Promise<Extraction> {
  const answer = await mistralClientFor(deps, ref, 'extract', log).chatJson<MistralExtraction>({
    model: mistralSettingsOf(deps).chatModel,
    name: 'document_extraction',
    schema: mistralExtractionSchema,
    messages: [
      { role: 'system', content: `${instructions}\n${describeHints(hints)}`.trim() },
      { role: 'user', content: documentText(look) },
    ],
    signal,
  });
  return toExtraction(answer.value, hints);
}
