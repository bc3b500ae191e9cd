/**
 * Runs before every page (Next 16's proxy, formerly middleware): gives each
 * response its Content-Security-Policy with a fresh script nonce (Next reads
 * it from the request header and stamps its own scripts), and sends
 * signed-out visitors to the sign-in page. With Clerk configured, Clerk's
 * middleware verifies the session (networkless with CLERK_JWT_KEY) and
 * decides who is signed in; otherwise the check is optimistic: it looks for
 * the dev sign-in cookie only; pages resolve it and the API decides.
 */
import { clerkMiddleware } from '@clerk/nextjs/server';
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from 'next/server';
import { clerkConfigured, clerkFrontendApi } from './clerk';
import { contentSecurityPolicy, originOf } from './security-headers';
import { serverEnv } from './server-env';
import { sessionCookieName } from './session-cookie';

// Pages anyone may see, and the browser's JSON proxy, which answers a missing session itself with a
// 401 its callers understand (a redirect to an HTML page would look like success to a fetch).
const publicPaths = ['/sign-in', '/health', '/bff'];

function isPublic(pathname: string): boolean {
  return publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

function policyFor(nonce: string): string {
  const clerk = clerkConfigured(serverEnv) ? clerkFrontendApi(serverEnv.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) : undefined;
  return contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV !== 'production',
    connect: [
      ...originOf(serverEnv.NEXT_PUBLIC_API_URL),
      ...(clerk ? [clerk] : []),
      ...originOf(serverEnv.NEXT_PUBLIC_SENTRY_DSN),
      // PDF previews fetch the file (PDF.js) from object storage.
      ...originOf(serverEnv.NEXT_PUBLIC_STORAGE_URL),
    ],
    images: originOf(serverEnv.NEXT_PUBLIC_STORAGE_URL),
    clerk,
  });
}

/** The response for a request whose signed-in state is known. */
function respond(request: NextRequest, signedIn: boolean): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const csp = policyFor(nonce);
  const { pathname, search } = request.nextUrl;

  let response: NextResponse;
  if (isPublic(pathname) || signedIn) {
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

// Made on first use: only when Clerk is configured, and after its keys are in the environment.
let withClerk: NextMiddleware | undefined;

export function proxy(request: NextRequest, event: NextFetchEvent) {
  if (!clerkConfigured(serverEnv)) return respond(request, request.cookies.has(sessionCookieName));
  // The verification key is passed on explicitly: Clerk's own lookup of CLERK_JWT_KEY does not reach
  // the proxy bundle, and without it every request would ask Clerk's servers for the key.
  withClerk ??= clerkMiddleware(async (auth, clerkRequest) => respond(clerkRequest, (await auth()).userId !== null), {
    jwtKey: serverEnv.CLERK_JWT_KEY,
    authorizedParties: serverEnv.CLERK_AUTHORIZED_PARTIES?.split(',').map((party) => party.trim()),
  });
  return withClerk(request, event);
}

export const config = {
  // Everything but Next's own assets and files with a static-asset extension.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpe?g|gif|webp|avif|ico|css|js|map|txt|xml|woff2?)$).*)'],
};
