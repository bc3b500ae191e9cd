'use server';
/** Sign-in and sign-out server actions for the dev sign-in. */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { config } from './config';
import { fetchDemoUsers, sessionCookie } from './session';

export async function signIn(formData: FormData): Promise<void> {
  const clerkUserId = String(formData.get('clerkUserId') ?? '');
  const result = await fetchDemoUsers();
  if (!result.ok || !result.users.some((user) => user.clerkUserId === clerkUserId)) redirect('/sign-in?error=unknown-user');
  (await cookies()).set(sessionCookie, clerkUserId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.NODE_ENV === 'production',
    path: '/',
    maxAge: 60 * 60 * 12,
  });
  redirect('/overview');
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(sessionCookie);
  redirect('/sign-in');
}
