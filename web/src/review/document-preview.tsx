'use client';
/**
 * The document beside its fields: the file link comes from GET /bff/documents/:id/file (a local
 * storage link is rewritten to the same-origin proxy), images show as they are and PDFs as page
 * images drawn by PDF.js (see pdf-pages.ts for why not a frame). Zoom in, out and to fit with the
 * buttons, or with + / − / 0 while the preview has focus; the picture scrolls inside its frame.
 */
import { useEffect, useState } from 'react';
import { bffGet, sameOriginFileUrl } from './bff';

const zoomSteps = [50, 75, 100, 150, 200, 300, 400];

type Preview =
  | { state: 'waiting' }
  | { state: 'loading' }
  | { state: 'ready'; pages: string[]; omitted: number; downloadUrl: string }
  | { state: 'failed'; message: string; downloadUrl?: string };

async function loadPreview(documentId: string, mimeType: string, signal: AbortSignal): Promise<Preview> {
  const link = await bffGet<{ url: string }>(`${documentId}/file`);
  const url = sameOriginFileUrl(link.url);
  if (mimeType !== 'application/pdf') return { state: 'ready', pages: [url], omitted: 0, downloadUrl: url };
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`The file answered ${response.status}`);
    const { renderPdf } = await import('./pdf-pages');
    const pdf = await renderPdf(await response.arrayBuffer(), signal);
    return { state: 'ready', pages: pdf.pages, omitted: pdf.omitted, downloadUrl: url };
  } catch (error) {
    if (signal.aborted) throw error;
    return { state: 'failed', message: 'This PDF could not be shown here; download it to look at it.', downloadUrl: url };
  }
}

export function DocumentPreview({
  documentId,
  fileName,
  mimeType,
  stored,
}: {
  documentId: string;
  fileName: string;
  mimeType: string;
  /** False while the file is still in staging (before the scan stores it): there is no link yet. */
  stored: boolean;
}) {
  const [preview, setPreview] = useState<Preview>(stored ? { state: 'loading' } : { state: 'waiting' });
  const [zoom, setZoom] = useState(100);

  useEffect(() => {
    if (!stored) return;
    const controller = new AbortController();
    let shown: Preview | undefined;
    loadPreview(documentId, mimeType, controller.signal).then(
      (result) => {
        shown = result;
        if (!controller.signal.aborted) setPreview(result);
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setPreview({ state: 'failed', message: error instanceof Error ? error.message : 'The file could not be loaded.' });
      },
    );
    return () => {
      controller.abort();
      if (shown?.state === 'ready') for (const page of shown.pages) if (page.startsWith('blob:')) URL.revokeObjectURL(page);
    };
  }, [documentId, mimeType, stored]);

  const step = (direction: 1 | -1) => {
    const index = zoomSteps.indexOf(zoom);
    setZoom(zoomSteps[Math.min(zoomSteps.length - 1, Math.max(0, index + direction))] ?? 100);
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '+' || event.key === '=') step(1);
    else if (event.key === '-') step(-1);
    else if (event.key === '0') setZoom(100);
    else return;
    event.preventDefault();
  };

  return (
    <section className="review-preview card" aria-labelledby="preview-title">
      <div className="review-preview-bar">
        <h2 id="preview-title" className="review-h2">
          {fileName}
        </h2>
        <div className="review-zoom" role="group" aria-label="Zoom">
          <button type="button" className="button button-secondary" onClick={() => step(-1)} disabled={zoom === zoomSteps[0]}>
            <span aria-hidden="true">−</span>
            <span className="visually-hidden">Zoom out</span>
          </button>
          <button type="button" className="button button-secondary" onClick={() => setZoom(100)} aria-label={`Fit to width (now ${zoom}%)`}>
            Fit · {zoom}%
          </button>
          <button type="button" className="button button-secondary" onClick={() => step(1)} disabled={zoom === zoomSteps.at(-1)}>
            <span aria-hidden="true">+</span>
            <span className="visually-hidden">Zoom in</span>
          </button>
        </div>
      </div>
      {preview.state === 'waiting' && <p className="muted">The preview appears once the scan has stored the file.</p>}
      {preview.state === 'loading' && (
        <p className="muted" role="status">
          Loading the document…
        </p>
      )}
      {preview.state === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p>{preview.message}</p>
          {preview.downloadUrl && <a href={preview.downloadUrl}>Download {fileName}</a>}
        </div>
      )}
      {preview.state === 'ready' && (
        <>
          <div
            className="review-viewport"
            tabIndex={0}
            onKeyDown={onKeyDown}
            aria-label={`${fileName}, zoom ${zoom}%. Use + and − to zoom.`}
          >
            {preview.pages.map((page, index) => (
              <img
                key={page}
                src={page}
                alt={preview.pages.length > 1 ? `Page ${index + 1} of ${preview.pages.length}` : fileName}
                style={{ width: `${zoom}%` }}
                className="review-page"
              />
            ))}
          </div>
          <p className="muted review-small">
            {preview.omitted > 0 && `${preview.omitted} more pages are not shown. `}
            <a href={preview.downloadUrl}>Download the original</a>
          </p>
        </>
      )}
    </section>
  );
}
