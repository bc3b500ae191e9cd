'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="centered">
      <section className="card sign-in" role="alert">
        <h1>Something went wrong</h1>
        <p className="muted">The page could not be shown. {error.digest ? `Reference: ${error.digest}.` : ''}</p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </section>
    </main>
  );
}
