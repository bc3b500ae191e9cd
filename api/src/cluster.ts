/**
 * The cluster primary for API_INSTANCES > 1: forks the API workers, which
 * share the listening port (node:cluster balances connections round-robin),
 * replaces a worker that dies, and on SIGTERM/SIGINT forwards the signal so
 * every worker drains, then exits when they have. It serves nothing and
 * opens no database connection: its only job is keeping the workers alive.
 * Everything the workers share lives outside them (rate-limit counts in
 * PostgreSQL, the dev sign-in key in its file); their caches are per process.
 */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { Logger } from '@akount/logger';

export interface PrimarySettings {
  instances: number;
  /** Per worker; logged with the total so the connection budget is visible at boot. */
  poolSize: number;
  logger: Logger;
  /** How long draining workers get after SIGTERM before they are killed. */
  shutdownGraceMs?: number;
  /** Pause before replacing a dead worker, so a crash loop does not spin. */
  restartDelayMs?: number;
}

/** Workers that die before listening this many times in a row mean a broken boot (bad database, port taken): give up. */
const maxFailedStarts = 5;

/**
 * V8 flags for the workers. A 32 MB young generation (semi-space) instead of the default 16 MB:
 * every request allocates a page of rows and its JSON, which die young; a bigger nursery halves
 * the scavenges and the promotions behind the tail latency (measured by `npm run bench -- api`).
 * An explicit flag from the operator (NODE_OPTIONS or the command line) wins.
 */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const chosen = [...execArgv, nodeOptions].some((arg) => arg.includes('--max-semi-space-size'));
  return chosen ? [...execArgv] : [...execArgv, '--max-semi-space-size=32'];
}

export function resolveInstances(setting: number | 'auto'): number {
  return setting === 'auto' ? os.availableParallelism() : setting;
}

export function runPrimary(settings: PrimarySettings): void {
  const { instances, logger } = settings;
  const shutdownGraceMs = settings.shutdownGraceMs ?? 30_000;
  const restartDelayMs = settings.restartDelayMs ?? 500;
  const listening = new Set<Worker>();
  let failedStarts = 0;
  let stopping = false;
  let ready = false;

  logger.info(
    { instances, poolPerInstance: settings.poolSize, databaseConnections: instances * settings.poolSize, pid: process.pid },
    'api cluster starting',
  );

  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv) });

  function start(): void {
    const worker = cluster.fork();
    worker.once('listening', () => {
      listening.add(worker);
      failedStarts = 0;
      logger.info({ instance: worker.id, pid: worker.process.pid }, 'api worker listening');
      if (!ready && listening.size === instances) {
        ready = true;
        logger.info({ instances }, 'api cluster ready');
        // PM2's wait_ready convention: a supervisor with an IPC channel to us learns that every worker listens.
        process.send?.('ready');
      }
    });
  }

  function stop(signal: NodeJS.Signals, exitCode: number): void {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    logger.info({ signal, workers: workers.length }, 'api cluster stopping: draining workers');
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      logger.error({ graceMs: shutdownGraceMs }, 'api workers did not drain in time: killed');
      process.exit(1);
    }, shutdownGraceMs).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('api cluster stopped');
        process.exit(exitCode);
      }
    });
  }

  cluster.on('exit', (worker, code, signal) => {
    const wasListening = listening.delete(worker);
    if (stopping) return;
    failedStarts = wasListening ? 0 : failedStarts + 1;
    if (failedStarts >= maxFailedStarts) {
      logger.fatal({ failedStarts }, 'api workers keep dying before they listen: stopping the cluster');
      stop('SIGTERM', 1);
      return;
    }
    logger.error({ instance: worker.id, pid: worker.process.pid, code, signal }, 'api worker died: starting a replacement');
    setTimeout(start, restartDelayMs);
  });

  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));
  for (let n = 0; n < instances; n += 1) start();
}
