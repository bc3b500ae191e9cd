'use client';
/** The domain navigation; highlights the current domain. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { domains } from '@/navigation';

export function Sidebar() {
  const pathname = usePathname();
  return (
    <nav className="sidebar" aria-label="Main">
      <p className="brand">Akount</p>
      <ul className="nav">
        {domains.map((domain) => {
          const href = `/${domain.slug}`;
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={domain.slug}>
              <Link href={href} aria-current={current ? 'page' : undefined}>
                {domain.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
