/**
 * The documents inbox (/services/documents): upload zone, the documents newest first with their
 * live scan status, and filters kept in the URL (status, type, uploaded from/to, file name) so a
 * reload or a shared link shows the same list. The server renders the first page; the client
 * follows statuses and loads the next pages. In a route group, so its loading boundary does not
 * wrap the review page beside it (that one answers a real 404 before streaming).
 */
import type { DocType, DocumentStatus } from '@akount/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { apiGet } from '@/api';
import { EntitySwitcher } from '@/components/entity-switcher';
import { Inbox } from '@/documents/inbox';
import { docTypeLabel, documentStatusWords, inFlightStatuses } from '@/documents/status';
import type { DocumentPage } from '@/documents/types';
import { selectedEntity } from '@/entity';
import { currentSession } from '@/session';

export const metadata: Metadata = { title: 'Documents' };

type Search = { entity?: string; status?: string; type?: string; from?: string; to?: string; q?: string };

const pageSize = 25;
const inFlightFilter = inFlightStatuses.join(',');

const isDate = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const isStatusList = (value: string | undefined) =>
  value && value.split(',').every((item) => Object.hasOwn(documentStatusWords, item)) ? value : undefined;
const isDocType = (value: string | undefined) => (value && Object.hasOwn(docTypeLabel, value) ? (value as DocType) : undefined);

interface Filters {
  status?: string;
  docType?: DocType;
  from?: string;
  to?: string;
  q?: string;
}

/** A plain GET form: the filters land in the URL, so they survive a reload and work without JavaScript. */
function DocumentFilters({ entityId, filters, filtered }: { entityId: string; filters: Filters; filtered: boolean }) {
  return (
    <form action="/services/documents" className="filters" aria-label="Filter documents">
      <input type="hidden" name="entity" value={entityId} />
      <label>
        Status
        <select name="status" defaultValue={filters.status ?? ''}>
          <option value="">All statuses</option>
          <option value={inFlightFilter}>Scanning (in progress)</option>
          {(Object.keys(documentStatusWords) as DocumentStatus[]).map((status) => (
            <option key={status} value={status}>
              {documentStatusWords[status].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select name="type" defaultValue={filters.docType ?? ''}>
          <option value="">All types</option>
          {(Object.keys(docTypeLabel) as DocType[]).map((type) => (
            <option key={type} value={type}>
              {docTypeLabel[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Uploaded from
        <input type="date" name="from" defaultValue={filters.from ?? ''} />
      </label>
      <label>
        Uploaded to
        <input type="date" name="to" defaultValue={filters.to ?? ''} />
      </label>
      <label>
        File name
        <input type="search" name="q" defaultValue={filters.q ?? ''} placeholder="Contains…" maxLength={100} />
      </label>
      <button type="submit" className="button">
        Apply
      </button>
      {filtered && (
        <Link href={`/services/documents?entity=${entityId}`} className="button button-secondary">
          Clear
        </Link>
      )}
    </form>
  );
}

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await currentSession();
  if (session.status !== 'signed-in') redirect('/sign-in');
  const search = await searchParams;
  const entity = selectedEntity(session.user, search.entity);
  if (!entity) redirect('/overview');
  const filters: Filters = {
    status: isStatusList(search.status),
    docType: isDocType(search.type),
    from: isDate(search.from),
    to: isDate(search.to),
    q: search.q?.trim().slice(0, 100) || undefined,
  };
  const query = { entityId: entity.id, ...filters, limit: pageSize };
  const first = await apiGet<DocumentPage>('/api/services/documents', query);
  const apiQuery = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  ).toString();
  const filtered = Boolean(filters.status || filters.docType || filters.from || filters.to || filters.q);

  return (
    <section aria-labelledby="documents-title" className="stack">
      <div className="page-head">
        <div>
          <h1 id="documents-title">Documents</h1>
          <p className="muted">Scans run in the background; each document waits for your review before anything is posted.</p>
        </div>
        <EntitySwitcher entities={session.user.entities} selected={entity.id} action="/services/documents" />
      </div>
      <Inbox
        key={apiQuery}
        initial={first}
        query={apiQuery}
        entityId={entity.id}
        filtered={filtered}
        filters={<DocumentFilters entityId={entity.id} filters={filters} filtered={filtered} />}
      />
    </section>
  );
}
