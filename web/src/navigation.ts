/** The eight domains of the app, in sidebar order. The one place that lists them. */
export interface Domain {
  slug: string;
  label: string;
  summary: string;
}

export const domains: readonly Domain[] = [
  { slug: 'overview', label: 'Overview', summary: 'Cash by account, income and expenses, and what needs your attention.' },
  { slug: 'banking', label: 'Banking', summary: 'Accounts and transactions.' },
  { slug: 'business', label: 'Business', summary: 'Customers, vendors and invoices.' },
  { slug: 'accounting', label: 'Accounting', summary: 'Chart of accounts and journal entries.' },
  { slug: 'planning', label: 'Planning', summary: 'Budgets and forecasts.' },
  { slug: 'insights', label: 'Insights', summary: 'Reports and AI-assisted analysis.' },
  { slug: 'services', label: 'Services', summary: 'Documents: upload receipts, invoices and statements for scanning.' },
  { slug: 'system', label: 'System', summary: 'Members, entities and settings.' },
];

export function findDomain(slug: string): Domain | undefined {
  return domains.find((domain) => domain.slug === slug);
}
