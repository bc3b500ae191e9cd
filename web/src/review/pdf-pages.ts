/**
 * Draws a PDF's pages as images with PDF.js (canvas → PNG blob), loaded only when a PDF is shown. Chosen over an
 * <iframe>/<object> because the app's CSP has `object-src 'none'`, no frame-src, and every page
 * (the proxy's responses included) is sent with `frame-ancestors 'none'` and X-Frame-Options DENY;
 * canvases need none of that. PDF.js runs its "worker" on the main thread (the module set on
 * globalThis.pdfjsWorker), so no worker-src or blob: source is needed, and eval stays off so it
 * works under the production CSP without 'unsafe-eval'.
 */

/** Canvas width in device pixels: sharp at 2× zoom on a typical preview column. */
const targetWidth = 1600;
const maxPages = 20;

async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs')]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return pdfjs;
}

export interface RenderedPdf {
  /** blob: URLs of PNG page images (img-src allows blob:); the caller revokes them. */
  pages: string[];
  /** Pages beyond `maxPages` are not drawn; the download link has them all. */
  omitted: number;
}

function pngOf(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The page could not be drawn'))), 'image/png'),
  );
}

export async function renderPdf(bytes: ArrayBuffer, signal: AbortSignal): Promise<RenderedPdf> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false });
  signal.addEventListener('abort', () => void task.destroy(), { once: true });
  const pdf = await task.promise;
  const pages: string[] = [];
  for (let number = 1; number <= Math.min(pdf.numPages, maxPages) && !signal.aborted; number += 1) {
    const page = await pdf.getPage(number);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: targetWidth / unscaled.width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    await page.render({ canvas, viewport }).promise;
    pages.push(URL.createObjectURL(await pngOf(canvas)));
  }
  const omitted = Math.max(0, pdf.numPages - maxPages);
  await task.destroy();
  return { pages, omitted };
}
