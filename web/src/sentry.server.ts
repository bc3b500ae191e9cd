/**
 * Sentry for the web server (server components, route handlers, the proxy's
 * Node runtime), set up by instrumentation.ts when SENTRY_DSN is set. Request
 * errors reach it through `onRequestError`; caught ones through reportError().
 * No request bodies, cookies or headers are sent (privateDataCollection), so
 * the session cookie never leaves the server.
 */
import * as Sentry from '@sentry/nextjs';
import { errorTags, privateDataCollection, setErrorSink } from './error-tracking';

export function initServerSentry(options: { dsn: string; environment?: string }): void {
  Sentry.init({ dsn: options.dsn, environment: options.environment, dataCollection: privateDataCollection, tracesSampleRate: 0 });
  setErrorSink((error, context) => Sentry.captureException(error, { tags: errorTags(context) }));
}
