/**
 * The demo users offered by the dev sign-in, as the API lists them
 * (GET /api/auth/dev/users, outside production only). Server-only. The API
 * may be down; callers get a result to render, never an exception.
 */
import 'server-only';
import { cache } from 'react';
import { apiRequest } from './api-request';
import { clerkConfigured } from './clerk';
import { webConfig } from './config';

export interface DemoUser {
  clerkUserId: string;
  name: string;
  email: string;
  tenantId: string;
  tenantName: string;
  role: string;
}

export type DemoUsersResult = { ok: true; users: DemoUser[] } | { ok: false; reason: string };

/** The dev sign-in exists outside production only, and only while Clerk is not configured (as in the API). */
export function devSignInEnabled(): boolean {
  return webConfig().NODE_ENV !== 'production' && !clerkConfigured();
}

const timeoutMs = 5_000;

function isDemoUser(value: unknown): value is DemoUser {
  if (typeof value !== 'object' || value === null) return false;
  const fields = ['clerkUserId', 'name', 'email', 'tenantId', 'tenantName', 'role'] as const;
  return fields.every((field) => typeof (value as Record<string, unknown>)[field] === 'string');
}

function parseDemoUsers(body: unknown): DemoUser[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const users = (body as { users?: unknown }).users;
  return Array.isArray(users) && users.every(isDemoUser) ? users : undefined;
}

/** Fetched at most once per request (React `cache`), never stored across requests. */
export const fetchDemoUsers = cache(async (): Promise<DemoUsersResult> => {
  const apiUrl = webConfig().API_INTERNAL_URL;
  const demoUsersUrl = `${apiUrl}/api/auth/dev/users`;
  let response: Response;
  try {
    response = await apiRequest('/api/auth/dev/users', {}, timeoutMs);
  } catch {
    return { ok: false, reason: `The API is not reachable at ${apiUrl}.` };
  }
  if (!response.ok) return { ok: false, reason: `The API answered ${response.status} at ${demoUsersUrl}.` };
  const users = parseDemoUsers(await response.json().catch(() => undefined));
  if (!users) return { ok: false, reason: `The API at ${demoUsersUrl} answered with an unexpected shape.` };
  return { ok: true, users };
});
