/**
 * Runs before every page (Next 16's proxy, formerly middleware): gives each
 * response its Content-Security-Policy with a fresh script nonce (Next reads
 * it from the request header and stamps its own scripts), and sends
 * signed-out visitors to the sign-in page. The sign-in check is optimistic:
 * it looks for the session cookie only; pages resolve it and the API decides.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, originOf } from './security-headers';
import { sessionCookieName } from './session-cookie';

const publicPaths = ['/sign-in', '/health'];

function isPublic(pathname: string): boolean {
  return publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

// The origins are read per request from the server's environment. Written as
// `process.env.NEXT_PUBLIC_…` they would be frozen into the build instead, and
// one build could not serve a deployment with other URLs (or the test ports).
const serverEnv: Record<string, string | undefined> = process.env;

function policyFor(nonce: string): string {
  return contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV !== 'production',
    connect: [
      ...originOf(serverEnv.NEXT_PUBLIC_API_URL),
      ...(serverEnv.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? ['https://*.clerk.accounts.dev', 'https://clerk.com'] : []),
      ...originOf(serverEnv.NEXT_PUBLIC_SENTRY_DSN),
    ],
    images: originOf(serverEnv.NEXT_PUBLIC_STORAGE_URL),
  });
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = policyFor(nonce);
  const { pathname, search } = request.nextUrl;

  let response: NextResponse;
  if (isPublic(pathname) || request.cookies.has(sessionCookieName)) {
    const headers = new Headers(request.headers);
    headers.set('x-nonce', nonce);
    headers.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers } });
  } else {
    const signIn = new URL('/sign-in', request.url);
    if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
    response = NextResponse.redirect(signIn);
  }
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Everything but Next's own assets and files with a static-asset extension.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpe?g|gif|webp|avif|ico|css|js|map|txt|xml|woff2?)$).*)'],
};
