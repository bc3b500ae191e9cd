/**
 * A deploy rehearsal on this machine, as on the droplet: a bare git remote, a
 * deploy root with releases/, shared/.env and `current`, PM2 with its own home,
 * and a PostgreSQL 15 of its own (this machine's pg_dump is 15). Commit A
 * deploys (npm install, Prisma client, next build, pg_dump before its pending
 * migration, live and healthy; smoke.sh passes). Commit B's API cannot boot (a
 * secret it now requires is missing): the preflight refuses it with A untouched;
 * without the preflight the health check fails and deploy.sh rolls back to A.
 * Once the secret is in shared/.env, B deploys, and rollback.sh puts A back.
 * Request loops run across every step and their failures are counted.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  appendFileSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, migrate, seedDemoTenants } from '@akount/db';
import { createLogger } from '@akount/logger';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  killGroup,
  pgDump,
  pgRestore,
  pm2Bin,
  pm2Kill,
  pm2List,
  required,
  root,
  run,
  scriptsDir,
  startPostgres15,
  startRequestLoop,
  summarize,
  type Pm2Process,
  type Postgres15,
  type RunResult,
  writeEnvFile,
} from './deploy-harness';

const ports = { web: 55200, api: 55201, worker: 55202, preflightApi: 55205, preflightWeb: 55206, preflightWorker: 55207, postgres: 55210 };
const work = mkdtempSync(path.join(tmpdir(), 'akount-rehearsal-'));
const base = path.join(work, 'base');
const remote = path.join(work, 'remote.git');
const source = path.join(work, 'source');
const pm2Home = path.join(work, 'pm2');
const envFile = path.join(base, 'shared', '.env');
const migrationsDir = path.join(root, 'packages/db/prisma/migrations');
const migrations = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const lastMigration = migrations.at(-1) ?? 'none';
const measurements: string[] = [];
const running = new Set<number>();
let postgres: Postgres15 | undefined;
let commitA = '';
let commitB = '';

function git(args: string[], cwd = source): string {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Rehearsal',
      GIT_AUTHOR_EMAIL: 'rehearsal@akount.test',
      GIT_COMMITTER_NAME: 'Rehearsal',
      GIT_COMMITTER_EMAIL: 'rehearsal@akount.test',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Commit A: the checkout's files as they are now (committed or not, minus ignored ones). */
function makeRemote(): void {
  const listed = spawnSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(path.join(root, file))) continue;
    mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(source, file), { verbatimSymlinks: true });
  }
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'A: the working tree']);
  git(['clone', '-q', '--bare', source, remote], work);
  commitA = git(['rev-parse', 'HEAD']);
}

function deployEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // What a deploy user's shell has, no more: nothing of this test's own stack leaks in.
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AKOUNT_BASE: base,
    AKOUNT_REPO_URL: `file://${remote}`,
    PM2: pm2Bin,
    PM2_HOME: pm2Home,
    AKOUNT_PG_DUMP: pgDump,
    AKOUNT_PREFLIGHT_API_PORT: String(ports.preflightApi),
    AKOUNT_PREFLIGHT_WEB_PORT: String(ports.preflightWeb),
    AKOUNT_PREFLIGHT_WORKER_PORT: String(ports.preflightWorker),
    AKOUNT_HEALTH_INTERVAL: '1',
    AKOUNT_HEALTH_RETRIES: '40',
    ...extra,
  };
}

async function script(name: string, args: string[] = [], extra: Record<string, string> = {}): Promise<RunResult> {
  let pid: number | undefined;
  const result = await run(path.join(scriptsDir, name), args, {
    env: deployEnv(extra),
    onSpawn: (spawned) => running.add((pid = spawned)),
  });
  if (pid !== undefined) running.delete(pid);
  return result;
}

function currentRelease(link = 'current'): string {
  return path.basename(readlinkSync(path.join(base, link)));
}

