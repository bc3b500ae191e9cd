/**
 * Sentry for the API: unexpected errors (5xx) are captured with the request
 * id, tenant and user, never with the Authorization header, cookies or
 * request bodies. Off unless SENTRY_DSN is set.
 */
import * as Sentry from '@sentry/node';
import type { FastifyRequest } from 'fastify';

export interface SentrySettings {
  dsn: string;
  environment: string;
  release?: string;
}

const privateHeaders = ['authorization', 'cookie', 'set-cookie', 'x-api-key'];

export function initSentry(settings: SentrySettings): void {
  Sentry.init({
    dsn: settings.dsn,
    environment: settings.environment,
    release: settings.release,
    tracesSampleRate: 0,
    // Errors are reported once, by the API's error handler, with our tags;
    // Sentry's automatic Fastify capture would send an untagged duplicate.
    integrations: (defaults) => defaults.filter((integration) => integration.name !== 'Fastify'),
    beforeSend(event) {
      const headers = event.request?.headers;
      if (headers) for (const name of Object.keys(headers)) if (privateHeaders.includes(name.toLowerCase())) delete headers[name];
      if (event.request) {
        delete event.request.cookies;
        delete event.request.data;
      }
      return event;
    },
  });
}

/** The API's reportError: one Sentry event per unexpected error, tagged for finding it again. */
export function reportToSentry(error: unknown, request: FastifyRequest): void {
  Sentry.withScope((scope) => {
    scope.setTag('request_id', String(request.id));
    scope.setTag('route', request.routeOptions.url ?? 'unknown');
    if (request.auth) {
      scope.setTag('tenant_id', request.auth.tenantId);
      scope.setUser({ id: request.auth.userId });
    }
    scope.setContext('request', { method: request.method, url: request.url.split('?')[0], requestId: String(request.id) });
    Sentry.captureException(error);
  });
}

export const flushSentry = (timeoutMs = 2000) => Sentry.flush(timeoutMs);
