'use client';
/**
 * Shown when rendering a page outside the signed-in shell fails unexpectedly
 * (the shell's pages have their own boundaries).
 */
import { ErrorState } from '@/components/error-state';

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="centered">
      <div className="card narrow">
        <ErrorState error={error} retry={retry} boundary="page" title="Something went wrong" explanation="This page could not be shown." />
      </div>
    </main>
  );
}
