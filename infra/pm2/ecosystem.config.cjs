/**
 * PM2 processes of one droplet (DESIGN §1): the API in cluster mode ×2, the web
 * app and the Temporal worker in fork mode ×1. Every process gets the shared
 * env file (PM2 7 has no env_file key, so it is parsed here with Node's own
 * parser), its own out/error log under the shared log folder, and a memory cap
 * and a stop timeout chosen for how it drains. Loading this file fails when the
 * pools would exceed the PostgreSQL connection budget (docs/connection-budget.md),
 * so a config that breaks the budget never reaches PM2.
 *
 * Read from the environment of the `pm2` command (deploy.sh sets them):
 *   AKOUNT_BASE      deploy root (default /home/deploy/akount)
 *   AKOUNT_APP_DIR   code to run (default $AKOUNT_BASE/current, the release link)
 *   AKOUNT_ENV_FILE  shared env file (default $AKOUNT_BASE/shared/.env)
 *   AKOUNT_LOG_DIR   log folder (default $AKOUNT_BASE/shared/logs)
 * It only reads (the env file, the release link); it writes nothing.
 */
/* global require, module, process, URL */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { parseEnv } = require('node:util');

/** The managed 1 GB PostgreSQL: 25 connections, 3 reserved by the provider. */
const usableConnections = 22;
/** docs/connection-budget.md: one migration client and psql/pg_dump headroom during deploys (pool 5 leaves room for a reload). */
const deployConnections = 1 + 3;
const defaultPoolSize = 5;
const defaultApiInstances = 2;
/**
 * How long a stopping worker lets running activities finish. OCR of a long scanned
 * PDF (Tesseract on two cores, or several Mistral calls of up to MISTRAL_TIMEOUT_MS
 * each) takes minutes; after the grace the SDK cancels what is left and Temporal
 * retries it, so this only decides how much work a restart throws away.
 */
const defaultWorkerGraceSeconds = 300;

function settings(env) {
  const base = env.AKOUNT_BASE || '/home/deploy/akount';
  const appDir = env.AKOUNT_APP_DIR || path.join(base, 'current');
  const envFile = env.AKOUNT_ENV_FILE || path.join(base, 'shared', '.env');
  const logDir = env.AKOUNT_LOG_DIR || path.join(base, 'shared', 'logs');
  if (!fs.existsSync(envFile)) throw new Error(`akount: env file ${envFile} is missing (set AKOUNT_ENV_FILE or AKOUNT_BASE)`);
  return { base, appDir, envFile, logDir, shared: path.join(base, 'shared') };
}

/** The env file's variables, minus DEPLOY_* (deploy-only secrets such as the backup role's URL). */
function sharedEnv(where) {
  const parsed = parseEnv(fs.readFileSync(where.envFile, 'utf8'));
  const env = Object.fromEntries(Object.entries(parsed).filter(([key]) => !key.startsWith('DEPLOY_')));
  // Relative defaults would land inside a release folder and vanish with it.
  env.STORAGE_LOCAL_DIR ||= path.join(where.shared, 'storage');
  env.DEV_SIGN_IN_KEY_FILE ||= path.join(where.shared, 'dev-sign-in-key.pem');
  env.DATABASE_POOL_SIZE ||= String(defaultPoolSize);
  return env;
}

function positiveInteger(value, name) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`akount: ${name} must be a positive integer, not "${value}"`);
  return number;
}

/** A process's pool: `connection_limit` in DATABASE_URL wins over DATABASE_POOL_SIZE, as in packages/db. */
function poolSize(env) {
  let fromUrl = null;
  try {
    fromUrl = new URL(env.DATABASE_URL || '').searchParams.get('connection_limit');
  } catch {
    // no or unparsable URL: the API refuses to boot and says why
  }
  return positiveInteger(fromUrl || env.DATABASE_POOL_SIZE, 'DATABASE_POOL_SIZE');
}

function checkConnectionBudget(apiInstances, pool) {
  const total = apiInstances * pool + pool + deployConnections;
  if (total > usableConnections) {
    throw new Error(
      `akount: ${apiInstances} api × ${pool} + worker ${pool} + ${deployConnections} for deploys = ${total} connections, ` +
        `over the ${usableConnections} the database allows (docs/connection-budget.md): lower DATABASE_POOL_SIZE`,
    );
  }
}

function releaseName(appDir) {
  try {
    return path.basename(fs.realpathSync(appDir));
  } catch {
    return 'unknown';
  }
}

/**
 * tsx's loader as an absolute URL: PM2 forks cluster instances from its daemon, whose
 * working directory is not the release, so a bare `--import tsx` would not resolve.
 */
function tsxImport(appDir) {
  try {
    return pathToFileURL(require.resolve('tsx', { paths: [appDir] })).href;
  } catch {
    return 'tsx';
  }
}

