/**
 * Server-side calls to the Akount API as the signed-in user: the session's
 * bearer token, the internal API URL, JSON in and out. Server-only; the
 * browser never sees the token. Errors keep the API's status and message.
 */
import 'server-only';
import { apiRequest } from './api-request';
import { currentSession } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | undefined | null>;

export async function apiGet<T>(path: string, query: Query = {}): Promise<T> {
  const session = await currentSession();
  if (session.status !== 'signed-in') throw new ApiError(401, 'Not signed in');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const response = await apiRequest(
    params.size > 0 ? `${path}?${params}` : path,
    { headers: { authorization: `Bearer ${session.token}`, 'x-tenant-id': session.user.tenantId } },
    10_000,
  );
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new ApiError(response.status, body?.error?.message ?? `The API answered ${response.status}`);
  }
  return (await response.json()) as T;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
