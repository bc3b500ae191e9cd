// Next.js config. Workspace packages ship TypeScript source, so Next
// transpiles them; the Turbopack root is the monorepo so it can follow the
// workspace links in the root node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import { staticSecurityHeaders } from './src/security-headers';

const monorepoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@akount/config'],
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  // Static security headers on every route and asset; the CSP comes from src/proxy.ts (it needs a nonce).
  headers: async () => [{ source: '/:path*', headers: staticSecurityHeaders }],
};

export default config;
