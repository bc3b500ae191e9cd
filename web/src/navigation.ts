/**
 * The eight domains of the app, in sidebar order: the one place that lists
 * them. Pages, the sidebar and the domain route all read this list.
 */
export interface Domain {
  slug: string;
  href: `/${string}`;
  label: string;
  /** What the domain will hold, said plainly; never sample data. */
  summary: string;
}

export const domains: readonly Domain[] = [
  {
    slug: 'overview',
    href: '/overview',
    label: 'Overview',
    summary: 'Cash by account, income and expenses, and what needs your attention.',
  },
  { slug: 'banking', href: '/banking', label: 'Banking', summary: 'Accounts and transactions.' },
  { slug: 'business', href: '/business', label: 'Business', summary: 'Customers, vendors and invoices.' },
  { slug: 'accounting', href: '/accounting', label: 'Accounting', summary: 'Chart of accounts and journal entries.' },
  { slug: 'planning', href: '/planning', label: 'Planning', summary: 'Budgets and forecasts.' },
  { slug: 'insights', href: '/insights', label: 'Insights', summary: 'Reports and AI-assisted analysis.' },
  { slug: 'services', href: '/services', label: 'Services', summary: 'Documents: upload receipts, invoices and statements for scanning.' },
  { slug: 'system', href: '/system', label: 'System', summary: 'Members, entities and settings.' },
];

export function findDomain(slug: string): Domain | undefined {
  return domains.find((domain) => domain.slug === slug);
}

/** The domain a pathname belongs to, for highlighting the sidebar. */
export function domainOfPath(pathname: string): Domain | undefined {
  return domains.find((domain) => pathname === domain.href || pathname.startsWith(`${domain.href}/`));
}
