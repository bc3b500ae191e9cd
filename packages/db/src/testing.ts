/**
 * Test support for packages that need the real database: the URLs that
 * `npm test` prepared, and a database handle whose log lines can be read.
 * Never imported by app code.
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { createDatabase, type Database, type DatabaseSettings } from './client';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this suite through \`npm test\`, which starts PostgreSQL and migrates it.`);
  }
  return value;
}

/** The app role's URL (subject to RLS). */
export const testDatabaseUrl = () => required('DATABASE_URL');

/** A superuser URL for the same server, for tests that must look past RLS. */
export const testSuperuserUrl = () => required('AKOUNT_TEST_SUPERUSER_URL');

export interface CapturedLog {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function createTestDatabase(overrides: Partial<Omit<DatabaseSettings, 'logger'>> = {}): { database: Database; logs: CapturedLog[] } {
  const logs: CapturedLog[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as CapturedLog);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const database = createDatabase({
    url: testDatabaseUrl(),
    poolSize: 4,
    slowQueryMs: 10_000,
    poolWaitWarnMs: 1_000,
    logger,
    ...overrides,
  });
  return { database, logs };
}

/** Forgets the shared rate-limit count of one key, so a test that spends a limit starts from zero. */
export async function clearRateLimitCount(key: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`DELETE FROM "akount_runtime"."rate_limit_hits" WHERE "key" = $1`, [key]);
  } finally {
    await client.end();
  }
}
