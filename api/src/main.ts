/**
 * Starts the API: config, database (refusing a role that skips RLS), the
 * Temporal client, then the HTTP listener. SIGTERM/SIGINT stop accepting,
 * let in-flight requests finish, and close the database and Temporal.
 */
import { ConfigError } from '@akount/config';
import { createDatabase } from '@akount/db';
import { createLogger } from '@akount/logger';
import { createDevSigner } from './auth/session-tokens';
import { buildApp, devSignInAllowed } from './app';
import { loadApiConfig } from './config';
import { flushSentry, initSentry, reportToSentry } from './observability/sentry';
import { createTemporalClient } from './temporal';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadApiConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
if (!config.DATABASE_URL) {
  fail('DATABASE_URL is not set. `npm start` starts an embedded PostgreSQL and sets it; to run the API alone, set DATABASE_URL.');
}
if (!config.TEMPORAL_ADDRESS) {
  fail('TEMPORAL_ADDRESS is not set. `npm start` starts a Temporal dev server and sets it; to run the API alone, set TEMPORAL_ADDRESS.');
}

const logger = createLogger({
  name: 'api',
  level: config.LOG_LEVEL,
  pretty: config.LOG_PRETTY,
  logtail: config.LOGTAIL_SOURCE_TOKEN ? { sourceToken: config.LOGTAIL_SOURCE_TOKEN, endpoint: config.LOGTAIL_ENDPOINT } : undefined,
});
if (config.SENTRY_DSN) initSentry({ dsn: config.SENTRY_DSN, environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV });
const database = createDatabase({
  url: config.DATABASE_URL,
  poolSize: config.DATABASE_POOL_SIZE,
  slowQueryMs: config.DATABASE_SLOW_QUERY_MS,
  poolWaitWarnMs: config.DATABASE_POOL_WAIT_WARN_MS,
  logger,
});
await database.assertRowLevelSecurity();
const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
const useDevSignIn = devSignInAllowed(config);
if (useDevSignIn) logger.warn('no Clerk keys: the local dev sign-in is on (demo users only; never in production)');
const app = await buildApp({
  config,
  logger,
  database,
  temporal,
  devSigner: useDevSignIn ? createDevSigner() : undefined,
  reportError: config.SENTRY_DSN ? reportToSentry : undefined,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'api stopping: draining requests');
  await app.close();
  await Promise.allSettled([database.close(), temporal.close(), flushSentry()]);
  logger.info('api stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.API_HOST, port: config.API_PORT });
logger.info({ port: config.API_PORT, env: config.NODE_ENV }, 'api listening');
