'use client';
/**
 * What every error boundary shows: a plain sentence, a Try again button, an
 * optional way back, and the digest that matches the server's log line (never
 * the error's details). The error is reported once through reportError().
 */
import Link from 'next/link';
import { useEffect, type ReactNode } from 'react';
import { reportError } from '@/error-tracking';

function digestOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  return typeof error.digest === 'string' ? error.digest : undefined;
}

export interface ErrorStateProps {
  error: unknown;
  retry: () => void;
  /** Tag for the report, e.g. "banking". */
  boundary: string;
  title: string;
  explanation: string;
  back?: { href: string; label: string };
}

export function ErrorState({ error, retry, boundary, title, explanation, back }: ErrorStateProps): ReactNode {
  const digest = digestOf(error);
  useEffect(() => reportError(error, { boundary, digest }), [error, boundary, digest]);
  const titleId = `${boundary}-error-title`;
  return (
    <section className="stack" role="alert" aria-labelledby={titleId}>
      <h1 id={titleId}>{title}</h1>
      <p className="muted">
        {explanation} Trying again often helps.{digest && ` Reference: ${digest}.`}
      </p>
      <p className="review-buttons">
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
        {back && (
          <Link href={back.href} className="button button-secondary">
            {back.label}
          </Link>
        )}
      </p>
    </section>
  );
}
