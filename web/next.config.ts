// Next.js config. Workspace packages ship TypeScript source, so Next
// transpiles them; the Turbopack root is the monorepo so it can follow the
// workspace links in the root node_modules. withSentryConfig adds Sentry's
// build step: source maps are uploaded only when SENTRY_AUTH_TOKEN (with
// SENTRY_ORG and SENTRY_PROJECT) is set, so offline builds need nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSentryConfig } from '@sentry/nextjs/config';
import type { NextConfig } from 'next';
import { staticSecurityHeaders } from './src/security-headers';

const monorepoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` builds into the default .next; NEXT_DIST_DIR lets a second build live beside it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  transpilePackages: ['@akount/config'],
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  // Static security headers on every route and asset; the CSP comes from src/proxy.ts (it needs a nonce).
  headers: async () => [{ source: '/:path*', headers: staticSecurityHeaders }],
};

export default withSentryConfig(config, {
  org: process.env.SENTRY_ORG,
  project: process.env.SENTRY_PROJECT,
  authToken: process.env.SENTRY_AUTH_TOKEN,
  sourcemaps: { disable: !process.env.SENTRY_AUTH_TOKEN },
  telemetry: false,
  silent: !process.env.CI,
});
