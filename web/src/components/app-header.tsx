/**
 * The banner of signed-in pages: the product name, who is signed in and to
 * which business (tenant), and the sign-out button.
 */
import { SignOutButton } from '@clerk/nextjs';
import Link from 'next/link';
import { signOut } from '@/actions';
import { clerkConfigured } from '@/clerk';
import type { SessionUser } from '@/session';

function roleLabel(role: string): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}

export function AppHeader({ user }: { user?: SessionUser }) {
  return (
    <header className="topbar">
      <Link href="/overview" className="brand">
        Akount
      </Link>
      {user && (
        <div className="account">
          <p className="account-who">
            <span className="account-name">{user.name}</span>
            <span className="muted">
              {user.tenantName} · {roleLabel(user.role)}
            </span>
          </p>
          {clerkConfigured() ? (
            <SignOutButton redirectUrl="/sign-in">
              <button type="button" className="button button-secondary">
                Sign out
              </button>
            </SignOutButton>
          ) : (
            <form action={signOut}>
              <button type="submit" className="button button-secondary">
                Sign out
              </button>
            </form>
          )}
        </div>
      )}
    </header>
  );
}
