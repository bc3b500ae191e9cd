export default function Loading() {
  return (
    <div className="content" aria-busy="true">
      <p className="muted">Loading…</p>
    </div>
  );
}
