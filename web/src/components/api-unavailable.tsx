/**
 * What a page shows when the API cannot be asked (not running, or failing):
 * the reason and how to fix it, instead of an error page or a crash.
 */
export function ApiUnavailable({ reason }: { reason: string }) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{reason}</p>
      <p>
        Start everything with <code>npm start</code> from the repository root, or start the API on its own, then reload this page.
      </p>
    </div>
  );
}
