'use client';
/**
 * The review page in the browser: the document beside its fields, the scan's status (followed
 * live while it moves), what to do in each state — review, wait, retry, see what was posted — and
 * the shortcuts (⌘/Ctrl+Enter approve, j / k next and previous document awaiting review).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatMoney } from '@/money';
import { BffError, bffPost } from './bff';
import { DocumentPreview } from './document-preview';
import { ReviewForm } from './review-form';
import { ScanStages } from './scan-stages';
import { isInFlight, statusLabel, statusTone } from '../documents/status';
import type { AccountOption, CategoryOption, DocumentDetail, PostedView, ReviewQueue, ScanStatus } from './types';
import { useScanFollower } from './use-scan-follower';
import { useShortcuts } from './use-shortcuts';

export interface ReviewScreenProps {
  document: DocumentDetail;
  status: ScanStatus | null;
  categories: CategoryOption[];
  accounts: AccountOption[];
  entityCurrency: string;
  queue: ReviewQueue;
  posted: PostedView | null;
}

const href = (id: string) => `/services/documents/${id}`;

function Posted({ posted }: { posted: PostedView }) {
  return (
    <div className="notice" data-testid="review-transactions">
      <p className="notice-title">
        Posted {posted.transactions.length === 1 ? 'as 1 transaction' : `as ${posted.transactions.length} transactions`}.
      </p>
      {posted.transactions.length > 0 && (
        <ul className="plain-list">
          {posted.transactions.slice(0, 10).map((transaction) => (
            <li key={transaction.id}>
              <span>
                {transaction.date} · {transaction.description}
              </span>
              <span className="num">{formatMoney(transaction.amountMinor, transaction.currency)}</span>
            </li>
          ))}
        </ul>
      )}
      {posted.transactions.length > 10 && <p className="muted">…and {posted.transactions.length - 10} more.</p>}
      <p>
        <Link href={posted.bankingHref}>See {posted.transactions.length === 1 ? 'the transaction' : 'the transactions'} in Banking</Link>
      </p>
    </div>
  );
}

export function ReviewScreen({ document, status, categories, accounts, entityCurrency, queue, posted }: ReviewScreenProps) {
  const router = useRouter();
  const follower = useScanFollower(document.id, status, document.status);
  const [actionError, setActionError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [decision, setDecision] = useState<'approved' | 'dismissed' | null>(null);

  const live = follower.live;
  const shown = follower.following && live ? live.status : document.status;
  const failedStage = live?.failedStage ?? status?.failedStage ?? null;
  const correctable = document.status === 'NEEDS_ATTENTION' && failedStage === 'post';
  const editable = document.extraction !== null && (document.status === 'AWAITING_REVIEW' || correctable) && decision === null;

  useShortcuts({
    j: queue.nextId ? () => router.push(href(queue.nextId!)) : undefined,
    ']': queue.nextId ? () => router.push(href(queue.nextId!)) : undefined,
    k: queue.previousId ? () => router.push(href(queue.previousId!)) : undefined,
    '[': queue.previousId ? () => router.push(href(queue.previousId!)) : undefined,
  });

  async function retry() {
    setRetrying(true);
    setActionError(null);
    try {
      await bffPost(`${document.id}/retry`);
      follower.follow();
    } catch (error) {
      setActionError(error instanceof BffError ? error.message : 'The retry could not be sent.');
    } finally {
      setRetrying(false);
    }
  }

  const decided = (what: 'approved' | 'dismissed') => {
    setDecision(what);
    follower.follow();
  };

  return (
    <section className="stack review" aria-labelledby="review-title">
      <div className="page-head">
        <div className="stack review-title">
          <p className="review-small">
            <Link href="/services/documents">← Documents</Link>
          </p>
          <h1 id="review-title">Review {document.fileName}</h1>
        </div>
        <nav className="review-nav" aria-label="Documents awaiting review">
          {queue.previousId && (
            <Link href={href(queue.previousId)} className="button button-secondary" aria-keyshortcuts="k">
              ← Previous
            </Link>
          )}
          {queue.nextId && (
            <Link href={href(queue.nextId)} className="button button-secondary" aria-keyshortcuts="j">
              Next →
            </Link>
          )}
        </nav>
      </div>

      <div className="review-statusbar" role="status" aria-live="polite">
        <span className="review-badge" data-tone={statusTone(shown)} data-testid="review-status" data-status={shown}>
          {statusLabel(shown)}
        </span>
        {follower.following && isInFlight(shown) && <span className="muted">Following the scan…</span>}
        {decision === 'approved' && follower.following && <span className="muted">Approved; posting…</span>}
        {decision === 'dismissed' && follower.following && <span className="muted">Dismissing…</span>}
        {document.stale && document.status === 'AWAITING_REVIEW' && <span className="tag">Waiting a long time</span>}
        <span className="muted review-small review-hint">
          Shortcuts when not typing: <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> approve · <kbd>j</kbd> next · <kbd>k</kbd> previous
          {queue.waiting > 0 && ` · ${queue.waiting} awaiting review`}
        </span>
      </div>
      {follower.pollError && <p className="review-error">{follower.pollError} Still trying…</p>}

      {(follower.following || isInFlight(document.status)) && live && <ScanStages stages={live.stages} />}

      {document.status === 'NEEDS_ATTENTION' && !follower.following && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{document.error?.message ?? live?.error?.message ?? 'The scan stopped and needs your attention.'}</p>
          {correctable ? (
            <p>The books refused the posting. Correct the fields below and approve again, or retry as it is.</p>
          ) : (
            <p>Retry resumes the scan from the step that failed.</p>
          )}
          {live && <ScanStages stages={live.stages} />}
          {actionError && <p className="review-error">{actionError}</p>}
          <p>
            <button type="button" className="button" onClick={() => void retry()} disabled={retrying}>
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
          </p>
        </div>
      )}
      {document.status === 'COMPLETED' && posted && <Posted posted={posted} />}
      {['DISMISSED', 'REJECTED', 'DUPLICATE', 'CANCELLED'].includes(document.status) && (
        <div className="notice">
          <p className="notice-title">This document is {statusLabel(document.status).toLowerCase()}; nothing was posted.</p>
          {document.error && <p>{document.error.message}</p>}
          {document.duplicateOfId && <Link href={href(document.duplicateOfId)}>Open the original document</Link>}
        </div>
      )}

      <div className="review-columns">
        <DocumentPreview
          documentId={document.id}
          fileName={document.fileName}
          mimeType={document.mimeType}
          stored={!['QUEUED', 'SCANNING', 'STORING'].includes(document.status)}
        />
        {document.extraction ? (
          <ReviewForm
            document={document}
            categories={categories}
            accounts={accounts}
            entityCurrency={entityCurrency}
            editable={editable}
            busy={follower.following}
            onDecided={decided}
          />
        ) : (
          <p className="muted">The fields appear here once the scan has read them.</p>
        )}
      </div>
    </section>
  );
}
