/**
 * The shell of every signed-in page: banner, domain navigation and main
 * content. Resolves the session here so no page renders for a stranger; the
 * proxy has only checked that a cookie exists.
 */
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ApiUnavailable } from '@/components/api-unavailable';
import { AppHeader } from '@/components/app-header';
import { Sidebar } from '@/components/sidebar';
import { currentSession } from '@/session';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (session.status === 'signed-out') redirect('/sign-in');
  if (session.status === 'unknown-user') redirect('/sign-in?error=session-ended');
  if (session.status === 'unavailable') {
    return (
      <div className="shell shell-bare">
        <AppHeader />
        <main id="main" className="content">
          <h1>Akount cannot load your account</h1>
          <ApiUnavailable reason={session.reason} />
        </main>
      </div>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader user={session.user} />
      <Sidebar />
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
