'use client';
/**
 * The documents inbox below the page's filters: the upload zone, the list (the server's first
 * page, then uploads added on top and older pages appended by "Load more"), and one polite live
 * region that announces uploads, refusals and status changes. It knows how many documents are in
 * flight so their polling can share the API's rate limit.
 */
import type { DocumentStatus } from '@akount/contracts';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { BffError } from '@/review/bff';
import { DocumentRow } from './document-row';
import { documentMaxPages, formatLimit, uploadMaxBytes } from './limits';
import { isInFlight, statusLabel } from './status';
import type { DocumentPage, DocumentSummary } from './types';
import { Uploader } from './uploader';

interface InboxProps {
  initial: DocumentPage;
  /** The list's filters as the API's query string, for the next pages. */
  query: string;
  entityId: string | null;
  filtered: boolean;
  /** The server-rendered filter form, shown between the upload zone and the list. */
  filters: ReactNode;
}

async function nextPage(query: string, cursor: string): Promise<DocumentPage> {
  const params = new URLSearchParams(query);
  params.set('cursor', cursor);
  let response: Response;
  try {
    response = await fetch(`/bff/documents?${params}`, { cache: 'no-store' });
  } catch {
    throw new BffError(0, 'Akount cannot be reached; check your connection and try again.');
  }
  const body = (await response.json().catch(() => undefined)) as (DocumentPage & { error?: { message?: string } }) | undefined;
  if (!response.ok || !body) throw new BffError(response.status, body?.error?.message ?? `The server answered ${response.status}.`);
  return body;
}

export function Inbox({ initial, query, entityId, filtered, filters }: InboxProps) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [statuses, setStatuses] = useState<Record<string, DocumentStatus>>({});
  const [announcement, setAnnouncement] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const inFlight = useMemo(() => items.filter((item) => isInFlight(statuses[item.id] ?? item.status)).length, [items, statuses]);

  const onStatusChange = useCallback((document: DocumentSummary, status: DocumentStatus) => {
    setStatuses((current) => ({ ...current, [document.id]: status }));
    setAnnouncement(`${document.fileName}: ${statusLabel(status)}.`);
  }, []);

  const onUploaded = useCallback((document: DocumentSummary) => {
    setItems((current) => [document, ...current.filter((item) => item.id !== document.id)]);
  }, []);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setLoadError(null);
    try {
      const page = await nextPage(query, cursor);
      setItems((current) => [...current, ...page.items.filter((item) => !current.some((known) => known.id === item.id))]);
      setCursor(page.nextCursor);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : 'The next page could not be loaded.');
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div className="stack inbox">
      <Uploader entityId={entityId} onUploaded={onUploaded} announce={setAnnouncement} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <section className="stack" aria-labelledby="documents-list-title">
        <h2 id="documents-list-title" className="doc-h2">
          Uploaded documents
        </h2>
        {(items.length > 0 || filtered) && filters}
        {items.length === 0 ? (
          <EmptyState filtered={filtered} />
        ) : (
          <ul className="doc-list" aria-label="Uploaded documents" data-testid="document-list">
            {items.map((item) => (
              <DocumentRow key={item.id} document={item} documentsInFlight={inFlight} onStatusChange={onStatusChange} />
            ))}
          </ul>
        )}
        {cursor && (
          <p>
            <button type="button" className="button button-secondary" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          </p>
        )}
        {loadError && (
          <p className="doc-error" role="alert">
            {loadError}
          </p>
        )}
      </section>
    </div>
  );
}

function EmptyState({ filtered }: { filtered: boolean }) {
  if (filtered)
    return (
      <div className="notice">
        <p className="notice-title">No documents match these filters.</p>
        <p className="muted">Try another status or a wider date range, or clear the filters.</p>
      </div>
    );
  return (
    <div className="notice" data-testid="documents-empty">
      <p className="notice-title">No documents yet.</p>
      <p className="muted">
        Upload a receipt, an invoice or a bank statement: a PDF, PNG or JPEG of up to {formatLimit(uploadMaxBytes)} (PDFs up to{' '}
        {documentMaxPages} pages).
      </p>
      <p className="muted">
        Each file is checked for viruses, read and categorized in the background — you can leave this page. When its fields are ready it
        waits here for your review; nothing is posted until you approve it.
      </p>
    </div>
  );
}
