/** buildApp() against the real test database and Temporal dev server. */
import { createDatabase, demoTenants, type Database } from '@akount/db';
import { testDatabaseUrl } from '@akount/db/testing';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadApiConfig } from '../src/config';
import { createTemporalClient, type TemporalHandle } from '../src/temporal';

const logger = pino({ level: 'silent' });
let database: Database;
const handles: TemporalHandle[] = [];

async function appWith(env: Record<string, string>, temporalAddress = process.env.TEMPORAL_ADDRESS ?? ''): Promise<FastifyInstance> {
  const config = loadApiConfig({ DATABASE_URL: testDatabaseUrl(), TEMPORAL_ADDRESS: temporalAddress, ...env });
  const temporal = createTemporalClient({ address: temporalAddress, namespace: config.TEMPORAL_NAMESPACE });
  handles.push(temporal);
  return buildApp({ config, logger, database, temporal });
}

beforeAll(() => {
  database = createDatabase({ url: testDatabaseUrl(), poolSize: 2, slowQueryMs: 10_000, poolWaitWarnMs: 10_000, logger });
});

afterAll(async () => {
  await Promise.allSettled(handles.map((handle) => handle.close()));
  await database.close();
});

describe('health', () => {
  it('answers liveness', async () => {
    const app = await appWith({});
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', service: 'api' });
  });

  it('is ready when PostgreSQL and Temporal answer, with a latency for each', async () => {
    const app = await appWith({});
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ready');
    expect(body.checks.database).toMatchObject({ status: 'up', required: true });
    expect(body.checks.temporal).toMatchObject({ status: 'up', required: true });
    expect(typeof body.checks.database.latencyMs).toBe('number');
  });

  it('answers 503 naming the dependency that is down', async () => {
    const app = await appWith({}, '127.0.0.1:1');
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.status).toBe('not_ready');
    expect(body.checks.database.status).toBe('up');
    expect(body.checks.temporal.status).toBe('down');
    expect(body.checks.temporal.error).toBeTruthy();
  });
});

describe('dev sign-in users', () => {
  it('lists each demo user with their own tenant', async () => {
    const app = await appWith({});
    const response = await app.inject({ method: 'GET', url: '/api/auth/dev/users' });
    expect(response.statusCode).toBe(200);
    const { users } = response.json() as { users: { clerkUserId: string; tenantId: string; tenantName: string }[] };
    expect(users).toHaveLength(demoTenants.length);
    for (const demo of demoTenants) {
      expect(users).toContainEqual(
        expect.objectContaining({ clerkUserId: demo.user.clerkUserId, tenantId: demo.tenantId, tenantName: demo.tenantName }),
      );
    }
  });
});
