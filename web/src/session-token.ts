/**
 * The current request's session token for the API: Clerk's session JWT when
 * Clerk is configured, else the dev sign-in's token from its httpOnly cookie.
 * Server-only; the browser never handles the token itself.
 */
import 'server-only';
import { cookies } from 'next/headers';
import { clerkConfigured } from './clerk';
import { sessionCookieName } from './session-cookie';

export async function sessionToken(): Promise<string | undefined> {
  if (clerkConfigured()) {
    const { auth } = await import('@clerk/nextjs/server');
    return (await (await auth()).getToken()) ?? undefined;
  }
  return (await cookies()).get(sessionCookieName)?.value;
}
