'use server';
/**
 * Sign-in and sign-out server actions of the dev sign-in. Signing in asks
 * the API for a session token for the chosen demo user (the API refuses
 * anyone else, and has no such route in production) and keeps it in an
 * httpOnly cookie; every API call of the web server sends it as a bearer token.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { apiRequest } from './api-request';
import { devSignInEnabled } from './demo-users';
import { safeReturnPath } from './return-path';
import { sessionCookieName } from './session-cookie';

async function requestDevToken(clerkUserId: string): Promise<{ token: string; expiresIn: number } | undefined> {
  try {
    const response = await apiRequest('/api/auth/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clerkUserId }),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { token?: unknown; expiresIn?: unknown };
    return typeof body.token === 'string' && typeof body.expiresIn === 'number'
      ? { token: body.token, expiresIn: body.expiresIn }
      : undefined;
  } catch {
    return undefined;
  }
}

export async function signIn(formData: FormData): Promise<void> {
  if (!devSignInEnabled()) redirect('/sign-in');
  const clerkUserId = formData.get('clerkUserId');
  const returnTo = safeReturnPath(formData.get('next'));
  const session = typeof clerkUserId === 'string' ? await requestDevToken(clerkUserId) : undefined;
  if (!session) redirect('/sign-in?error=unknown-user');
  // Dev sign-in only: the app is served over plain http on localhost, so no `secure`.
  (await cookies()).set(sessionCookieName, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: session.expiresIn,
  });
  redirect(returnTo);
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(sessionCookieName);
  redirect('/sign-in');
}
