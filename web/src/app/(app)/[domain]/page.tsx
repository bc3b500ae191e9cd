/**
 * One page per domain of `navigation.ts`. None is built yet, and each says so
 * plainly instead of showing made-up numbers. A domain that gets built moves
 * to its own folder (e.g. `app/(app)/banking/`), which takes precedence here.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { findDomain } from '@/navigation';

interface DomainPageProps {
  params: Promise<{ domain: string }>;
}

export async function generateMetadata({ params }: DomainPageProps): Promise<Metadata> {
  return { title: findDomain((await params).domain)?.label ?? 'Not found' };
}

export default async function DomainPage({ params }: DomainPageProps) {
  const domain = findDomain((await params).domain);
  if (!domain) notFound();
  return (
    <section aria-labelledby="domain-title" className="stack">
      <h1 id="domain-title">{domain.label}</h1>
      <div className="notice">
        <p className="notice-title">{domain.label} is coming in a later release.</p>
        <p className="muted">It will hold: {domain.summary}</p>
      </div>
    </section>
  );
}
