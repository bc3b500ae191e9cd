/**
 * Whether Clerk handles sign-in, and where its Frontend API lives. Clerk is on
 * when both its keys are set (NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and
 * CLERK_SECRET_KEY); otherwise the dev sign-in serves, outside production only.
 * Free of Node imports: the proxy bundle uses it. Values are read from the
 * server's environment per call, not inlined at build time.
 */
import { serverEnv } from './server-env';

export function clerkConfigured(env: Record<string, string | undefined> = serverEnv): boolean {
  return Boolean(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && env.CLERK_SECRET_KEY);
}

/**
 * The instance's Frontend API origin, which the publishable key carries:
 * `pk_live_` + base64("clerk.example.com$"). Undefined for a malformed key.
 */
export function clerkFrontendApi(publishableKey: string | undefined): string | undefined {
  const encoded = /^pk_(?:test|live)_(.+)$/.exec(publishableKey ?? '')?.[1];
  if (!encoded) return undefined;
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return undefined;
  }
  const host = decoded.endsWith('$') ? decoded.slice(0, -1) : '';
  return /^[a-z0-9.-]+$/i.test(host) ? `https://${host}` : undefined;
}
