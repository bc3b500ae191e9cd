'use client';
/**
 * The inbox failed to render (the API failing, say). Shown inside the shell with a retry; the
 * server's details stay in its log, matched by the digest shown here.
 */
function digestOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  return typeof error.digest === 'string' ? error.digest : undefined;
}

export default function DocumentsError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  return (
    <section className="stack" role="alert" aria-labelledby="documents-error-title">
      <h1 id="documents-error-title">Your documents cannot be shown right now</h1>
      <p className="muted">Loading the list failed. Trying again often helps.{digest && ` Reference: ${digest}.`}</p>
      <p>
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      </p>
    </section>
  );
}
