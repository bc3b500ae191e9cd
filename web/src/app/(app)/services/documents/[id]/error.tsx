'use client';
/**
 * The review page failed to render (the API failing, say). Shown inside the shell with a retry;
 * the server's details stay in its log, matched by the digest shown here.
 */
import Link from 'next/link';

function digestOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  return typeof error.digest === 'string' ? error.digest : undefined;
}

export default function DocumentReviewError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  return (
    <section className="stack" role="alert" aria-labelledby="review-error-title">
      <h1 id="review-error-title">This document cannot be shown right now</h1>
      <p className="muted">Loading it failed. Trying again often helps.{digest && ` Reference: ${digest}.`}</p>
      <p className="review-buttons">
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
        <Link href="/services/documents" className="button button-secondary">
          Back to documents
        </Link>
      </p>
    </section>
  );
}
