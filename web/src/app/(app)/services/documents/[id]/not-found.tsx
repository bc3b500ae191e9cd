/**
 * A document the API did not find for this user: unknown, deleted, or another tenant's. The page
 * says the same in every case, so it never tells whether someone else's document exists.
 */
import Link from 'next/link';

export default function DocumentNotFound() {
  return (
    <section className="stack" aria-labelledby="document-not-found-title">
      <h1 id="document-not-found-title">Document not found</h1>
      <p className="muted">There is no document at this address in your business. It may have been deleted, or the link is wrong.</p>
      <p>
        <Link href="/services/documents">Go to your documents</Link>
      </p>
    </section>
  );
}
