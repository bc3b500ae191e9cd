/**
 * Shown inside the signed-in shell when a page does not exist (an unknown
 * domain, say), so the navigation stays at hand. URLs outside the shell get
 * the root `not-found.tsx`.
 */
import Link from 'next/link';

export default function DomainNotFound() {
  return (
    <section className="stack" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p className="muted">There is no page at this address.</p>
      <p>
        <Link href="/overview">Go to the overview</Link>
      </p>
    </section>
  );
}
