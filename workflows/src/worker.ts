/**
 * The Temporal worker process: registers the workflows and activities on
 * the task queue, answers a small health endpoint, reports failures to
 * Sentry, and on SIGTERM stops polling and lets running activities finish
 * (up to the grace period) before closing the database.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createDocumentActivities, ping } from '@akount/activities';
import { ConfigError } from '@akount/config';
import { createLogger } from '@akount/logger';
import { NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { createWorkerResources } from './activity-deps';
import { loadWorkerConfig } from './config';
import { activityFailureInterceptor, errorSinks, type ReportFailure } from './observability/errors';
import { flushSentry, initWorkerSentry, reportToSentry } from './observability/sentry';

let config;
try {
  config = loadWorkerConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
const { TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl } = config;
if (!temporalAddress || !databaseUrl) {
  const missing = [temporalAddress ? '' : 'TEMPORAL_ADDRESS', databaseUrl ? '' : 'DATABASE_URL'].filter(Boolean).join(' and ');
  process.stderr.write(`${missing} not set. \`npm start\` starts the servers the worker needs and sets them.\n`);
  process.exit(1);
}

const logger = createLogger({
  name: 'worker',
  level: config.LOG_LEVEL,
  pretty: config.LOG_PRETTY,
  logtail: config.LOGTAIL_SOURCE_TOKEN ? { sourceToken: config.LOGTAIL_SOURCE_TOKEN, endpoint: config.LOGTAIL_ENDPOINT } : undefined,
});
Runtime.install({
  logger: {
    log: (level, message, meta) =>
      logger[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error')](meta ?? {}, message),
    trace: (message, meta) => logger.trace(meta ?? {}, message),
    debug: (message, meta) => logger.debug(meta ?? {}, message),
    info: (message, meta) => logger.info(meta ?? {}, message),
    warn: (message, meta) => logger.warn(meta ?? {}, message),
    error: (message, meta) => logger.error(meta ?? {}, message),
  },
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  shutdownSignals: [],
});

let report: ReportFailure = ({ error, ...ids }) => logger.error({ err: error, ...ids }, 'scan failure');
if (config.SENTRY_DSN) {
  initWorkerSentry({ dsn: config.SENTRY_DSN, environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV });
  const log = report;
  report = (failure) => {
    log(failure);
    reportToSentry(failure);
  };
}

const resources = createWorkerResources(config, logger, databaseUrl);
const connection = await NativeConnection.connect({ address: temporalAddress });
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./index.ts', import.meta.url)),
  activities: { ping, ...createDocumentActivities(resources.deps) },
  interceptors: {
    activity: [activityFailureInterceptor(report)],
    workflowModules: [fileURLToPath(new URL('./observability/workflow-interceptors.ts', import.meta.url))],
  },
  sinks: errorSinks(report),
  maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  shutdownGraceTime: `${config.WORKER_SHUTDOWN_GRACE_SECONDS} seconds`,
});

const health = createServer((request, response) => {
  const state = worker.getState();
  const ok = request.url === '/health' && state === 'RUNNING';
  response.writeHead(ok ? 200 : request.url === '/health' ? 503 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', service: 'worker', state, taskQueue: config.TEMPORAL_TASK_QUEUE }));
});
health.listen(config.WORKER_HEALTH_PORT, config.WORKER_HEALTH_HOST);

function shutdown(signal: string) {
  logger.info({ signal }, 'worker stopping: no new tasks, finishing running activities');
  worker.shutdown();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));

logger.info(
  { taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE, healthPort: config.WORKER_HEALTH_PORT },
  'worker polling',
);
await worker.run();
health.close();
await connection.close();
await resources.close();
await flushSentry();
logger.info('worker stopped');
