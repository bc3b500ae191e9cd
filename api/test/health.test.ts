/** Liveness, readiness with real dependency checks, and the dev sign-in's demo users. */
import { demoTenants } from '@akount/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './support';

let api: TestApi;
let downTemporal: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  downTemporal = await createTestApi({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
});

afterAll(async () => {
  await Promise.all([api.close(), downTemporal.close()]);
});

describe('health', () => {
  it('answers liveness', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', service: 'api' });
  });

  it('is ready when PostgreSQL and Temporal answer, with a latency for each', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ready');
    expect(body.checks.database).toMatchObject({ status: 'up', required: true });
    expect(body.checks.temporal).toMatchObject({ status: 'up', required: true });
    expect(typeof body.checks.database.latencyMs).toBe('number');
  });

  it('answers 503 naming the dependency that is down', async () => {
    const response = await downTemporal.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.status).toBe('not_ready');
    expect(body.checks.database.status).toBe('up');
    expect(body.checks.temporal.status).toBe('down');
    expect(body.checks.temporal.error).toBeTruthy();
  });
});

describe('dev sign-in', () => {
  it('lists each demo user with their own tenant', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/auth/dev/users' });
    expect(response.statusCode).toBe(200);
    const { users } = response.json() as { users: { clerkUserId: string; tenantId: string; tenantName: string }[] };
    expect(users).toHaveLength(demoTenants.length);
    for (const demo of demoTenants) {
      expect(users).toContainEqual(
        expect.objectContaining({ clerkUserId: demo.user.clerkUserId, tenantId: demo.tenantId, tenantName: demo.tenantName }),
      );
    }
  });

  it('issues a token that the API accepts, scoped to the demo user tenant', async () => {
    const [ava] = demoTenants;
    const signIn = await api.app.inject({ method: 'POST', url: '/api/auth/dev/sign-in', payload: { clerkUserId: ava!.user.clerkUserId } });
    expect(signIn.statusCode).toBe(200);
    const me = await api.app.inject({ method: 'GET', url: '/api/system/me', headers: { authorization: `Bearer ${signIn.json().token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: ava!.user.email }, tenant: { id: ava!.tenantId }, role: 'OWNER' });
  });

  it('refuses users that are not demo users', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/api/auth/dev/sign-in', payload: { clerkUserId: 'user_attacker' } });
    expect(response.statusCode).toBe(404);
  });

  it('does not exist in production', async () => {
    const production = await createTestApi({
      NODE_ENV: 'production',
      CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----',
      CLERK_SECRET_KEY: 'sk_test_x',
      CLERK_PUBLISHABLE_KEY: 'pk_test_x',
      CORS_ORIGINS: 'https://app.akount.example',
      STORAGE_DRIVER: 's3',
      SPACES_ENDPOINT: 'https://nyc3.digitaloceanspaces.com',
      SPACES_BUCKET: 'b',
      SPACES_KEY: 'k',
      SPACES_SECRET: 's',
      CLAMAV_HOST: '127.0.0.1',
      SENTRY_DSN: 'https://k@o1.ingest.sentry.io/1',
    });
    try {
      for (const request of [
        { method: 'GET' as const, url: '/api/auth/dev/users' },
        { method: 'POST' as const, url: '/api/auth/dev/sign-in', payload: { clerkUserId: 'dev_ava' } },
      ]) {
        expect((await production.app.inject(request)).statusCode).toBe(404);
      }
    } finally {
      await production.close();
    }
  });
});
