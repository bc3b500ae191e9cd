import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { signOut } from '@/actions';
import { currentUser } from '@/session';
import { Sidebar } from './sidebar';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <div>
        <header className="topbar">
          <div>
            <strong>{user.tenantName}</strong> <span className="muted">· {user.role.toLowerCase()}</span>
          </div>
          <form action={signOut}>
            <span className="muted">{user.name} </span>
            <button type="submit" className="button secondary">
              Sign out
            </button>
          </form>
        </header>
        <main id="main" className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