async function apps(): Promise<Pm2Process[]> {
  return (await pm2List(pm2Home)).filter((entry) => entry.name.startsWith('akount-'));
}

function measure(line: string): void {
  measurements.push(line);
  process.stdout.write(`rehearsal: ${line}\n`);
}

function loopOverSite() {
  return startRequestLoop({ urls: [`http://127.0.0.1:${ports.api}/health`, `http://127.0.0.1:${ports.web}/health`], gapMs: 50 });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

beforeAll(async () => {
  postgres = await startPostgres15(work, ports.postgres);
  // The database is one migration behind commit A, so its deploy has a migration to run.
  const earlier = path.join(work, 'migrations-before');
  for (const name of migrations.slice(0, -1)) cpSync(path.join(migrationsDir, name), path.join(earlier, name), { recursive: true });
  await migrate(postgres.appUrl, earlier);
  makeRemote();
  writeEnvFile(envFile, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.appUrl,
    DATABASE_POOL_SIZE: '6',
    DEPLOY_BACKUP_DATABASE_URL: postgres.backupUrl,
    TEMPORAL_ADDRESS: required('TEMPORAL_ADDRESS'),
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
    TEMPORAL_TASK_QUEUE: `rehearsal-${process.pid}`,
    API_PORT: String(ports.api),
    WEB_PORT: String(ports.web),
    WORKER_HEALTH_PORT: String(ports.worker),
    CORS_ORIGINS: `http://127.0.0.1:${ports.web}`,
    API_INTERNAL_URL: `http://127.0.0.1:${ports.api}`,
    NEXT_PUBLIC_API_URL: `http://127.0.0.1:${ports.api}`,
    STORAGE_DOWNLOAD_BASE_URL: `http://127.0.0.1:${ports.api}/api/services/documents/download`,
    RATE_LIMIT_GLOBAL_PER_MINUTE: '100000',
    WORKER_SHUTDOWN_GRACE_SECONDS: '10',
    AKOUNT_API_LISTEN_TIMEOUT_MS: '8000',
  });
});

afterAll(async () => {
  for (const pid of running) killGroup(pid);
  await pm2Kill(pm2Home);
  await postgres?.stop();
  process.stdout.write(`rehearsal measurements:\n  ${measurements.join('\n  ')}\n`);
  rmSync(work, { recursive: true, force: true });
});

