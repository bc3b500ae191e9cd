/**
 * What kind of file this is, decided from its bytes — never from its name or a Content-Type,
 * which the sender controls. The name only separates text formats that share a byte signature
 * (a CSV and a .txt of OCR lines are both plain text).
 */
import path from 'node:path';
import { DocumentError } from './errors';

export type DocumentKind = 'pdf' | 'png' | 'jpeg' | 'ofx' | 'csv' | 'text';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function startsWith(bytes: Uint8Array, signature: Uint8Array, offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
}

/** PDF lets the header sit anywhere in the first 1024 bytes. */
function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-');
}

function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  // Invalid UTF-8 decodes to U+FFFD; a few are tolerable (Latin-1 exports), many mean binary.
  const decoded = sample.toString('utf8');
  let replacements = 0;
  for (const char of decoded) if (char === '\uFFFD') replacements += 1;
  return replacements <= Math.max(2, decoded.length / 100);
}

function isOfx(head: string): boolean {
  return /^\s*(?:\uFEFF)?(?:OFXHEADER\s*:|<\?xml[^>]*>\s*<\?OFX|<OFX>)/i.test(head);
}

/** The kinds this project can read, for error messages. */
export const supportedTypes = '.pdf .png .jpg .jpeg .csv .ofx .qfx .txt';

export function sniffDocument(bytes: Buffer, fileName = ''): DocumentKind {
  if (bytes.length === 0) throw new DocumentError('EMPTY_FILE', 'the file is empty');
  if (isPdf(bytes)) return 'pdf';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, Uint8Array.of(0xff, 0xd8, 0xff))) return 'jpeg';

  const extension = path.extname(fileName).toLowerCase();
  if (!looksLikeText(bytes)) {
    const claimed = ['.pdf', '.png', '.jpg', '.jpeg'].includes(extension) ? ` (the name says ${extension}, the bytes do not)` : '';
    throw new DocumentError('UNSUPPORTED_TYPE', `not a PDF, PNG, JPEG or text file${claimed}; supported: ${supportedTypes}`);
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new DocumentError('EMPTY_FILE', 'the file contains only whitespace');
  if (isOfx(text.slice(0, 2048)) || extension === '.ofx' || extension === '.qfx') return 'ofx';
  if (['.pdf', '.png', '.jpg', '.jpeg'].includes(extension)) {
    throw new DocumentError('UNSUPPORTED_TYPE', `the name says ${extension} but the file is plain text`);
  }
  if (extension === '.csv') return 'csv';
  if (extension === '.txt' || extension === '') return 'text';
  throw new DocumentError('UNSUPPORTED_TYPE', `unsupported file type "${extension}"; supported: ${supportedTypes}`);
}
