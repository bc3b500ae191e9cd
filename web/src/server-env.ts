/**
 * The server's environment, read per request. Written as `process.env.NEXT_PUBLIC_…` a value is
 * frozen into the build instead, and one build could not serve a deployment with other URLs or
 * keys (or the test ports). Free of Node imports: the proxy bundle uses it.
 */
export const serverEnv: Record<string, string | undefined> = process.env;
