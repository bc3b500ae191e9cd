/** The local document engine on real PDF and image bytes, through the native Tesseract and tesseract.js. */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentError, LocalDocumentReader } from '../src/index';
import { receiptLines, receiptPdf, receiptPng } from './samples';

const reader = new LocalDocumentReader({ maxPdfPages: 3 });
afterAll(() => reader.close());

async function refusal(promise: Promise<unknown>): Promise<DocumentError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return error as DocumentError;
}

const expectedFields = {
  vendorName: { value: 'HARBOUR LIGHT CAFE' },
  date: { value: '2024-03-14' },
  total: { value: { amountMinor: 732, currency: 'GBP' } },
};

describe('PDF text layer', () => {
  it('reads lines in order with boxes, needs no OCR, and extracts the fields', async () => {
    const read = await reader.read(await receiptPdf(), 'receipt.pdf');
    const lines = read.document.pages[0]?.lines ?? [];
    expect(lines.map((line) => line.text.replace(/\s+/g, ' '))).toEqual(receiptLines.map((line) => line.replace(/\s+/g, ' ')));
    expect(lines[0]?.box?.y).toBeLessThan(lines[1]?.box?.y ?? 0);
    expect(lines[0]?.box?.width).toBeGreaterThan(50);
    expect(read.pages).toEqual([expect.objectContaining({ page: 1, method: 'text-layer', lines: receiptLines.length })]);
    expect(read.ocrEngine).toBeUndefined();

    const { extraction } = await reader.extract(await receiptPdf(), 'receipt.pdf');
    expect(extraction).toMatchObject({ ...expectedFields, docType: { value: 'receipt' } });
    expect(extraction.total?.source).toEqual({ page: 1, line: 8 });
  });

  it('OCRs a scanned page that has no text layer', async () => {
    const read = await reader.read(await receiptPdf({ text: false }), 'scan.pdf');
    expect(read.pages[0]).toMatchObject({ method: 'ocr' });
    expect(read.document.pages[0]?.lines.map((line) => line.text).join('\n')).toContain('HARBOUR LIGHT CAFE');
  });

  it('refuses encrypted, truncated, corrupt and over-long PDFs with named errors', async () => {
    const encrypted = await refusal(reader.read(readFileSync(new URL('./fixtures/encrypted.pdf', import.meta.url)), 'x.pdf'));
    expect(encrypted.code).toBe('ENCRYPTED_PDF');
    expect(encrypted.message).toMatch(/password/);

    const whole = await receiptPdf();
    expect((await refusal(reader.read(whole.subarray(0, 300), 'x.pdf'))).code).toBe('CORRUPT_PDF');
    expect((await refusal(reader.read(Buffer.from('%PDF-1.7\nnot really a pdf\n'), 'x.pdf'))).code).toBe('CORRUPT_PDF');
    const long = await refusal(reader.read(await receiptPdf({ pages: 4 }), 'x.pdf'));
    expect(long.code).toBe('TOO_MANY_PAGES');
    expect(long.message).toContain('4 pages');
  });
});

describe('photos through Tesseract', () => {
  it('extracts a receipt photo, whatever its EXIF orientation', async () => {
    const png = await receiptPng();
    const { extraction, pages } = await reader.extract(png, 'receipt.png');
    expect(extraction).toMatchObject(expectedFields);
    expect(pages[0]).toMatchObject({ method: 'ocr' });
    expect(pages[0]?.confidence).toBeGreaterThan(0.7);

    // Stored sideways with EXIF orientation 6 ("rotate 90° clockwise to view"), as phones do.
    const sideways = await sharp(png).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    expect((await reader.extract(sideways, 'IMG_0001.JPG')).extraction).toMatchObject(expectedFields);
  });

  it('refuses corrupt images and decompression bombs before decoding them', async () => {
    const png = await receiptPng();
    expect((await refusal(reader.read(png.subarray(0, 200), 'x.png'))).code).toBe('CORRUPT_IMAGE');
    const small = new LocalDocumentReader({ maxPixels: 10_000 });
    const bomb = await refusal(small.read(png, 'x.png'));
    expect(bomb.code).toBe('IMAGE_TOO_LARGE');
    expect(bomb.message).toMatch(/800×\d+ pixels/);
    await small.close();
  });

  it('works without the native binary, on tesseract.js and the packaged English model', async () => {
    const wasm = new LocalDocumentReader({ tesseract: { prefer: 'wasm' } });
    try {
      const { extraction, ocrEngine } = await wasm.extract(await receiptPng(), 'receipt.png');
      expect(ocrEngine).toBe('tesseract-wasm');
      expect(extraction).toMatchObject(expectedFields);
    } finally {
      await wasm.close();
    }
  }, 120_000);
});

describe('what the bytes are', () => {
  it('decides by content, not by name', async () => {
    const textAsPng = await refusal(reader.read(Buffer.from('TOTAL 12.00\n'), 'receipt.png'));
    expect(textAsPng).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: 'the name says .png but the file is plain text' });
    const pdfNamedJpg = await reader.read(await receiptPdf(), 'photo.jpg');
    expect(pdfNamedJpg.kind).toBe('pdf');
    expect((await refusal(reader.read(Buffer.alloc(0), 'a.pdf'))).code).toBe('EMPTY_FILE');
    expect((await refusal(reader.read(Buffer.from([0, 1, 2, 3, 0, 5]), 'a.bin'))).code).toBe('UNSUPPORTED_TYPE');
  });

  it('parses statement files and names the bad line', async () => {
    const csv = ['Date,Description,Amount,Balance', '2024-03-01,Opening deposit,100.00,100.00', '2024-03-02,Coffee,-3.50,96.50'].join('\n');
    const { extraction, kind } = await reader.extract(Buffer.from(csv), 'march.csv');
    expect(kind).toBe('csv');
    expect(extraction.statement?.rows.map((row) => row.amount.value.amountMinor)).toEqual([10000, -350]);

    const noColumns = await refusal(reader.extract(Buffer.from('hello;world\nfoo;bar\n'), 'x.csv'));
    expect(noColumns.code).toBe('BAD_STATEMENT');
    const badRow = await refusal(reader.extract(Buffer.from(`${csv}\n2024-03-03,Tea,-2.x0,94.00`), 'x.csv'));
    expect(badRow).toMatchObject({ code: 'BAD_STATEMENT', line: 4 });
    expect(badRow.message).toContain('line 4');
    const brokenOfx = await refusal(reader.extract(Buffer.from('OFXHEADER:100\nDATA:OFXSGML\n<OFX><BANKMSGSRSV1>'), 'x.ofx'));
    expect(brokenOfx.code).toBe('BAD_STATEMENT');
  });
});
