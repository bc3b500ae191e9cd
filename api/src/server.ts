/**
 * One API process: logger, database (refusing a role that skips RLS), the
 * Temporal client and the document storage, then the HTTP listener. SIGTERM/SIGINT stop accepting,
 * let in-flight requests finish, and close the database and Temporal. Runs
 * alone (API_INSTANCES=1) or as one of a cluster's workers, which share the
 * port; then its log lines carry the instance and pid.
 */
import cluster from 'node:cluster';
import { createDatabase } from '@akount/db';
import { createLogger, type Logger } from '@akount/logger';
import { loadOrCreateDevSigningKey } from './auth/dev-signing-key';
import { createDevSigner } from './auth/session-tokens';
import { buildApp, devSignInAllowed } from './app';
import type { ApiConfig } from './config';
import { temporalScanStarter } from './domains/services/document-scans';
import { createStorage } from '@akount/activities/storage';
import { flushSentry, initSentry, reportToSentry } from './observability/sentry';
import { createTemporalClient } from './temporal';

export function apiLogger(config: ApiConfig): Logger {
  return createLogger({
    name: 'api',
    level: config.LOG_LEVEL,
    pretty: config.LOG_PRETTY,
    logtail: config.LOGTAIL_SOURCE_TOKEN ? { sourceToken: config.LOGTAIL_SOURCE_TOKEN, endpoint: config.LOGTAIL_ENDPOINT } : undefined,
  });
}

export async function serve(config: ApiConfig & { DATABASE_URL: string; TEMPORAL_ADDRESS: string }): Promise<void> {
  const root = apiLogger(config);
  const logger = cluster.worker ? root.child({ instance: cluster.worker.id, pid: process.pid }) : root;
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
    storage: createStorage(config),
    documentScans: temporalScanStarter(temporal.client, config.TEMPORAL_TASK_QUEUE),
    devSigner: useDevSignIn ? createDevSigner(loadOrCreateDevSigningKey(config.DEV_SIGN_IN_KEY_FILE)) : undefined,
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
  // PM2's wait_ready convention; a supervisor that spawned us with an IPC channel learns we listen.
  if (!cluster.worker) process.send?.('ready');
}
