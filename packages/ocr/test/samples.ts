/**
 * Test documents made on the spot: a text-layer PDF and a photo-like PNG of the same receipt, so
 * the tests read real PDF and image bytes without storing binaries in the repo.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

export const receiptLines = [
  'HARBOUR LIGHT CAFE',
  '12 Quay Street, Portsmouth',
  'Date: 14/03/2024  10:42',
  'Flat white            3.20',
  'Almond croissant      2.90',
  'Subtotal              6.10',
  'VAT 20%               1.22',
  'TOTAL GBP             7.32',
  'Card                  7.32',
];

export async function receiptPdf(options: { pages?: number; text?: boolean } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Courier);
  for (let index = 0; index < (options.pages ?? 1); index += 1) {
    const page = pdf.addPage([300, 400]);
    if (options.text === false) {
      const png = await pdf.embedPng(await receiptPng());
      page.drawImage(png, { x: 10, y: 10, width: 280, height: 380 });
      continue;
    }
    receiptLines.forEach((line, row) => page.drawText(line, { x: 20, y: 370 - row * 16, size: 10, font }));
  }
  return Buffer.from(await pdf.save());
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The receipt as an 800 px wide scan on off-white paper. */
export async function receiptPng(): Promise<Buffer> {
  const rows = receiptLines.map((line, row) => `<text x="30" y="${70 + row * 44}" xml:space="preserve">${escapeXml(line)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${100 + receiptLines.length * 44}">
    <rect width="100%" height="100%" fill="#f4f1ea"/>
    <g font-family="DejaVu Sans Mono" font-size="28" fill="#222">${rows}</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
