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

/** The V8 flag the API runs with (workers here, PM2's instances through ecosystem.config.cjs). */
const apiV8Flag = '--no-allocation-site-pretenuring';

/**
 * V8 flags for the workers: allocation-site pretenuring off. Under load V8 saw a
 * request's rows, strings and JSON survive while the request was in flight and
 * began allocating them straight into the old generation, where they died a few
 * milliseconds later: each scavenge then had to walk them (2.4 MB promoted per
 * scavenge, 7–10 ms pauses every ~80 ms) and the old generation filled with
 * garbage until a mark-compact (RSS near 500 MB). Without it, 0.1 MB survives a
 * scavenge, which takes 2–3 ms, and the transactions benchmark gained 3–18 % in
 * throughput with a lower p99 in each of three alternating runs (`npm run bench
 * -- api`). An operator's explicit choice of the flag on the command line wins
 * (NODE_OPTIONS cannot carry V8 flags like this one).
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const chosen = execArgv.some((arg) => arg.includes('allocation-site-pretenuring'));
  return chosen ? [...execArgv] : [...execArgv, apiV8Flag];
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
