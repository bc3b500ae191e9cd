/** Sentry: a local receiver stands in for sentry.io and sees the envelope of a thrown error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryReceiver, type SentryReceiver } from '../../test/support/sentry-receiver';
import { flushSentry, initSentry, reportToSentry } from '../src/observability/sentry';
import { createTenant, createTestApi, type TenantFixture, type TestApi } from './support';

let receiver: SentryReceiver;
let api: TestApi;
let t: TenantFixture;

beforeAll(async () => {
  receiver = await startSentryReceiver(42);
  initSentry({ dsn: receiver.dsn, environment: 'test' });
  api = await createTestApi();
  t = await createTenant(api.database, 'Sentry');
});

afterAll(async () => {
  await api.close();
  await receiver.close();
});

describe('Sentry', () => {
  it('receives the error with the request id, tenant and user, and no Authorization header', async () => {
    // An app wired the way main.ts wires it, with a route that throws inside the tenant scope.
    const { buildApp } = await import('../src/app');
    const { loadApiConfig } = await import('../src/config');
    const { createTemporalClient } = await import('../src/temporal');
    const { createDevSigner } = await import('../src/auth/session-tokens');
    const { pino } = await import('pino');
    const devSigner = createDevSigner();
    const config = loadApiConfig({ DATABASE_URL: process.env.DATABASE_URL, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS });
    const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS ?? '', namespace: 'default' });
    const app = await buildApp({
      config,
      logger: pino({ level: 'silent' }),
      database: api.database,
      temporal,
      devSigner,
      reportError: reportToSentry,
    });
    app.register(async (scope) => {
      scope.addHook('onRequest', async (request) => {
        request.auth = {
          tenantId: t.tenantId,
          userId: 'user-for-sentry',
          clerkUserId: t.owner,
          role: 'OWNER',
          db: api.database.forTenant(t.tenantId),
          require: () => undefined,
        };
      });
      scope.get('/api/test/explode', async () => {
        throw new Error('ledger exploded');
      });
    });
    const token = devSigner.sign(t.owner, 'http://localhost:3000');
    const response = await app.inject({
      method: 'GET',
      url: '/api/test/explode',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-sentry-1', cookie: 'akount_session=secret-cookie' },
    });
    expect(response.statusCode).toBe(500);
    await flushSentry(5000);
    await app.close();
    await temporal.close();

    const { envelopes } = receiver;
    const events = envelopes.filter((item) => item.body.includes('ledger exploded'));
    expect(events).toHaveLength(1);
    const envelope = events[0];
    expect(envelope, `envelopes received: ${envelopes.length}`).toBeDefined();
    expect(envelope?.url).toContain('/api/42/envelope/');
    expect(envelope?.body).toContain('req-sentry-1');
    expect(envelope?.body).toContain(t.tenantId);
    expect(envelope?.body).toContain('user-for-sentry');
    expect(envelope?.body).not.toContain(token);
    expect(envelope?.body).not.toContain('secret-cookie');
  });
});
