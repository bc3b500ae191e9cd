export default function Loading() {
  return (
    <main className="centered" aria-busy="true">
      <p className="muted">Loading…</p>
    </main>
  );
}
