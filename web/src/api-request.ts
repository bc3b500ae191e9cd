/**
 * One request from the web server to the API: the internal API URL, never
 * cached, with a timeout. Server-only. Callers decide what a failure means.
 * The visitor's address (X-Forwarded-For, as Nginx set it) and request id go
 * along, so the API's per-IP rate limit and its logs see the visitor, not
 * this server: every browser's traffic would otherwise share one 127.0.0.1
 * bucket. The API believes them only from proxies in API_TRUST_PROXY.
 */
import 'server-only';
import { headers } from 'next/headers';
import { webConfig } from './config';

const passedOn = ['x-forwarded-for', 'x-request-id'];

/** The incoming request's headers the API should see too. */
export function forwardedHeaders(incoming: Headers): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const name of passedOn) {
    const value = incoming.get(name);
    if (value) forwarded[name] = value;
  }
  return forwarded;
}

export async function apiRequest(path: string, init: RequestInit = {}, timeoutMs = 5_000): Promise<Response> {
  const outgoing = new Headers(init.headers);
  for (const [name, value] of Object.entries(forwardedHeaders(await headers()))) outgoing.set(name, value);
  return fetch(new URL(path, webConfig().API_INTERNAL_URL), {
    ...init,
    headers: outgoing,
    cache: 'no-store',
    signal: AbortSignal.timeout(timeoutMs),
  });
}
