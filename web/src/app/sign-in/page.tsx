import type { Metadata } from 'next';
import { signIn } from '@/actions';
import { fetchDemoUsers } from '@/session';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [{ error }, result] = await Promise.all([searchParams, fetchDemoUsers()]);
  return (
    <main className="centered">
      <section className="card sign-in" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Akount</h1>
        <p className="muted">
          Local development sign-in: choose a demo user. Each one belongs to a different business (tenant), so you can see that their data
          stays apart.
        </p>
        {error === 'unknown-user' && <p className="alert">That demo user does not exist any more. Pick one below.</p>}
        {result.ok ? (
          result.users.length > 0 ? (
            <form action={signIn} className="sign-in">
              {result.users.map((user) => (
                <button
                  key={user.clerkUserId}
                  type="submit"
                  name="clerkUserId"
                  value={user.clerkUserId}
                  className="button secondary user-choice"
                >
                  <span>
                    Sign in as <strong>{user.name}</strong>
                    <br />
                    <span className="muted">{user.email}</span>
                  </span>
                  <span className="muted">{user.tenantName}</span>
                </button>
              ))}
            </form>
          ) : (
            <p className="alert">No demo users found. Run `npm start`, which seeds them on first run.</p>
          )
        ) : (
          <p className="alert" role="alert">
            {result.reason}
          </p>
        )}
      </section>
    </main>
  );
}
