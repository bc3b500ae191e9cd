/**
 * Sends signed-out visitors to the sign-in page (Next 16's proxy, formerly
 * middleware). An optimistic check only: it looks for the session cookie and
 * nothing else; pages resolve the cookie to a user and the API authorises.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { sessionCookieName } from './session-cookie';

const publicPaths = ['/sign-in', '/health'];

function isPublic(pathname: string): boolean {
  return publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublic(pathname) || request.cookies.has(sessionCookieName)) return NextResponse.next();
  const signIn = new URL('/sign-in', request.url);
  if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but Next's own assets and files with a static-asset extension.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpe?g|gif|webp|avif|ico|css|js|map|txt|xml|woff2?)$).*)'],
};
