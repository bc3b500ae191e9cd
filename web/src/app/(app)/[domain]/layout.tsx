/**
 * Admits only the domains of `navigation.ts`: any other slug is a real 404,
 * decided here, above the loading boundary, before the response streams.
 */
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { findDomain } from '@/navigation';

interface DomainLayoutProps {
  children: ReactNode;
  params: Promise<{ domain: string }>;
}

export default async function DomainLayout({ children, params }: DomainLayoutProps) {
  if (!findDomain((await params).domain)) notFound();
  return children;
}
