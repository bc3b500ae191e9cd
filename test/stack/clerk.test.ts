/**
 * The web app with Clerk configured (production build, real API), offline:
 * both verify Clerk session tokens networklessly with CLERK_JWT_KEY, so a
 * token signed here by a test key in Clerk's format stands in for one from
 * Clerk's servers. Signed-out visitors are sent to Clerk's sign-in, the dev
 * sign-in is gone, and a Clerk session reaches the user's own data through
 * the pages and the document proxy.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signClerkStyleToken } from '../../api/src/auth/session-tokens';
import { launchApps, requiredEnv, type LaunchedApps } from '../support/app-processes';

const ports = { apiPort: 3131, webPort: 3130, workerHealthPort: 3132, web: 'start' as const };
const web = `http://127.0.0.1:${ports.webPort}`;
const webOrigin = `http://localhost:${ports.webPort}`;
const frontendApi = 'clerk.akount.test';
const publishableKey = `pk_live_${Buffer.from(`${frontendApi}$`).toString('base64')}`;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let apps: LaunchedApps | undefined;

beforeAll(async () => {
  const env = {
    DATABASE_URL: requiredEnv('DATABASE_URL'),
    TEMPORAL_ADDRESS: requiredEnv('TEMPORAL_ADDRESS'),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: publishableKey,
    CLERK_PUBLISHABLE_KEY: publishableKey,
    CLERK_SECRET_KEY: 'sk_live_akount_offline_test',
    CLERK_JWT_KEY: publicPem,
    CLERK_ISSUER: `https://${frontendApi}`,
  };
  apps = launchApps(ports, env, ['api', 'web']);
  await apps.ready(120_000);
});

afterAll(async () => {
  await apps?.stop();
});

/** The cookies Clerk's browser SDK keeps for a signed-in user of the demo tenant's owner. */
function clerkCookies(clerkUserId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const token = signClerkStyleToken(privatePem, {
    sub: clerkUserId,
    sid: 'sess_offline_test',
    azp: webOrigin,
    iss: `https://${frontendApi}`,
    iat: now,
    nbf: now - 5,
    exp: now + 300,
  });
  return `__session=${token}; __client_uat=${now - 10}`;
}

describe('web with Clerk configured', () => {
  it('sends signed-out visitors to sign-in, which offers Clerk instead of the demo users', async () => {
    const home = await fetch(`${web}/overview`, { redirect: 'manual' });
    expect([302, 303, 307, 308]).toContain(home.status);
    expect(home.headers.get('location')).toContain('/sign-in');
    const signIn = await fetch(`${web}/sign-in`);
    expect(signIn.status).toBe(200);
    const html = await signIn.text();
    expect(html).not.toContain('Ava Martin');
    expect(html).not.toContain('Sign-in is not configured');
    const csp = signIn.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' http://localhost:${ports.apiPort} https://${frontendApi}`);
    expect(csp).toContain('frame-src');
  });

  it('a Clerk session opens the signed-in pages with that user’s own tenant', async () => {
    const overview = await fetch(`${web}/overview`, { headers: { cookie: clerkCookies('dev_ava') }, redirect: 'manual' });
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain('Maple Studio');
    expect(html).not.toContain('Harbor Bakery');
  });

  it('the document proxy turns the Clerk session into the bearer token', async () => {
    const listed = await fetch(`${web}/bff/documents?limit=1`, { headers: { cookie: clerkCookies('dev_ben') } });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ items: expect.any(Array) });
    const anonymous = await fetch(`${web}/bff/documents?limit=1`, { redirect: 'manual' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('a token signed by another key is not a session', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const now = Math.floor(Date.now() / 1000);
    const forged = signClerkStyleToken(stranger, {
      sub: 'dev_ava',
      sid: 'sess_x',
      azp: webOrigin,
      iss: `https://${frontendApi}`,
      iat: now,
      nbf: now - 5,
      exp: now + 300,
    });
    const overview = await fetch(`${web}/overview`, {
      headers: { cookie: `__session=${forged}; __client_uat=${now - 10}` },
      redirect: 'manual',
    });
    expect(overview.status).not.toBe(200);
    expect(await overview.text()).not.toContain('Maple Studio');
  });
});
