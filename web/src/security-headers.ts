/**
 * The web app's security headers. The CSP is per request (a fresh script
 * nonce each time, set by the proxy); the rest are static and also sent with
 * static assets (next.config.ts). Free of Node imports: the proxy bundle runs it.
 */
export const staticSecurityHeaders: { key: string; value: string }[] = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

export interface CspSources {
  nonce: string;
  development: boolean;
  /** Origins the browser may call: the API, and Clerk / Sentry when configured. */
  connect: string[];
  /** Where document images and PDFs are served from (object storage). */
  images: string[];
  /** Clerk's Frontend API origin, when Clerk handles sign-in (its script, images, bot-check frame). */
  clerk?: string;
}

export function contentSecurityPolicy(sources: CspSources): string {
  const script = [`'self'`, `'nonce-${sources.nonce}'`, `'strict-dynamic'`, ...(sources.development ? [`'unsafe-eval'`] : [])];
  const connect = [`'self'`, ...sources.connect, ...(sources.development ? ['ws:'] : [])];
  // Clerk's script comes from its Frontend API (trusted through the nonce and 'strict-dynamic'); its
  // avatars from img.clerk.com; its bot protection runs in a Cloudflare Turnstile frame and a blob worker.
  const clerk = sources.clerk ? [`frame-src 'self' https://challenges.cloudflare.com`, `worker-src 'self' blob:`] : [];
  const images = [...sources.images, ...(sources.clerk ? ['https://img.clerk.com'] : [])];
  return [
    `default-src 'self'`,
    `script-src ${script.join(' ')}`,
    // Scripts need the nonce; styles allow inline because React and Next set
    // style attributes, which cannot carry a nonce (and styles cannot run code).
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: ${images.join(' ')}`.trim(),
    `font-src 'self'`,
    `connect-src ${connect.join(' ')}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...clerk,
  ].join('; ');
}

/** The origin part of a URL, or nothing for an unset/invalid value. */
export function originOf(value: string | undefined): string[] {
  if (!value) return [];
  try {
    return [new URL(value).origin];
  } catch {
    return [];
  }
}
