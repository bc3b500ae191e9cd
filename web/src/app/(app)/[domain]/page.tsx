import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { findDomain } from '@/navigation';

type Params = Promise<{ domain: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: findDomain((await params).domain)?.label ?? 'Not found' };
}

/** Domains that are not built yet say so plainly instead of showing fake data. */
export default async function DomainPage({ params }: { params: Params }) {
  const domain = findDomain((await params).domain);
  if (!domain) notFound();
  return (
    <section aria-labelledby="domain-title">
      <h1 id="domain-title">{domain.label}</h1>
      <p className="muted">{domain.summary}</p>
      <div className="card">
        <p>
          <strong>{domain.label} is not built yet.</strong> It arrives in a later release; nothing on this page is made up in the meantime.
        </p>
      </div>
    </section>
  );
}
