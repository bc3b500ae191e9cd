/**
 * Runs once when a Next.js server starts: parses the configuration so a
 * misconfigured deploy refuses to serve, naming every bad variable, instead
 * of failing on its first request, and sets up Sentry when SENTRY_DSN is
 * set. Not run by `next build`.
 */
import type { Instrumentation } from 'next';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { webConfig } = await import('./config');
  const config = webConfig();
  if (config.SENTRY_DSN) {
    const { initServerSentry } = await import('./sentry.server');
    initServerSentry({ dsn: config.SENTRY_DSN, environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV });
  }
}

/** Errors thrown while rendering or in route handlers, with the route and request kind. */
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const Sentry = await import('@sentry/nextjs');
  if (Sentry.getClient()) Sentry.captureRequestError(...args);
};
