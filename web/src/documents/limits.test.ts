import { describe, expect, it } from 'vitest';
import { checkUpload, formatLimit, uploadMaxBytes } from './limits';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);
const pdfHead = text('%PDF-1.7\n%âãÏÓ\n1 0 obj');

describe('the browser upload check', () => {
  it('accepts PDF, PNG and JPEG by their first bytes, whatever the name says', () => {
    expect(checkUpload('scan.pdf', 2048, pdfHead)).toEqual({ ok: true, kind: 'pdf' });
    expect(checkUpload('photo', 10, bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toEqual({ ok: true, kind: 'png' });
    expect(checkUpload('receipt.pdf', 4, bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ ok: true, kind: 'jpeg' });
  });

  it('finds a PDF header after leading junk, within the first 1024 bytes only', () => {
    const late = new Uint8Array(1100).fill(0x20);
    late.set(text('%PDF-'), 500);
    expect(checkUpload('a.pdf', late.length, late)).toEqual({ ok: true, kind: 'pdf' });
    const tooLate = new Uint8Array(1100).fill(0x20);
    tooLate.set(text('%PDF-'), 1050);
    expect(checkUpload('a.pdf', tooLate.length, tooLate)).toEqual({
      ok: false,
      message: 'Only PDF, PNG and JPEG documents are accepted: the name says .pdf but the file is plain text',
    });
  });

  it('refuses a text file renamed .pdf with the API message', () => {
    expect(checkUpload('notes.PDF', 12, text('just a note\n'))).toEqual({
      ok: false,
      message: 'Only PDF, PNG and JPEG documents are accepted: the name says .pdf but the file is plain text',
    });
  });

  it('names other kinds the way the API does', () => {
    const message = (name: string, head: Uint8Array) => {
      const check = checkUpload(name, head.length, head);
      return check.ok ? 'accepted' : check.message;
    };
    expect(message('rows.csv', text('date,amount\n'))).toMatch(/: this file is a CSV file$/);
    expect(message('notes.txt', text('hello'))).toMatch(/: this file is plain text$/);
    expect(message('bank.qfx', text('OFXHEADER:100\n'))).toMatch(/: this file is a OFX file$/);
    expect(message('doc.docx', text('hello'))).toMatch(/: unsupported file type "\.docx"/);
    expect(message('photo.png', bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 1))).toBe(
      'Only PDF, PNG and JPEG documents are accepted: not a PDF, PNG, JPEG or text file (the name says .png, the bytes do not); supported: .pdf .png .jpg .jpeg .csv .ofx .qfx .txt',
    );
    expect(message('blank.pdf', text('   \n '))).toBe('The file is empty: the file contains only whitespace');
    expect(message('nothing.pdf', new Uint8Array())).toBe('The file is empty: the file is empty');
  });

  it('refuses a file over the cap with the size in the API words, and accepts one at the cap', () => {
    expect(checkUpload('big.pdf', uploadMaxBytes + 1, pdfHead)).toEqual({
      ok: false,
      message: 'The file is larger than 10 MB; upload a smaller scan or split the PDF',
    });
    expect(checkUpload('edge.pdf', uploadMaxBytes, pdfHead)).toEqual({ ok: true, kind: 'pdf' });
    expect(checkUpload('small.png', 600 * 1024, bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 512 * 1024)).toEqual({
      ok: false,
      message: 'The file is larger than 512 KB; upload a smaller scan or split the PDF',
    });
  });

  it('checks the type before the size, as the API does', () => {
    const check = checkUpload('huge.pdf', uploadMaxBytes * 2, text('plain words'));
    expect(check.ok ? '' : check.message).toMatch(/plain text$/);
    expect(formatLimit(1536)).toBe('1.5 KB');
  });
});
