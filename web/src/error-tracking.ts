/**
 * The web app's one way to report an error it caught (error boundaries,
 * failed client actions). Sentry receives it once the SDK is set up: in the
 * browser instrumentation-client.ts loads it on demand when
 * NEXT_PUBLIC_SENTRY_DSN is set (so pages without a DSN ship none of it), on
 * the server instrumentation.ts does when SENTRY_DSN is set. Until then, or
 * without a DSN, the error goes to the console. Never throws.
 */

export interface ErrorContext {
  /** Where it was caught, e.g. "documents-inbox" (becomes the `boundary` tag). */
  boundary: string;
  /** Next's digest for server errors: matches the server's log line. */
  digest?: string;
}

export type ErrorSink = (error: unknown, context: ErrorContext) => void;

let sink: ErrorSink | undefined;

/** Called once the error tracker is ready; later reports go to it. */
export function setErrorSink(next: ErrorSink | undefined): void {
  sink = next;
}

export function reportError(error: unknown, context: ErrorContext): void {
  if (sink) {
    try {
      sink(error, context);
      return;
    } catch {
      // Reporting must never take the page down with it; fall through to the console.
    }
  }
  // eslint-disable-next-line no-console -- no tracker configured (yet): the console is the report
  console.error(`[${context.boundary}]`, error);
}

/**
 * What Sentry may collect from requests: nothing that can carry the session
 * (cookies, headers) or a document's contents (bodies), no user fields.
 */
export const privateDataCollection = { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [] as never[] };

/** The tags a report carries, shared by the browser and server sinks. */
export function errorTags(context: ErrorContext): Record<string, string> {
  return { boundary: context.boundary, ...(context.digest ? { digest: context.digest } : {}) };
}
