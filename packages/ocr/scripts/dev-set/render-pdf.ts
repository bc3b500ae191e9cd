/**
 * Writes a Layout as a PDF with a real text layer, using pdf-lib's standard 14 fonts (WinAnsi
 * text only). Dates in the PDF's metadata are fixed so the bytes are the same on every run.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { FontFamily, Layout } from './layout';

const fixedDate = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

const fontNames: Record<FontFamily, { regular: StandardFonts; bold: StandardFonts }> = {
  mono: { regular: StandardFonts.Courier, bold: StandardFonts.CourierBold },
  sans: { regular: StandardFonts.Helvetica, bold: StandardFonts.HelveticaBold },
  serif: { regular: StandardFonts.TimesRoman, bold: StandardFonts.TimesRomanBold },
};

export async function renderPdf(layout: Layout, title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('Akount dev-set generator');
  pdf.setCreator('Akount dev-set generator');
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);
  const cache = new Map<StandardFonts, PDFFont>();
  const font = async (family: FontFamily, bold: boolean): Promise<PDFFont> => {
    const name = bold ? fontNames[family].bold : fontNames[family].regular;
    let embedded = cache.get(name);
    if (!embedded) {
      embedded = await pdf.embedFont(name);
      cache.set(name, embedded);
    }
    return embedded;
  };
  const ink = rgb(0.08, 0.08, 0.1);
  for (const layoutPage of layout.pages) {
    const page = pdf.addPage([layoutPage.width, layoutPage.height]);
    for (const item of layoutPage.items) {
      if (item.kind === 'rule') {
        page.drawLine({
          start: { x: item.x1, y: layoutPage.height - item.y1 },
          end: { x: item.x2, y: layoutPage.height - item.y2 },
          thickness: item.width,
          color: ink,
          ...(item.dashed ? { dashArray: [3, 2] } : {}),
        });
        continue;
      }
      const runFont = await font(item.font, item.bold);
      const width = runFont.widthOfTextAtSize(item.text, item.size);
      const x = item.align === 'right' ? item.x - width : item.align === 'center' ? item.x - width / 2 : item.x;
      page.drawText(item.text, { x, y: layoutPage.height - item.y, size: item.size, font: runFont, color: ink });
    }
  }
  return pdf.save();
}
