/** Clerk's switch and the Frontend API origin its publishable key carries, as the proxy's CSP uses them. */
import { describe, expect, it } from 'vitest';
import { clerkConfigured, clerkFrontendApi } from './clerk';
import { contentSecurityPolicy } from './security-headers';

const key = (host: string, kind = 'live') => `pk_${kind}_${Buffer.from(`${host}$`).toString('base64')}`;

describe('clerk', () => {
  it('is on only when both keys are set', () => {
    expect(clerkConfigured({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: key('clerk.akount.app'), CLERK_SECRET_KEY: 'sk_live_x' })).toBe(true);
    expect(clerkConfigured({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: key('clerk.akount.app') })).toBe(false);
    expect(clerkConfigured({ CLERK_SECRET_KEY: 'sk_live_x' })).toBe(false);
  });

  it('reads the Frontend API origin from a publishable key, and nothing from a malformed one', () => {
    expect(clerkFrontendApi(key('clerk.akount.app'))).toBe('https://clerk.akount.app');
    expect(clerkFrontendApi(key('happy-otter-12.clerk.accounts.dev', 'test'))).toBe('https://happy-otter-12.clerk.accounts.dev');
    expect(clerkFrontendApi(`pk_live_${Buffer.from('evil.example/"><script>$').toString('base64')}`)).toBeUndefined();
    expect(clerkFrontendApi('pk_live_%%%')).toBeUndefined();
    expect(clerkFrontendApi(undefined)).toBeUndefined();
  });

  it('opens the CSP to Clerk only when it is on', () => {
    const withClerk = contentSecurityPolicy({
      nonce: 'n',
      development: false,
      connect: ['https://clerk.akount.app'],
      images: [],
      clerk: 'https://clerk.akount.app',
    });
    expect(withClerk).toContain("img-src 'self' data: blob: https://img.clerk.com");
    expect(withClerk).toContain("frame-src 'self' https://challenges.cloudflare.com");
    const without = contentSecurityPolicy({ nonce: 'n', development: false, connect: [], images: [] });
    expect(without).not.toContain('clerk');
    expect(without).not.toContain('frame-src');
  });
});
