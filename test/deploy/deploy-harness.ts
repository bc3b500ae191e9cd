/**
 * Helpers of the deployment kit's PM2 and rehearsal tests: child processes run
 * without blocking the event loop (a request loop keeps running meanwhile), PM2
 * with its own PM2_HOME, a PostgreSQL 15 of the test's own (pg_dump here is 15,
 * so the server must be too), and a keep-alive request loop that counts what a
 * client would see go wrong while processes are replaced. Nothing here touches
 * the checkout except reading it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const pm2Bin = path.join(root, 'node_modules/.bin/pm2');
export const ecosystemFile = path.join(root, 'infra/pm2/ecosystem.config.cjs');
export const scriptsDir = path.join(root, 'infra/scripts');

export { requiredEnv as required } from '../support/app-processes';

export interface RunResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs a command to completion asynchronously, in its own process group, keeping its combined output. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void } = {},
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid) options.onSpawn?.(child.pid);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => resolve({ code: null, output: `${output}\n${error.message}`, ms: Date.now() - started }));
    child.once('close', (code) => resolve({ code, output, ms: Date.now() - started }));
  });
}

/** Stops a process group this test started (a deploy still running when a test timed out). */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export interface Pm2Process {
  name: string;
  pmId: number;
  pid: number;
  status: string;
  release: string | undefined;
  restarts: number;
}

