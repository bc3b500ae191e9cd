/**
 * The PM2 ecosystem, for real: its settings (cluster ×2 API, memory caps, stop
 * timeouts, logs, env passthrough, the connection budget it refuses to break),
 * then the API started under a real PM2 daemon of its own and reloaded while
 * keep-alive clients read from the database: no request may fail, and every
 * instance must have been replaced.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../api/src/cluster';
import {
  ecosystemFile,
  pm2,
  pm2Kill,
  pm2List,
  required,
  root,
  run,
  startRequestLoop,
  summarize,
  waitForStatus,
  writeEnvFile,
} from './deploy-harness';

const apiPort = 55301;
const apiUrl = `http://127.0.0.1:${apiPort}`;
const work = mkdtempSync(path.join(tmpdir(), 'akount-pm2-reload-'));
const pm2Home = path.join(work, 'pm2');
const logDir = path.join(work, 'logs');
const envFile = path.join(work, 'shared', '.env');
const pm2Env = { AKOUNT_BASE: work, AKOUNT_APP_DIR: root, AKOUNT_ENV_FILE: envFile, AKOUNT_LOG_DIR: logDir };

interface AppConfig {
  name: string;
  exec_mode: string;
  instances: number;
  max_memory_restart?: string;
  kill_signal: string;
  kill_timeout: number;
  listen_timeout?: number;
  wait_ready?: boolean;
  node_args: string[];
  out_file: string;
  error_file: string;
  merge_logs: boolean;
  cwd: string;
  env: Record<string, string>;
}

/** The ecosystem as PM2 loads it, for a given env file and `pm2` command environment. */
function loadEcosystem(values: Record<string, string>): AppConfig[] {
  const file = path.join(work, 'config-check', '.env');
  writeEnvFile(file, values);
  const settings: Record<string, string> = {
    AKOUNT_BASE: path.join(work, 'config-check'),
    AKOUNT_APP_DIR: root,
    AKOUNT_ENV_FILE: file,
    AKOUNT_LOG_DIR: path.join(work, 'config-check', 'logs'),
  };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  try {
    const load = createRequire(import.meta.url);
    delete load.cache[load.resolve(ecosystemFile)];
    return (load(ecosystemFile) as { apps: AppConfig[] }).apps;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function app(apps: AppConfig[], name: string): AppConfig {
  const found = apps.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no app ${name} in the ecosystem`);
  return found;
}

describe('the PM2 ecosystem file', () => {
  const base = { DATABASE_URL: 'postgresql://akount:secret@db.example:25060/akount?sslmode=require', NODE_ENV: 'production' };

  it('runs the API in cluster mode ×2 under 512 MB, the web app and the worker in fork mode ×1', () => {
    const apps = loadEcosystem(base);
    expect(apps.map((entry) => entry.name)).toEqual(['akount-api', 'akount-worker', 'akount-web']);
    expect(app(apps, 'akount-api')).toMatchObject({ exec_mode: 'cluster', instances: 2, max_memory_restart: '512M', wait_ready: false });
    expect(app(apps, 'akount-web')).toMatchObject({ exec_mode: 'fork', instances: 1, max_memory_restart: '768M' });
    expect(app(apps, 'akount-worker')).toMatchObject({ exec_mode: 'fork', instances: 1 });
    // A reload waits this long for a new API instance to listen before retiring the old one anyway.
    expect(app(apps, 'akount-api').listen_timeout).toBeGreaterThanOrEqual(10_000);
    // The V8 flag api/src/cluster.ts gives its own workers: PM2's instances already carry it.
    const nodeArgs = app(apps, 'akount-api').node_args;
    expect(nodeArgs).toContain('--no-allocation-site-pretenuring');
    expect(workerExecArgv(nodeArgs)).toEqual(nodeArgs);
  });

  it('gives the worker longer to stop than its activities get to drain, with the signal it drains on', () => {
    const worker = app(loadEcosystem(base), 'akount-worker');
    expect(worker.kill_signal).toBe('SIGTERM');
    expect(worker.env.WORKER_SHUTDOWN_GRACE_SECONDS).toBe('300');
    expect(worker.kill_timeout).toBe(330_000);
    const shorter = app(loadEcosystem({ ...base, WORKER_SHUTDOWN_GRACE_SECONDS: '120' }), 'akount-worker');
    expect(shorter.kill_timeout).toBe(150_000);
    expect(readFileSync(path.join(root, 'workflows/src/worker.ts'), 'utf8')).toMatch(/process\.once\('SIGTERM'/);
  });

  it('writes separate out and error logs per app into the shared log folder, one file per stream', () => {
    const apps = loadEcosystem(base);
    const files = apps.flatMap((entry) => [entry.out_file, entry.error_file]);
    expect(new Set(files).size).toBe(6);
    for (const entry of apps) {
      expect(entry.out_file).toBe(path.join(work, 'config-check', 'logs', `${entry.name.replace('akount-', '')}.out.log`));
      expect(entry.merge_logs).toBe(true);
    }
  });

  it('passes the env file to every app, keeps DEPLOY_* keys out, and keeps state outside the release', () => {
    const apps = loadEcosystem({
      ...base,
      SENTRY_DSN: 'https://key@sentry.example/1',
      DEPLOY_BACKUP_DATABASE_URL: 'postgresql://backup@db/akount',
    });
    for (const entry of apps) {
      expect(entry.env.SENTRY_DSN).toBe('https://key@sentry.example/1');
      expect(entry.env.DATABASE_URL).toBe(base.DATABASE_URL);
      expect(entry.env).not.toHaveProperty('DEPLOY_BACKUP_DATABASE_URL');
      expect(entry.env.STORAGE_LOCAL_DIR).toBe(path.join(work, 'config-check', 'shared', 'storage'));
      expect(entry.env.DATABASE_POOL_SIZE).toBe('5');
    }
    expect(app(apps, 'akount-api').env.API_INSTANCES).toBe('1');
  });

  it('refuses pools that would exceed the 22 usable connections of the managed database', () => {
    expect(() => loadEcosystem({ ...base, DATABASE_POOL_SIZE: '6' })).not.toThrow();
    expect(() => loadEcosystem({ ...base, DATABASE_POOL_SIZE: '7' })).toThrow(/2 api × 7 \+ worker 7 \+ 4 for deploys = 25 connections/);
    expect(() => loadEcosystem({ ...base, DATABASE_URL: `${base.DATABASE_URL}&connection_limit=8` })).toThrow(/over the 22/);
    expect(() => loadEcosystem({ ...base, AKOUNT_API_INSTANCES: '3' })).toThrow(/3 api × 5/);
  });
});

describe('pm2 reload of the API', () => {
  let token = '';

  beforeAll(async () => {
    writeEnvFile(envFile, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: required('DATABASE_URL'),
      TEMPORAL_ADDRESS: required('TEMPORAL_ADDRESS'),
      TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
      TEMPORAL_TASK_QUEUE: `pm2-reload-${process.pid}`,
      API_PORT: String(apiPort),
      RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000',
    });
    // Started from the temp folder, not the checkout: the daemon's working directory must not matter.
    const started = await pm2(pm2Home, ['start', ecosystemFile, '--only', 'akount-api'], pm2Env, work);
    expect(started.code, started.output).toBe(0);
    await waitForStatus(`${apiUrl}/health/ready`, 200, 90_000);
    const signIn = await fetch(`${apiUrl}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clerkUserId: 'dev_ava' }),
    });
    expect(signIn.status).toBe(200);
    token = ((await signIn.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await pm2Kill(pm2Home);
    rmSync(work, { recursive: true, force: true });
  });

  it('runs two instances, each with its pool, logging to one out and one error file', async () => {
    const instances = (await pm2List(pm2Home)).filter((entry) => entry.name === 'akount-api');
    expect(instances).toHaveLength(2);
    expect(instances.every((entry) => entry.status === 'online')).toBe(true);
    await waitForStatus(`${apiUrl}/health`, 200, 10_000);
    expect(readdirSync(logDir).sort()).toEqual(['api.error.log', 'api.out.log']);
    expect(readFileSync(path.join(logDir, 'api.out.log'), 'utf8').match(/"api listening"/g)).toHaveLength(2);
  });

  it('replaces every instance while 3 keep-alive clients read from the database, and drops no request', async () => {
    const before = (await pm2List(pm2Home)).filter((entry) => entry.name === 'akount-api');
    const loop = startRequestLoop({
      urls: [`${apiUrl}/api/system/me`],
      headers: { authorization: `Bearer ${token}` },
      clients: 3,
      gapMs: 20,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const reloadStarted = Date.now() - loop.report.startedAt;
    const reload = await pm2(pm2Home, ['reload', ecosystemFile, '--only', 'akount-api', '--update-env'], pm2Env, work);
    const reloadEnded = Date.now() - loop.report.startedAt;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const report = await loop.stop(200);
    expect(reload.code, reload.output).toBe(0);

    const after = (await pm2List(pm2Home)).filter((entry) => entry.name === 'akount-api');
    const duringReload = report.requestTimes.filter((at) => at >= reloadStarted && at <= reloadEnded).length;
    process.stdout.write(
      `pm2 reload: ${((reloadEnded - reloadStarted) / 1000).toFixed(1)} s; requests ${report.total} (${duringReload} during the reload), ` +
        `failed ${report.failures.length} ${JSON.stringify(summarize(report.failures))}, idle keep-alive resets retried ${report.retriedResets}\n`,
    );
    expect(report.failures, JSON.stringify(summarize(report.failures))).toEqual([]);
    expect(report.total).toBeGreaterThanOrEqual(200);
    expect(duringReload).toBeGreaterThan(50);
    expect(after).toHaveLength(2);
    expect(after.every((entry) => entry.status === 'online')).toBe(true);
    for (const old of before) expect(after.map((entry) => entry.pid)).not.toContain(old.pid);
    expect(existsSync(path.join(logDir, 'api.out-0.log'))).toBe(false);
  });

  it('rotates the live logs with the shipped logrotate rules, and PM2 keeps writing to the truncated file', async () => {
    const rules = readFileSync(path.join(root, 'infra/pm2/logrotate'), 'utf8')
      .replace(/^\/home\/deploy\/akount\/shared\/logs\/\*\.log .*\{$/m, `${logDir}/*.log {`)
      // The test's log folder is root's own: no user to switch to.
      .replace(/^\s*su deploy deploy\n/m, '');
    expect(rules).toContain(`${logDir}/*.log {`);
    const config = path.join(work, 'logrotate.conf');
    writeFileSync(config, rules, { mode: 0o644 });
    const rotated = await run('/usr/sbin/logrotate', ['--force', '--state', path.join(work, 'logrotate.state'), config]);
    expect(rotated.code, rotated.output).toBe(0);
    const copies = readdirSync(logDir).filter((name) => /^api\.out\.log-\d{8}-\d+$/.test(name));
    expect(copies).toHaveLength(1);
    expect(readFileSync(path.join(logDir, copies[0] ?? ''), 'utf8')).toContain('"api listening"');

    for (let n = 0; n < 5; n += 1) await (await fetch(`${apiUrl}/health`)).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const fresh = readFileSync(path.join(logDir, 'api.out.log'), 'utf8');
    expect(fresh.length).toBeGreaterThan(0);
    // Appended from offset 0 again, not after a hole of NUL bytes where the old content was.
    expect(fresh.startsWith('{')).toBe(true);
    expect(fresh).not.toContain('"api listening"');
  });
});
