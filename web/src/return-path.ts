/**
 * Where to send a user after signing in. The proxy passes the page they asked
 * for as `?next=`; only a same-site path is honoured, never another origin.
 */
export const defaultReturnPath = '/overview';

export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return defaultReturnPath;
  // "//evil.example" and "/\evil.example" are protocol-relative URLs to browsers.
  if (value.startsWith('//') || value.startsWith('/\\')) return defaultReturnPath;
  if (value === '/sign-in' || value.startsWith('/sign-in?')) return defaultReturnPath;
  return value;
}
