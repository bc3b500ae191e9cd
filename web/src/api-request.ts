/**
 * One request from the web server to the API: the internal API URL, never
 * cached, with a timeout. Server-only. Callers decide what a failure means.
 */
import 'server-only';
import { webConfig } from './config';

export function apiRequest(path: string, init: RequestInit = {}, timeoutMs = 5_000): Promise<Response> {
  return fetch(new URL(path, webConfig().API_INTERNAL_URL), { ...init, cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
}
