/**
 * Sends signed-out visitors to the sign-in page. Only checks that a session
 * cookie exists; pages resolve it to a user and the API authorises requests.
 */
import { NextResponse, type NextRequest } from 'next/server';

const sessionCookie = 'akount_session';
const publicPaths = ['/sign-in', '/health'];

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return NextResponse.next();
  if (request.cookies.has(sessionCookie)) return NextResponse.next();
  const signIn = new URL('/sign-in', request.url);
  if (pathname !== '/') signIn.searchParams.set('next', pathname);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|ico|css|js)$).*)'],
};
