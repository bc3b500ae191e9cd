/**
 * Sign-in: Clerk's sign-in form when Clerk is configured; otherwise the dev
 * sign-in (outside production only), one button per demo user the API lists.
 * Renders a clear message instead of failing when the API is down or when
 * neither is available.
 */
import { SignIn } from '@clerk/nextjs';
import type { Metadata } from 'next';
import { signIn } from '@/actions';
import { clerkConfigured } from '@/clerk';
import { ApiUnavailable } from '@/components/api-unavailable';
import { devSignInEnabled, fetchDemoUsers, type DemoUser } from '@/demo-users';
import { safeReturnPath } from '@/return-path';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const errorMessages: Record<string, string> = {
  'unknown-user': 'That demo user does not exist any more. Pick one below.',
  'session-ended': 'Your session named a user the API no longer knows. Sign in again.',
};

function DemoUserList({ users, returnTo }: { users: DemoUser[]; returnTo: string }) {
  if (users.length === 0) {
    return <p className="notice">The API lists no demo users. `npm start` seeds them on its first run.</p>;
  }
  return (
    <form action={signIn}>
      <input type="hidden" name="next" value={returnTo} />
      <ul className="user-list">
        {users.map((user, index) => (
          <li key={`${user.clerkUserId}:${user.tenantId}`}>
            <button
              type="submit"
              name="clerkUserId"
              value={user.clerkUserId}
              className="user-choice"
              aria-describedby={`demo-user-${index}`}
            >
              Sign in as {user.name} — {user.tenantName}
            </button>
            <p id={`demo-user-${index}`} className="muted user-detail">
              {user.email} · {user.role.toLowerCase()}
            </p>
          </li>
        ))}
      </ul>
    </form>
  );
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const error = typeof params.error === 'string' ? errorMessages[params.error] : undefined;
  return (
    <main className="centered">
      <section className="card narrow stack" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Akount</h1>
        {clerkConfigured() ? (
          <SignIn routing="hash" fallbackRedirectUrl={safeReturnPath(params.next)} />
        ) : devSignInEnabled() ? (
          <DevSignIn error={error} returnTo={safeReturnPath(params.next)} />
        ) : (
          <SignInUnavailable />
        )}
      </section>
    </main>
  );
}

async function DevSignIn({ error, returnTo }: { error: string | undefined; returnTo: string }) {
  const result = await fetchDemoUsers();
  return (
    <>
      <p className="muted">
        Local development sign-in: choose a demo user. Each belongs to a different business (tenant), so you can check that their data stays
        apart.
      </p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {result.ok ? <DemoUserList users={result.users} returnTo={returnTo} /> : <ApiUnavailable reason={result.reason} />}
    </>
  );
}

function SignInUnavailable() {
  return (
    <p className="notice">
      Sign-in is not configured. Set the Clerk keys (NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY); the development sign-in is off
      in production.
    </p>
  );
}
