// The stack a benchmark runs against: its own embedded PostgreSQL (port 54360,
// data in .data/bench, a fresh database every run), migrated and seeded with
// the demo tenants, and the real API started as production runs it (a
// cluster of API_INSTANCES workers). Never touches the ports or folders of `npm start` or `npm test`.
// Every process started here is registered with a Cleanup and stopped by it.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureNodeVersion, ensurePrismaClient } from '../../scripts/bootstrap/dependencies.mjs';
import { say } from '../../scripts/bootstrap/log.mjs';
import { root } from '../../scripts/bootstrap/paths.mjs';
import { portIsFree, startPostgres } from '../../scripts/bootstrap/postgres.mjs';
import { stopChild } from '../../scripts/bootstrap/process-control.mjs';

/** Where benchmarks keep things: like a bootstrap profile, on ports of their own. */
export function benchProfile(env = process.env) {
  const dataDir = path.join(root, '.data', 'bench');
  return {
    name: 'bench',
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    pgDir: path.join(dataDir, 'postgres'),
    temporalDir: path.join(dataDir, 'temporal'),
    storageDir: path.join(dataDir, 'storage'),
    pgPort: Number(env.AKOUNT_BENCH_PG_PORT ?? 54360),
    apiPort: Number(env.AKOUNT_BENCH_API_PORT ?? 3201),
    // Nothing listens here: the API's Temporal client connects lazily and the
    // benchmarked routes never use it (only /health/ready would).
    temporalAddress: `127.0.0.1:${Number(env.AKOUNT_BENCH_TEMPORAL_PORT ?? 7263)}`,
    database: 'akount_bench',
  };
}

/** Stops what was started, newest first; safe to call twice (a signal during a normal stop). */
export class Cleanup {
  #stops = [];

  add(name, stop) {
    this.#stops.push({ name, stop });
  }

  async run() {
    while (this.#stops.length > 0) {
      const { name, stop } = this.#stops.pop();
      try {
        await stop();
      } catch (error) {
        say(`stopping ${name} failed: ${error.message}`);
      }
    }
  }
}

export async function checkPortsFree(where) {
  for (const [what, port] of [
    ['PostgreSQL', where.pgPort],
    ['API', where.apiPort],
  ]) {
    if (!(await portIsFree(port))) {
      throw new Error(`port ${port} for the benchmark ${what} is taken: is another \`npm run bench\` running? (AKOUNT_BENCH_*_PORT)`);
    }
  }
}

/** PostgreSQL with the schema and the demo tenants; returns its urls and the postmaster's pid. */
export async function startDatabase(where, cleanup) {
  ensureNodeVersion();
  ensurePrismaClient();
  mkdirSync(where.logDir, { recursive: true });
  const postgres = await startPostgres(where, { fresh: true });
  cleanup.add('PostgreSQL', postgres.stop);

  const { tsImport } = await import('tsx/esm/api');
  const db = await tsImport('../../packages/db/src/index.ts', import.meta.url);
  const { createLogger } = await tsImport('../../packages/logger/src/index.ts', import.meta.url);
  await db.migrate(postgres.url);
  const logger = createLogger({ name: 'bench-seed', level: 'warn', pretty: false });
  const database = db.createDatabase({ url: postgres.url, poolSize: 2, slowQueryMs: 10_000, poolWaitWarnMs: 10_000, logger });
  try {
    await db.seedDemoTenants(database);
  } finally {
    await database.close();
  }
  const postmasterPid = Number(readFileSync(path.join(where.pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { url: postgres.url, superuserUrl: postgres.superuserUrl, postmasterPid, demoTenants: db.demoTenants };
}

/**
 * The API as production runs it on the 2-core droplet: `node --import tsx
 * api/src/main.ts` with API_INSTANCES workers (a node:cluster primary and
 * its workers, like PM2's cluster mode), each with its own pool, and a
 * minimal environment so a developer's shell (.env, Sentry, Logtail) cannot
 * change what is measured. Its output goes to a log file, not a pipe, so a
 * burst of warnings can never block it on a full pipe.
 */
export async function startApi(where, settings, cleanup) {
  const logFile = path.join(where.logDir, 'api.log');
  const log = openSync(logFile, 'w');
  const nodeArgs = ['--import', 'tsx'];
  if (settings.cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDir}`);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'api/src/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? root,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      DATABASE_URL: settings.databaseUrl,
      DATABASE_POOL_SIZE: String(settings.poolSize),
      API_HOST: '127.0.0.1',
      API_PORT: String(where.apiPort),
      API_INSTANCES: String(settings.instances),
      DEV_SIGN_IN_KEY_FILE: path.join(where.dataDir, 'dev-sign-in-key.pem'),
      TEMPORAL_ADDRESS: where.temporalAddress,
      STORAGE_LOCAL_DIR: where.storageDir,
      RATE_LIMIT_GLOBAL_PER_MINUTE: String(settings.rateLimitPerMinute),
      ...settings.extraEnv,
    },
    // Own process group, like the bootstrap's children: a Ctrl-C reaches this
    // script, whose cleanup stops the API before PostgreSQL.
    detached: true,
    // The IPC channel carries one message: 'ready', once every instance listens.
    stdio: ['ignore', log, log, 'ipc'],
  });
  let ready = false;
  child.on('message', (message) => {
    if (message === 'ready') ready = true;
  });
  closeSync(log);
  cleanup.add('API', () => stopChild(child, 15_000, 'SIGTERM'));

  const baseUrl = `http://127.0.0.1:${where.apiPort}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} while starting; see ${logFile}`);
    if (ready && (await answersHealth(baseUrl))) {
      child.disconnect();
      return { baseUrl, pid: child.pid, logFile };
    }
    await sleep(250);
  }
  throw new Error(`the API was not healthy within 120 s; see ${logFile}`);
}

async function answersHealth(baseUrl) {
  try {
    return (await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false; // not listening yet
  }
}

/** A bearer token for a demo user, from the dev sign-in. */
export async function signIn(baseUrl, clerkUserId) {
  const response = await fetch(`${baseUrl}/api/auth/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clerkUserId }),
  });
  if (!response.ok) throw new Error(`dev sign-in as ${clerkUserId} answered ${response.status}: ${await response.text()}`);
  return (await response.json()).token;
}
