import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="centered">
      <section className="card sign-in">
        <h1>Page not found</h1>
        <p className="muted">There is nothing here, or it belongs to another account.</p>
        <Link href="/overview">Back to the overview</Link>
      </section>
    </main>
  );
}
