// The bootstrap shared by `npm start` and `npm test`: dependencies, the
// Prisma client, PostgreSQL (migrated, seeded), Temporal, and for tests the
// time-skipping server. Returns the environment the app processes need and a
// stop() that shuts down everything it started, in reverse order.
import { mkdirSync } from 'node:fs';
import { ensureNodeVersion, ensureNpmDependencies, ensurePrismaClient } from './dependencies.mjs';
import { say } from './log.mjs';
import { profile } from './paths.mjs';
import { startPostgres } from './postgres.mjs';
import { startTemporal } from './temporal.mjs';
import { resolveTestServer } from './test-server.mjs';

/** Runs the db package's TypeScript (migrate, seed) in this process through tsx. */
async function migrateAndSeed(databaseUrl) {
  const { tsImport } = await import('tsx/esm/api');
  const db = await tsImport('../../packages/db/src/index.ts', import.meta.url);
  const { createLogger } = await tsImport('../../packages/logger/src/index.ts', import.meta.url);
  const migrated = await db.migrate(databaseUrl);
  if (migrated.applied.length > 0) say(`PostgreSQL: applied ${migrated.applied.length} migration(s): ${migrated.applied.join(', ')}`);
  const logger = createLogger({ name: 'seed', level: 'warn', pretty: false });
  const database = db.createDatabase({ url: databaseUrl, poolSize: 2, slowQueryMs: 10_000, poolWaitWarnMs: 10_000, logger });
  try {
    const seeded = await db.seedDemoTenants(database);
    if (seeded.created.length > 0) say(`PostgreSQL: seeded demo tenants ${seeded.created.join(' and ')}`);
    return db.demoTenants;
  } finally {
    await database.close();
  }
}

/**
 * @param {'dev' | 'test'} profileName
 * @param {NodeJS.ProcessEnv} [env]
 */
export async function bootstrap(profileName, env = process.env) {
  ensureNodeVersion();
  ensureNpmDependencies();
  ensurePrismaClient();

  const where = profile(profileName, env);
  mkdirSync(where.storageDir, { recursive: true });
  const stops = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((error) => say(`stop failed: ${error.message}`));
  };

  try {
    const isTest = profileName === 'test';
    const postgres = await startPostgres(where, { externalUrl: isTest ? env.TEST_DATABASE_URL : env.DATABASE_URL, fresh: isTest });
    stops.push(postgres.stop);
    const demoTenants = await migrateAndSeed(postgres.url);

    const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
    const temporal = await startTemporal(where, {
      externalAddress: isTest ? env.TEST_TEMPORAL_ADDRESS : env.TEMPORAL_ADDRESS,
      namespace,
      ui: !isTest,
      env,
    });
    stops.push(temporal.stop);

    const appEnv = {
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: namespace,
      STORAGE_LOCAL_DIR: where.storageDir,
    };
    if (isTest) {
      if (postgres.superuserUrl) appEnv.AKOUNT_TEST_SUPERUSER_URL = postgres.superuserUrl;
      if (temporal.cliPath) appEnv.AKOUNT_TEMPORAL_CLI_PATH = temporal.cliPath;
      const testServer = await resolveTestServer(env);
      if (testServer) appEnv.TEMPORAL_TEST_SERVER_PATH = testServer;
    }
    return { env: appEnv, where, temporalUiUrl: temporal.uiUrl, demoTenants, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
