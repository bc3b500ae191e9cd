/**
 * The document around every page: language, title template, global styles,
 * and Clerk's provider when Clerk handles sign-in (`dynamic`, so it reads the
 * request's nonce and its script passes the CSP).
 */
import { ClerkProvider } from '@clerk/nextjs';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { clerkConfigured } from '@/clerk';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Akount', template: '%s · Akount' },
  description: 'Document-intelligence accounting for solopreneurs',
};

export const viewport: Viewport = { colorScheme: 'light dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  const body = <body>{children}</body>;
  return <html lang="en">{clerkConfigured() ? <ClerkProvider dynamic>{body}</ClerkProvider> : body}</html>;
}
