/**
 * The signed-in user of the current request: the session token (Clerk's, or
 * the dev sign-in cookie's), sent to the API's /api/system/me, which verifies it and answers
 * with the user, tenant and role. Server-only. The API decides; the web
 * never trusts the cookie's content by itself.
 */
import 'server-only';
import { cache } from 'react';
import { apiRequest } from './api-request';
import { webConfig } from './config';
import { sessionToken } from './session-token';

export interface SessionUser {
  name: string;
  email: string;
  tenantId: string;
  tenantName: string;
  role: string;
  entities: { id: string; name: string; functionalCurrency: string }[];
}

export type Session =
  | { status: 'signed-in'; user: SessionUser; token: string }
  /** No session token. */
  | { status: 'signed-out' }
  /** The API rejected the token (expired, or the API restarted with a new dev key). */
  | { status: 'unknown-user' }
  /** The API could not be asked; nothing can be decided. */
  | { status: 'unavailable'; reason: string };

interface MeResponse {
  user: { name: string; email: string };
  tenant: { id: string; name: string };
  role: string;
  entities: SessionUser['entities'];
}

export const currentSession = cache(async (): Promise<Session> => {
  const token = await sessionToken();
  if (!token) return { status: 'signed-out' };
  const apiUrl = webConfig().API_INTERNAL_URL;
  let response: Response;
  try {
    response = await apiRequest('/api/system/me', { headers: { authorization: `Bearer ${token}` } });
  } catch {
    return { status: 'unavailable', reason: `The API is not reachable at ${apiUrl}.` };
  }
  if (response.status === 401 || response.status === 404) return { status: 'unknown-user' };
  if (!response.ok) return { status: 'unavailable', reason: `The API answered ${response.status} at ${apiUrl}/api/system/me.` };
  const me = (await response.json()) as MeResponse;
  return {
    status: 'signed-in',
    token,
    user: {
      name: me.user.name,
      email: me.user.email,
      tenantId: me.tenant.id,
      tenantName: me.tenant.name,
      role: me.role,
      entities: me.entities,
    },
  };
});
