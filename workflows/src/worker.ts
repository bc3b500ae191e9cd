/**
 * The Temporal worker process: registers the workflows and activities on
 * the task queue, answers a small health endpoint, and on SIGTERM stops
 * polling and lets running activities finish (up to the grace period).
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as activities from '@akount/activities';
import { ConfigError } from '@akount/config';
import { createLogger } from '@akount/logger';
import { NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { loadWorkerConfig } from './config';

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
if (!config.TEMPORAL_ADDRESS) {
  process.stderr.write('TEMPORAL_ADDRESS is not set. `npm start` starts a Temporal dev server and sets it.\n');
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

const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./index.ts', import.meta.url)),
  activities,
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
logger.info('worker stopped');
