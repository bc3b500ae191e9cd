/**
 * Security headers on every response, whatever its status (200, 4xx, 5xx):
 * an onSend hook runs for error responses too. The API serves JSON only, so
 * its CSP forbids everything.
 */
import type { FastifyInstance } from 'fastify';

export const securityHeaders: Record<string, string> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  // A callback hook: it runs on every response and has nothing to await, so it skips an async hook's promise.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.headers(securityHeaders);
    done(null, payload);
  });
}
