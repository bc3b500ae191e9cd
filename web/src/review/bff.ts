/**
 * The browser's calls to the document API through the same-origin proxy (/bff/documents/*): JSON
 * in and out, and the API's own error message kept, so the page shows the server's reason for a
 * 409 (wrong state) or a 422 (edits refused) instead of a generic failure.
 */
export class BffError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BffError';
  }
}

interface ErrorBody {
  error?: { message?: string; details?: { path?: string; message?: string }[] };
}

function messageOf(status: number, body: ErrorBody | undefined): string {
  const error = body?.error;
  if (!error?.message) return `The server answered ${status}; try again in a moment.`;
  const details = (error.details ?? []).map((detail) => [detail.path, detail.message].filter(Boolean).join(': ')).filter(Boolean);
  return details.length > 0 ? `${error.message} (${details.join('; ')})` : error.message;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/bff/documents/${path}`, { cache: 'no-store', ...init });
  } catch {
    throw new BffError(0, 'Akount cannot be reached; check your connection and try again.');
  }
  if (!response.ok) throw new BffError(response.status, messageOf(response.status, await response.json().catch(() => undefined)));
  return (await response.json()) as T;
}

export const bffGet = <T>(path: string) => call<T>(path);

export const bffPost = <T>(path: string, body: unknown = {}) =>
  call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * The local storage driver's links point at the API's download route; the browser fetches them
 * through the same-origin proxy (same token) so the page's CSP allows them. Other links (object
 * storage) are used as they are.
 */
export function sameOriginFileUrl(url: string): string {
  const parsed = new URL(url, window.location.origin);
  if (parsed.pathname !== '/api/services/documents/download') return url;
  const token = parsed.searchParams.get('token') ?? '';
  return `/bff/documents/download?${new URLSearchParams({ token })}`;
}
