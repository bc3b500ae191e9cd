/** Pool size from config, and the warnings that make pool pressure and slow queries visible. */
import { describe, expect, it } from 'vitest';
import { poolTarget } from '../src/index';
import { createTestDatabase } from '../src/testing';
import { demoTenants } from '../src/demo';

describe('pool size', () => {
  it('takes connection_limit from the URL over the configured size, and strips it', () => {
    const target = poolTarget('postgresql://u:p@db:5432/app?connection_limit=7&sslmode=require', 3);
    expect(target.max).toBe(7);
    expect(target.connectionString).not.toContain('connection_limit');
    expect(target.connectionString).toContain('sslmode=require');
    expect(poolTarget('postgresql://u:p@db:5432/app', 3).max).toBe(3);
  });

  it('never opens more connections than the pool size', async () => {
    const { database } = createTestDatabase({ poolSize: 2, poolWaitWarnMs: 10_000 });
    try {
      const db = database.forTenant(demoTenants[0]!.tenantId);
      await Promise.all(Array.from({ length: 8 }, () => db.$executeRaw`SELECT pg_sleep(0.05)`));
      expect(database.poolStats().max).toBe(2);
      expect(database.poolStats().total).toBeLessThanOrEqual(2);
    } finally {
      await database.close();
    }
  });
});

describe('log warnings', () => {
  it('warns when a query has to wait for a free connection', async () => {
    const { database, logs } = createTestDatabase({ poolSize: 1, poolWaitWarnMs: 20 });
    try {
      const db = database.forTenant(demoTenants[0]!.tenantId);
      await Promise.all([db.$executeRaw`SELECT pg_sleep(0.2)`, db.$executeRaw`SELECT pg_sleep(0.01)`]);
      const warning = logs.find((line) => line.msg.includes('pool exhausted'));
      expect(warning).toBeDefined();
      expect(warning?.poolMax).toBe(1);
      expect(Number(warning?.longestWaitMs)).toBeGreaterThanOrEqual(20);
      expect(logs.filter((line) => line.msg.includes('pool exhausted'))).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it('warns about slow queries without logging their parameters', async () => {
    const { database, logs } = createTestDatabase({ slowQueryMs: 50 });
    try {
      const secret = 'do-not-log-this-value';
      await database.forTenant(demoTenants[0]!.tenantId).$queryRaw`SELECT pg_sleep(0.1)::text AS slept, ${secret}::text AS marker`;
      const warning = logs.find((line) => line.msg === 'slow query');
      expect(warning).toBeDefined();
      expect(Number(warning?.durationMs)).toBeGreaterThanOrEqual(50);
      expect(JSON.stringify(logs)).not.toContain(secret);
    } finally {
      await database.close();
    }
  });
});
