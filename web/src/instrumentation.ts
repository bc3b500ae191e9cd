/**
 * Runs once when a Next.js server starts: parses the configuration so a
 * misconfigured deploy refuses to serve, naming every bad variable, instead
 * of failing on its first request. Not run by `next build`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { webConfig } = await import('./config');
  webConfig();
}