function logs(where, name) {
  return {
    out_file: path.join(where.logDir, `${name}.out.log`),
    error_file: path.join(where.logDir, `${name}.error.log`),
    // Cluster instances write one file per stream, not one per instance.
    merge_logs: true,
    // The apps log pino JSON with its own timestamps; a prefix would break the lines.
    time: false,
  };
}

/**
 * Settings every process shares: no PM2 probes injected into the apps. A process that
 * exits is restarted after a growing pause (0.2 s ×1.5 per crash, at most 15 s) and PM2
 * never gives up on it (a boot crash takes longer than PM2's default min_uptime of 1 s,
 * so it is not "unstable"): an API that exits because the database is briefly away comes
 * back by itself. deploy.sh notices a crash loop from the restart count instead.
 */
const common = {
  interpreter: 'node',
  pmx: false,
  automation: false,
  vizion: false,
  source_map_support: false,
  autorestart: true,
  exp_backoff_restart_delay: 200,
};

function apps(processEnv) {
  const where = settings(processEnv);
  const env = sharedEnv(where);
  const apiInstances = positiveInteger(env.AKOUNT_API_INSTANCES || defaultApiInstances, 'AKOUNT_API_INSTANCES');
  checkConnectionBudget(apiInstances, poolSize(env));
  env.WORKER_SHUTDOWN_GRACE_SECONDS ||= String(defaultWorkerGraceSeconds);
  const workerGraceSeconds = positiveInteger(env.WORKER_SHUTDOWN_GRACE_SECONDS, 'WORKER_SHUTDOWN_GRACE_SECONDS');
  const release = releaseName(where.appDir);
  const webPort = env.WEB_PORT || '3000';
  const tsx = ['--import', tsxImport(where.appDir)];
  // tsx reads tsconfig.json from the working directory it starts in, which PM2 does not set yet.
  const typescript = { TSX_TSCONFIG_PATH: path.join(where.appDir, 'tsconfig.json') };

  return [
    {
      ...common,
      ...logs(where, 'api'),
      name: 'akount-api',
      cwd: where.appDir,
      script: 'api/src/main.ts',
      // The V8 flag api/src/cluster.ts gives its own workers (benchmarked there: request garbage stays young).
      node_args: [...tsx, '--no-allocation-site-pretenuring'],
      exec_mode: 'cluster',
      instances: apiInstances,
      max_memory_restart: '512M',
      // A reload starts a new instance and retires the old one when the new one listens,
      // which the API does only once its database, Temporal client and routes are ready.
      // It does not send process.send('ready') under PM2 cluster mode, so wait_ready stays off.
      wait_ready: false,
      // The longest boot we wait for before PM2 retires the old instance anyway.
      listen_timeout: positiveInteger(env.AKOUNT_API_LISTEN_TIMEOUT_MS || 20_000, 'AKOUNT_API_LISTEN_TIMEOUT_MS'),
      // Stopping drains in-flight requests (uploads of up to 10 MB included), then closes the pools.
      kill_signal: 'SIGTERM',
      kill_timeout: 30_000,
      env: { ...env, ...typescript, API_INSTANCES: '1', AKOUNT_RELEASE: release },
    },
    {
      ...common,
      ...logs(where, 'worker'),
      name: 'akount-worker',
      cwd: where.appDir,
      script: 'workflows/src/worker.ts',
      node_args: tsx,
      exec_mode: 'fork',
      instances: 1,
      // workflows/src/worker.ts stops polling on SIGTERM and lets running activities
      // finish for WORKER_SHUTDOWN_GRACE_SECONDS; PM2 waits that long plus closing time.
      kill_signal: 'SIGTERM',
      kill_timeout: (workerGraceSeconds + 30) * 1000,
      env: { ...env, ...typescript, AKOUNT_RELEASE: release },
    },
    {
      ...common,
      ...logs(where, 'web'),
      name: 'akount-web',
      cwd: path.join(where.appDir, 'web'),
      script: path.join(where.appDir, 'node_modules/next/dist/bin/next'),
      // "localhost", not "127.0.0.1": with an IP hostname `next start` sends the proxy's internal
      // rewrites (Clerk's middleware makes them) back to itself over HTTP, forever
      // (vercel/next.js#94745). Ubuntu's /etc/hosts maps localhost to 127.0.0.1, which Nginx expects.
      args: ['start', '--port', webPort, '--hostname', 'localhost'],
      exec_mode: 'fork',
      instances: 1,
      max_memory_restart: '768M',
      kill_signal: 'SIGTERM',
      kill_timeout: 10_000,
      env: { ...env, NEXT_TELEMETRY_DISABLED: '1', AKOUNT_RELEASE: release },
    },
  ];
}

module.exports = { apps: apps(process.env) };
