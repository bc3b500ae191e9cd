/** Shown for any URL that matches no page, including unknown domains. */
import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="centered">
      <section className="card narrow stack" aria-labelledby="not-found-title">
        <h1 id="not-found-title">Page not found</h1>
        <p className="muted">There is no page at this address.</p>
        <p>
          <Link href="/">Go to Akount</Link>
        </p>
      </section>
    </main>
  );
}