describe('deploy rehearsal', () => {
  it('every script is shellcheck-clean and explains its usage', async () => {
    const scripts = ['deploy.sh', 'rollback.sh', 'smoke.sh', 'lib.sh'].map((name) => path.join(scriptsDir, name));
    const checked = await run('shellcheck', ['-x', ...scripts], { cwd: scriptsDir });
    expect(checked.output).toBe('');
    expect(checked.code).toBe(0);
    for (const name of ['deploy.sh', 'rollback.sh', 'smoke.sh']) {
      const help = await run(path.join(scriptsDir, name), ['--help']);
      expect(help.code).toBe(0);
      expect(help.output).toMatch(/^usage: /);
      expect((await run(path.join(scriptsDir, name), ['--no-such-option'])).code).toBe(64);
    }
  });

  it('deploys commit A: built in its release folder, database dumped before its migration, live and healthy', async () => {
    const deploy = await script('deploy.sh');
    measure(`deploy A (first: npm, Prisma client, next build): ${seconds(deploy.ms)}`);
    for (const step of deploy.output.match(/^\[[\d:]+\] (dependencies|prisma client|web build).*: done in \d+ s$/gm) ?? [])
      measure(`  A ${step.slice(11)}`);
    expect(deploy.code, deploy.output).toBe(0);
    expect(currentRelease()).toBe(commitA);
    expect(readFileSync(path.join(base, 'releases', commitA, 'REVISION'), 'utf8').trim()).toBe(commitA);
    expect(deploy.output).toContain(`migrations applied: 1 (${lastMigration})`);

    const processes = await apps();
    expect(processes.map((entry) => entry.name).sort()).toEqual(['akount-api', 'akount-api', 'akount-web', 'akount-worker']);
    expect(processes.every((entry) => entry.status === 'online' && entry.release === commitA)).toBe(true);

    // The dump was taken before the migration: its history lacks the migration A applied.
    const dumps = readdirSync(path.join(base, 'shared', 'backups'));
    expect(dumps).toHaveLength(1);
    const history = await run(pgRestore, [
      '--data-only',
      '--table=_prisma_migrations',
      '--file=-',
      path.join(base, 'shared', 'backups', dumps[0] ?? ''),
    ]);
    expect(history.code, history.output).toBe(0);
    for (const name of migrations.slice(0, -1)) expect(history.output).toContain(name);
    expect(history.output).not.toContain(lastMigration);
    const client = new pg.Client({ connectionString: postgres?.superuserUrl.replace(/\/postgres$/, '/akount') });
    await client.connect();
    try {
      const applied = await client.query('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name');
      expect(applied.rows.map((row: { migration_name: string }) => row.migration_name)).toEqual(migrations);
      // A deploy never seeds: no tenant exists until this test seeds the demo data.
      expect((await client.query('SELECT count(*)::int AS n FROM "Tenant"')).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  }, 600_000);

  it('smoke.sh passes against the live release, and fails when the API is not there', async () => {
    const logger = createLogger({ name: 'seed', level: 'warn', pretty: false });
    const database = createDatabase({ url: postgres?.appUrl ?? '', poolSize: 2, slowQueryMs: 10_000, poolWaitWarnMs: 10_000, logger });
    try {
      await seedDemoTenants(database);
    } finally {
      await database.close();
    }
    const web = `http://127.0.0.1:${ports.web}`;
    const smoke = await script('smoke.sh', ['--web', web, '--api', `http://127.0.0.1:${ports.api}`]);
    expect(smoke.code, smoke.output).toBe(0);
    expect(smoke.output).toMatch(/PASS {2}signed-in \/api\/system\/me reads the database \(200\)/);
    expect(smoke.output).toMatch(/PASS {2}signed-out \/overview redirects \(307\)/);
    const broken = await script('smoke.sh', ['--web', web, '--api', 'http://127.0.0.1:55299']);
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/FAIL {2}api \/health: got 000/);
  });

  it('refuses commit B, whose API cannot boot, in the preflight: A keeps serving untouched', async () => {
    const mainFile = path.join(source, 'api/src/main.ts');
    const main = readFileSync(mainFile, 'utf8');
    const anchor = 'const instances = resolveInstances(';
    expect(main).toContain(anchor);
    const requireSecret =
      "if (!process.env.PAYMENTS_WEBHOOK_SECRET) fail('PAYMENTS_WEBHOOK_SECRET is not set: add it to the environment.');\n";
    writeFileSync(mainFile, main.replace(anchor, `${requireSecret}${anchor}`));
    git(['commit', '-q', '-am', 'B: the API requires the payments webhook secret']);
    git(['push', '-q', remote, 'main']);
    commitB = git(['rev-parse', 'HEAD']);

    const before = await apps();
    const loop = loopOverSite();
    const deploy = await script('deploy.sh');
    const report = await loop.stop();
    measure(`deploy B refused by the preflight: ${seconds(deploy.ms)}, ${report.total} requests, ${report.failures.length} failed`);
    expect(deploy.code, deploy.output).toBe(1);
    expect(deploy.output).toContain('PAYMENTS_WEBHOOK_SECRET is not set');
    expect(deploy.output).toContain(
      `preflight of ${commitB.slice(0, 12)} failed (api exited before it was healthy): nothing was switched; live: ${commitA.slice(0, 12)}`,
    );
    expect(currentRelease()).toBe(commitA);
    expect((await apps()).map((entry) => [entry.pid, entry.release])).toEqual(before.map((entry) => [entry.pid, commitA]));
    expect(report.failures, JSON.stringify(summarize(report.failures))).toEqual([]);
  }, 600_000);

  it('without the preflight, B fails its health check and deploy.sh rolls back to A, which serves again', async () => {
    const before = await apps();
    const loop = loopOverSite();
    const deploy = await script('deploy.sh', ['--no-preflight']);
    const ended = Date.now() - loop.report.startedAt;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const report = await loop.stop();
    const api = report.failures.filter((failure) => failure.url.includes(`:${ports.api}/`));
    const [first, last] = [api[0], api.at(-1)];
    const outage = first && last ? `${seconds(last.atMs - first.atMs)} (${JSON.stringify(summarize(api))})` : 'none';
    measure(
      `deploy B without preflight, rolled back: ${seconds(deploy.ms)}; api requests failed ${api.length}/${report.total}, outage ${outage}`,
    );
    expect(deploy.code, deploy.output).toBe(1);
    expect(deploy.output).toMatch(
      new RegExp(`deploy of ${commitB.slice(0, 12)} failed its health check; rolled back to ${commitA.slice(0, 12)}, which is serving`),
    );
    expect(currentRelease()).toBe(commitA);
    const after = await apps();
    expect(after.every((entry) => entry.status === 'online' && entry.release === commitA)).toBe(true);
    // The API failed first, so the worker and the web app were never restarted.
    for (const name of ['akount-worker', 'akount-web']) {
      expect(after.find((entry) => entry.name === name)?.pid).toBe(before.find((entry) => entry.name === name)?.pid);
    }
    expect(report.failures.filter((failure) => failure.atMs > ended)).toEqual([]);
    expect(existsSync(path.join(base, 'releases', commitB, '.akount-release-failed'))).toBe(true);
  }, 600_000);

  it('with the secret added, B deploys without the API port ever refusing a connection; rollback.sh puts A back', async () => {
    appendFileSync(envFile, 'PAYMENTS_WEBHOOK_SECRET=whsec_rehearsal\n');
    const loop = loopOverSite();
    const deploy = await script('deploy.sh');
    const report = await loop.stop();
    const api = report.failures.filter((failure) => failure.url.includes(`:${ports.api}/`));
    const web = report.failures.filter((failure) => failure.url.includes(`:${ports.web}/`));
    measure(
      `deploy B (release reused): ${seconds(deploy.ms)}; ${report.total} requests; api failed ${api.length} ${JSON.stringify(summarize(api))}; ` +
        `web failed ${web.length} (fork-mode restart gap)`,
    );
    expect(deploy.code, deploy.output).toBe(0);
    expect(deploy.output).toContain(`release ${commitB.slice(0, 12)} is already built: reusing it`);
    expect(currentRelease()).toBe(commitB);
    expect(currentRelease('previous')).toBe(commitA);
    expect((await apps()).every((entry) => entry.status === 'online' && entry.release === commitB)).toBe(true);
    // PM2 retires an old API instance only once its replacement listens: the port always accepts.
    expect(api.filter((failure) => failure.what !== '503')).toEqual([]);

    const rollback = await script('rollback.sh');
    measure(`rollback.sh to A: ${seconds(rollback.ms)}`);
    expect(rollback.code, rollback.output).toBe(0);
    expect(currentRelease()).toBe(commitA);
    expect(currentRelease('previous')).toBe(commitB);
    expect((await apps()).every((entry) => entry.status === 'online' && entry.release === commitA)).toBe(true);
    const smoke = await script('smoke.sh', ['--web', `http://127.0.0.1:${ports.web}`, '--api', `http://127.0.0.1:${ports.api}`]);
    expect(smoke.code, smoke.output).toBe(0);
    const list = await script('rollback.sh', ['--list']);
    expect(list.output).toContain(`${commitA} (current)`);
    expect(list.output).toContain(`${commitB} (previous)`);
  }, 600_000);
});
