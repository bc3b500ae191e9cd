/**
 * Session tokens in Clerk's format (RS256, `sub`/`sid`/`azp`/`iss`/`exp`),
 * signed by a test key and verified networklessly with CLERK_JWT_KEY; and the
 * Clerk webhook with svix signatures.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionVerifier, signClerkStyleToken } from '../src/auth/session-tokens';
import { createTenant, createTestApi, type TenantFixture, type TestApi } from './support';

const issuer = 'https://clerk.akount.example';
const webOrigin = 'https://app.akount.example';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const otherPrivatePem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const webhookSecret = `whsec_${Buffer.from('akount-test-webhook-secret-0123456789').toString('base64')}`;

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { sub: 'user_2abc', sid: 'sess_1', azp: webOrigin, iss: issuer, iat: now, nbf: now - 5, exp: now + 300, ...overrides };
}

describe('session token verification (networkless, CLERK_JWT_KEY)', () => {
  const verifier = createSessionVerifier({ jwtKey: publicPem, issuer, authorizedParties: [webOrigin] });

  it('accepts a valid token', async () => {
    await expect(verifier.verify(signClerkStyleToken(privatePem, claims()))).resolves.toEqual({
      clerkUserId: 'user_2abc',
      sessionId: 'sess_1',
    });
  });

  it.each([
    ['expired', signClerkStyleToken(privatePem, claims({ exp: Math.floor(Date.now() / 1000) - 120 }))],
    ['not yet valid', signClerkStyleToken(privatePem, claims({ nbf: Math.floor(Date.now() / 1000) + 600 }))],
    ['from another issuer', signClerkStyleToken(privatePem, claims({ iss: 'https://clerk.evil.example' }))],
    ['for another authorized party', signClerkStyleToken(privatePem, claims({ azp: 'https://evil.example' }))],
    ['signed by another key', signClerkStyleToken(otherPrivatePem, claims())],
    [
      'tampered',
      (() => {
        const [header, , signature] = signClerkStyleToken(privatePem, claims()).split('.');
        const forged = Buffer.from(JSON.stringify(claims({ sub: 'user_admin' }))).toString('base64url');
        return `${header}.${forged}.${signature}`;
      })(),
    ],
    ['not a JWT', 'definitely-not-a-token'],
  ])('rejects a token that is %s', async (_label, token) => {
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', httpStatus: 401 });
  });
});

describe('the API with Clerk keys', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await createTestApi({
      CLERK_JWT_KEY: publicPem,
      CLERK_ISSUER: issuer,
      CORS_ORIGINS: webOrigin,
      CLERK_WEBHOOK_SECRET: webhookSecret,
    });
    t = await createTenant(api.database, 'Clerk');
  });

  afterAll(async () => {
    await api.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('accepts a Clerk session token for a known user and scopes the request to their tenant', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/system/me',
      headers: bearer(signClerkStyleToken(privatePem, claims({ sub: t.owner }))),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ tenant: { id: t.tenantId }, role: 'OWNER' });
  });

  it('answers 401 for an expired token, a wrong azp, and a valid token of an unknown user', async () => {
    for (const token of [
      signClerkStyleToken(privatePem, claims({ sub: t.owner, exp: Math.floor(Date.now() / 1000) - 60 })),
      signClerkStyleToken(privatePem, claims({ sub: t.owner, azp: 'http://localhost:3000' })),
      signClerkStyleToken(privatePem, claims({ sub: 'user_nobody' })),
    ]) {
      const response = await api.app.inject({ method: 'GET', url: '/api/system/me', headers: bearer(token) });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('turns off the dev sign-in when Clerk keys are set', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/api/auth/dev/users' })).statusCode).toBe(404);
  });

  function signedWebhook(body: unknown) {
    const payload = JSON.stringify(body);
    const id = `msg_${randomUUID()}`;
    const timestamp = new Date();
    const signature = new Webhook(webhookSecret).sign(id, timestamp, payload);
    return {
      payload,
      headers: {
        'content-type': 'application/json',
        'svix-id': id,
        'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'svix-signature': signature,
      },
    };
  }

  it('creates a user with their own tenant from a signed user.created event, and they can sign in', async () => {
    const clerkId = `user_${randomUUID().slice(0, 8)}`;
    const event = signedWebhook({
      type: 'user.created',
      data: {
        id: clerkId,
        first_name: 'Nia',
        last_name: 'Reyes',
        primary_email_address_id: 'e1',
        email_addresses: [{ id: 'e1', email_address: 'nia@reyes.example' }],
      },
    });
    const response = await api.app.inject({ method: 'POST', url: '/api/webhooks/clerk', ...event });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ result: 'created' });
    const me = await api.app.inject({
      method: 'GET',
      url: '/api/system/me',
      headers: bearer(signClerkStyleToken(privatePem, claims({ sub: clerkId }))),
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { name: 'Nia Reyes', email: 'nia@reyes.example' },
      role: 'OWNER',
      tenant: { name: "Nia Reyes's business" },
    });
    expect(me.json().entities).toHaveLength(1);

    const replay = await api.app.inject({
      method: 'POST',
      url: '/api/webhooks/clerk',
      ...signedWebhook({ type: 'user.deleted', data: { id: clerkId } }),
    });
    expect(replay.json()).toEqual({ result: 'deleted' });
  });

  it('refuses an unsigned or tampered webhook with 401', async () => {
    const event = signedWebhook({ type: 'user.deleted', data: { id: t.owner } });
    const tampered = await api.app.inject({
      method: 'POST',
      url: '/api/webhooks/clerk',
      headers: event.headers,
      payload: event.payload.replace('deleted', 'created'),
    });
    expect(tampered.statusCode).toBe(401);
    const unsigned = await api.app.inject({
      method: 'POST',
      url: '/api/webhooks/clerk',
      headers: { 'content-type': 'application/json' },
      payload: event.payload,
    });
    expect(unsigned.statusCode).toBe(401);
  });
});
