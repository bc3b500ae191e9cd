/** The one "Loading…" status the loading boundaries show, announced politely to screen readers. */
export function LoadingStatus() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}
