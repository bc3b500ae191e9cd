/**
 * Turns one input file into a text document for the extractor, or a named
 * error. Supported so far: `.txt` (already-OCR'd text, one line per line).
 * PDF, images and bank statement files get UNSUPPORTED_TYPE until their
 * engines exist; nothing is ever guessed from an unreadable file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { documentFromText, type TextDocument } from '../document';

export type InputError = { code: 'NOT_FOUND' | 'UNREADABLE' | 'EMPTY_FILE' | 'NOT_TEXT' | 'UNSUPPORTED_TYPE'; message: string };

const plannedTypes = new Set(['.pdf', '.png', '.jpg', '.jpeg', '.csv', '.ofx', '.qfx']);

export async function readInput(file: string): Promise<{ document: TextDocument } | { error: InputError }> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.txt') {
    const message = plannedTypes.has(extension)
      ? `${extension} files need an engine that is not built yet (only .txt is supported so far)`
      : `unsupported file type "${extension || '(none)'}"; supported: .txt`;
    return { error: { code: 'UNSUPPORTED_TYPE', message } };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      error:
        code === 'ENOENT'
          ? { code: 'NOT_FOUND', message: 'file not found' }
          : { code: 'UNREADABLE', message: `cannot read the file (${code})` },
    };
  }
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return { error: { code: 'EMPTY_FILE', message: 'the file is empty' } };
  if (bytes.includes(0)) return { error: { code: 'NOT_TEXT', message: 'the file contains binary data, not text' } };
  return { document: documentFromText(bytes.toString('utf8')) };
}
