/**
 * Runs in the browser before the app hydrates. With NEXT_PUBLIC_SENTRY_DSN
 * set (inlined at build time), the Sentry SDK is fetched as its own chunk
 * after startup and reports uncaught errors plus what reportError() hands it;
 * without one, nothing is loaded and first-load JS stays as it was.
 */
import { errorTags, privateDataCollection, setErrorSink } from './error-tracking';

const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;

if (dsn) {
  void import('@sentry/nextjs').then((Sentry) => {
    Sentry.init({ dsn, dataCollection: privateDataCollection, tracesSampleRate: 0, environment: process.env.NODE_ENV });
    setErrorSink((error, context) => Sentry.captureException(error, { tags: errorTags(context) }));
  });
}
