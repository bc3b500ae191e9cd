/**
 * Turns a laid-out document into file bytes: a text-layer PDF, or the first page as a degraded
 * image. Knows nothing about receipts or invoices.
 */
import type { Layout } from './layout';
import type { Random } from './random';
import { describeImage, renderImage, type ImageOptions } from './render-image';
import { renderPdf } from './render-pdf';

export type Output = { kind: 'pdf' } | { kind: 'image'; image: ImageOptions };

export interface RenderedFile {
  ext: string;
  bytes: Uint8Array;
  description: string;
}

export async function renderOutput(layout: Layout, output: Output, title: string, random: Random): Promise<RenderedFile> {
  if (output.kind === 'pdf') {
    const pages = layout.pages.length;
    return { ext: 'pdf', bytes: await renderPdf(layout, title), description: `text-layer PDF, ${pages} page${pages > 1 ? 's' : ''}` };
  }
  const [page, ...rest] = layout.pages;
  if (!page || rest.length > 0) throw new Error(`${title}: images are single-page only`);
  const bytes = await renderImage(page, output.image, random);
  return { ext: output.image.format === 'jpeg' ? 'jpg' : 'png', bytes, description: describeImage(output.image) };
}

/** Shorthand for image outputs in the spec tables. */
export function image(options: Partial<ImageOptions> & Pick<ImageOptions, 'format'>): Output {
  return { kind: 'image', image: { pxPerPt: 2.5, fontSet: 'liberation', grayscale: true, ...options } };
}

export const pdf: Output = { kind: 'pdf' };
