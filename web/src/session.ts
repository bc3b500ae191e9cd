/**
 * The dev sign-in session (outside production only, until Clerk is wired):
 * an httpOnly cookie naming the demo user, resolved against the API's list
 * of demo users. Server-only.
 */
import 'server-only';
import { cookies } from 'next/headers';
import { config } from './config';

export const sessionCookie = 'akount_session';

export interface DemoUser {
  clerkUserId: string;
  name: string;
  email: string;
  tenantId: string;
  tenantName: string;
  role: string;
}

export type DemoUsersResult = { ok: true; users: DemoUser[] } | { ok: false; reason: string };

export async function fetchDemoUsers(): Promise<DemoUsersResult> {
  const url = `${config.API_INTERNAL_URL}/api/auth/dev/users`;
  try {
    const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return { ok: false, reason: `The API answered ${response.status} at ${url}.` };
    const body = (await response.json()) as { users: DemoUser[] };
    return { ok: true, users: body.users };
  } catch {
    return { ok: false, reason: `The API is not reachable at ${config.API_INTERNAL_URL}. Is it running?` };
  }
}

export async function currentUser(): Promise<DemoUser | undefined> {
  const clerkUserId = (await cookies()).get(sessionCookie)?.value;
  if (!clerkUserId) return undefined;
  const result = await fetchDemoUsers();
  return result.ok ? result.users.find((user) => user.clerkUserId === clerkUserId) : undefined;
}
