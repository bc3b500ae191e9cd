'use client';
/**
 * One document in the inbox: its name, type, upload time and live status (the running stage while
 * it scans), the stage timeline behind a toggle, and the actions its status allows — Retry when it
 * needs attention, Cancel while the scan has not reached the user, Review or Open. Action failures
 * show the server's own message.
 */
import type { DocumentStatus } from '@akount/contracts';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { bffPost } from '@/review/bff';
import { formatBytes } from './format';
import { LocalTime } from './local-time';
import { currentStage } from './polling';
import { StageTimeline } from './stage-timeline';
import { canCancel, canRetry, docTypeLabel, documentStatusWords, isInFlight } from './status';
import { StatusBadge } from './status-badge';
import type { DocumentSummary } from './types';
import { useLiveStatus } from './use-live-status';

const formatOf: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

interface DocumentRowProps {
  document: DocumentSummary;
  documentsInFlight: number;
  onStatusChange: (document: DocumentSummary, status: DocumentStatus) => void;
}

export function DocumentRow({ document, documentsInFlight, onStatusChange }: DocumentRowProps) {
  const { status, live, pollError, watch, load } = useLiveStatus(document.id, document.status, documentsInFlight);
  const [expanded, setExpanded] = useState(false);
  const [busy, setBusy] = useState<'retry' | 'cancel' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const reported = useRef(document.status);

  useEffect(() => {
    if (status === reported.current) return;
    reported.current = status;
    onStatusChange(document, status);
  }, [status, document, onStatusChange]);

  useEffect(() => {
    if (expanded && !live) load();
  }, [expanded, live, load]);

  async function act(action: 'retry' | 'cancel') {
    setBusy(action);
    setActionError(null);
    try {
      await bffPost(`${document.id}/${action}`);
      watch(status);
    } catch (error) {
      setActionError(error instanceof Error ? error.message : `The ${action} failed.`);
    } finally {
      setBusy(null);
    }
  }

  const docType = live?.result?.docType ?? document.docType;
  const error = live?.error ?? document.error;
  const stage = isInFlight(status) ? currentStage(live) : null;
  const panelId = `stages-${document.id}`;
  const hidden = <span className="visually-hidden"> {document.fileName}</span>;

  return (
    <li className="doc-row" data-document-id={document.id} data-status={status}>
      <div className="doc-row-main">
        <div className="doc-file">
          <Link href={`/services/documents/${document.id}`} className="doc-name">
            {document.fileName}
          </Link>
          <p className="muted doc-meta">
            {docType ? docTypeLabel[docType] : isInFlight(status) ? 'Type not known yet' : 'Type unknown'} ·{' '}
            {formatOf[document.mimeType] ?? document.mimeType} · {formatBytes(document.sizeBytes)} · uploaded{' '}
            <LocalTime iso={document.createdAt} />
          </p>
        </div>
        <div className="doc-state">
          <StatusBadge status={status} />
          <span className="muted doc-small">
            {stage ? `Now: ${stage}` : documentStatusWords[status].hint}
            {document.stale && status === 'AWAITING_REVIEW' && ' It has waited a long time.'}
          </span>
        </div>
        <div className="doc-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            aria-expanded={expanded}
            aria-controls={panelId}
            onClick={() => setExpanded((open) => !open)}
          >
            Stages{hidden}
          </button>
          {canRetry(status) && (
            <button type="button" className="button button-small" disabled={busy !== null} onClick={() => act('retry')}>
              {busy === 'retry' ? 'Retrying…' : 'Retry'}
              {hidden}
            </button>
          )}
          {canCancel(status) && (
            <button type="button" className="button button-secondary button-small" disabled={busy !== null} onClick={() => act('cancel')}>
              {busy === 'cancel' ? 'Cancelling…' : 'Cancel'}
              {hidden}
            </button>
          )}
          <Link
            href={`/services/documents/${document.id}`}
            className={`button button-small${status === 'AWAITING_REVIEW' ? '' : ' button-secondary'}`}
          >
            {status === 'AWAITING_REVIEW' ? 'Review' : 'Open'}
            {hidden}
          </Link>
        </div>
      </div>
      {error && (status === 'NEEDS_ATTENTION' || status === 'REJECTED') && <p className="doc-error">{error.message}</p>}
      {status === 'DUPLICATE' && document.duplicateOfId && (
        <p className="muted doc-small">
          Same file as <Link href={`/services/documents/${document.duplicateOfId}`}>an earlier upload</Link>.
        </p>
      )}
      {actionError && (
        <p className="doc-error" role="alert">
          {actionError}
        </p>
      )}
      {pollError && <p className="muted doc-small">Status not updated: {pollError}</p>}
      <div id={panelId} className="doc-panel" hidden={!expanded}>
        {expanded && (live ? <StageTimeline status={live} now={Date.now()} /> : <p className="muted">Loading the stages…</p>)}
      </div>
    </li>
  );
}
