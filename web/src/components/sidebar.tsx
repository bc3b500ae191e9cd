'use client';
/**
 * The domain navigation. Highlights the current domain; on narrow screens it
 * collapses behind a Menu button and closes again after a link is chosen.
 */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { domainOfPath, domains } from '@/navigation';

export function Sidebar() {
  const current = domainOfPath(usePathname());
  const [open, setOpen] = useState(false);
  return (
    <nav className="sidebar" aria-label="Domains">
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="domain-list" onClick={() => setOpen(!open)}>
        {open ? 'Close menu' : 'Menu'}
        {current && <span className="muted"> · {current.label}</span>}
      </button>
      <ul id="domain-list" className="nav-list" data-open={open}>
        {domains.map((domain) => (
          <li key={domain.slug}>
            <Link href={domain.href} aria-current={domain === current ? 'page' : undefined} onClick={() => setOpen(false)}>
              {domain.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