export function pm2(pm2Home: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<RunResult> {
  return run(pm2Bin, args, { cwd, env: { ...process.env, ...env, PM2_HOME: pm2Home } });
}

export async function pm2List(pm2Home: string): Promise<Pm2Process[]> {
  const result = await pm2(pm2Home, ['jlist']);
  const start = result.output.indexOf('[');
  if (result.code !== 0 || start < 0) throw new Error(`pm2 jlist failed: ${result.output}`);
  const list = JSON.parse(result.output.slice(start)) as {
    name: string;
    pm_id: number;
    pid: number;
    pm2_env: { status: string; restart_time: number; env?: Record<string, string> };
  }[];
  return list.map((entry) => ({
    name: entry.name,
    pmId: entry.pm_id,
    pid: entry.pid,
    status: entry.pm2_env.status,
    release: entry.pm2_env.env?.AKOUNT_RELEASE,
    restarts: entry.pm2_env.restart_time,
  }));
}

/** `pm2 kill` for a test's own daemon; safe to call when it never started. */
export async function pm2Kill(pm2Home: string): Promise<void> {
  await pm2(pm2Home, ['kill']);
}

export async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === status) return;
      last = String(response.status);
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(500);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s (last: ${last})`);
}

export interface Failure {
  url: string;
  atMs: number;
  what: string;
}

export interface LoopReport {
  total: number;
  failures: Failure[];
  /** Requests repeated on a fresh socket because a kept-alive one was closed as they were sent (Node's documented retry). */
  retriedResets: number;
  startedAt: number;
  requestTimes: number[];
}

interface Answer {
  status?: number;
  error?: NodeJS.ErrnoException;
  reusedSocket: boolean;
}

function getOnce(url: string, agent: http.Agent | false, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers, timeout: 10_000 }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode, reusedSocket: request.reusedSocket }));
      response.once('error', (error) => resolve({ error, reusedSocket: request.reusedSocket }));
    });
    request.once('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    request.once('error', (error: NodeJS.ErrnoException) => resolve({ error, reusedSocket: request.reusedSocket }));
  });
}

/**
 * Keep-alive clients (one per URL, `clients` each) that request until stopped, like a
 * browser or a proxy with pooled connections would. Anything but a 2xx counts as a
 * failure, except a reset of a reused idle socket, which is retried once on a fresh one:
 * the HTTP/1.1 race every keep-alive client (and Nginx) must handle anyway.
 */
export function startRequestLoop(options: { urls: string[]; headers?: Record<string, string>; clients?: number; gapMs?: number }) {
  const report: LoopReport = { total: 0, failures: [], retriedResets: 0, startedAt: Date.now(), requestTimes: [] };
  let stopped = false;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const headers = options.headers ?? {};

  async function client(url: string): Promise<void> {
    while (!stopped) {
      const at = Date.now() - report.startedAt;
      let answer = await getOnce(url, agent, headers);
      if (answer.error && answer.reusedSocket && answer.error.code === 'ECONNRESET') {
        report.retriedResets += 1;
        answer = await getOnce(url, false, headers);
      }
      report.total += 1;
      report.requestTimes.push(at);
      if (answer.error || (answer.status ?? 0) >= 300) {
        report.failures.push({ url, atMs: at, what: answer.error ? (answer.error.code ?? answer.error.message) : String(answer.status) });
      }
      await sleep(options.gapMs ?? 25);
    }
  }

  const running = Promise.all(options.urls.flatMap((url) => Array.from({ length: options.clients ?? 1 }, () => client(url))));
  return {
    report,
    /** Stops once at least `minimum` requests were made. */
    async stop(minimum = 0): Promise<LoopReport> {
      while (report.total < minimum) await sleep(50);
      stopped = true;
      await running;
      agent.destroy();
      return report;
    },
  };
}

/** Failures summed by URL and kind, for a readable assertion message and the measurements. */
export function summarize(failures: Failure[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const failure of failures) summary[`${failure.url} ${failure.what}`] = (summary[`${failure.url} ${failure.what}`] ?? 0) + 1;
  return summary;
}

/**
 * A PostgreSQL server installed from the distribution, whose pg_dump matches it (the test stack's
 * embedded PostgreSQL ships no pg_dump): AKOUNT_REHEARSAL_PG_BIN, else the newest
 * /usr/lib/postgresql/<major>/bin with initdb and pg_dump (15 on Debian 12, 16 on Ubuntu 24.04).
 */
function serverBin(): string {
  if (process.env.AKOUNT_REHEARSAL_PG_BIN) return process.env.AKOUNT_REHEARSAL_PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const usable = majors
    .map(Number)
    .sort((a, b) => b - a)
    .map((major) => path.join(root, String(major), 'bin'))
    .find((bin) => existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_dump')));
  if (!usable) throw new Error(`no PostgreSQL server under ${root} (Debian: apt-get install postgresql-15)`);
  return usable;
}

const pgBin = serverBin();
export const pgDump = path.join(pgBin, 'pg_dump');
export const pgRestore = path.join(pgBin, 'pg_restore');

/** As root, PostgreSQL refuses to run: its commands run as the `postgres` user (created if missing). */
function asServerUser(command: string, args: string[]): [string, string[]] {
  if (os.userInfo().uid !== 0) return [command, args];
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) {
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`could not create the postgres user: ${created.stderr}`);
  }
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

function ownedByPostgres(target: string): void {
  if (os.userInfo().uid !== 0) return;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  chownSync(target, uid, gid);
}

export interface Postgres15 {
  appUrl: string;
  backupUrl: string;
  superuserUrl: string;
  stop: () => Promise<void>;
}

/**
 * A throwaway PostgreSQL 15 like the managed one: the app role owns the database
 * and is subject to row-level security; a backup role bypasses it for pg_dump.
 * `dir` must be traversable by the `postgres` user (it runs the server when we are root).
 */
export async function startPostgres15(dir: string, port: number): Promise<Postgres15> {
  const pgDir = path.join(dir, 'postgres');
  mkdirSync(pgDir, { recursive: true });
  chmodSync(dir, 0o755);
  ownedByPostgres(pgDir);
  const passwordFile = path.join(pgDir, 'pw');
  writeFileSync(passwordFile, 'postgres\n', { mode: 0o600 });
  ownedByPostgres(passwordFile);
  const data = path.join(pgDir, 'data');
  const init = await run(
    ...asServerUser(`${pgBin}/initdb`, [
      `--pgdata=${data}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ]),
  );
  if (init.code !== 0) throw new Error(`initdb failed: ${init.output}`);
  const ctl = (...args: string[]) => run(...asServerUser(`${pgBin}/pg_ctl`, ['-D', data, '-l', path.join(pgDir, 'log'), '-w', ...args]));
  const started = await ctl('-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${pgDir} -c max_connections=40`, 'start');
  if (started.code !== 0) throw new Error(`PostgreSQL 15 did not start: ${started.output}`);
  const stop = async () => {
    await ctl('-m', 'fast', 'stop');
  };

  const superuserUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query("CREATE ROLE akount LOGIN PASSWORD 'akount' NOSUPERUSER NOBYPASSRLS NOCREATEROLE");
    await client.query("CREATE ROLE akount_backup LOGIN PASSWORD 'backup' NOSUPERUSER BYPASSRLS IN ROLE pg_read_all_data");
    await client.query('CREATE DATABASE akount OWNER akount');
  } finally {
    await client.end();
  }
  return {
    appUrl: `postgresql://akount:akount@127.0.0.1:${port}/akount`,
    backupUrl: `postgresql://akount_backup:backup@127.0.0.1:${port}/akount`,
    superuserUrl,
    stop,
  };
}

/** The env file format deploy.sh and the ecosystem read (Node's parseEnv): KEY=value lines. */
export function writeEnvFile(file: string, values: Record<string, string>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${Object.entries(values)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n')}\n`,
    { mode: 0o600 },
  );
}
