'use client';
/**
 * Shown when rendering a page fails unexpectedly. Server errors arrive with
 * their message hidden and a digest that matches the server's log; show the
 * digest so a report can be traced, never the error's details.
 */

function digestOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  return typeof error.digest === 'string' ? error.digest : undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  return (
    <main className="centered">
      <section className="card narrow stack" role="alert" aria-labelledby="error-title">
        <h1 id="error-title">Something went wrong</h1>
        <p className="muted">This page could not be shown. Trying again often helps.{digest && ` Reference: ${digest}.`}</p>
        <p>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </p>
      </section>
    </main>
  );
}
