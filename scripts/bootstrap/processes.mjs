// The app's own processes (worker, api, web) as the local stack runs them:
// started with the bootstrap's environment, output prefixed by name,
// health-checked, and stopped with SIGTERM (then SIGKILL after a grace
// period). Used by `npm start` and by the stack smoke test.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BootstrapError } from './log.mjs';
import { root } from './paths.mjs';
import { stopChild } from './process-control.mjs';

const tsx = ['--import', 'tsx'];

/**
 * @param {{ apiPort: number, webPort: number, workerHealthPort: number, web: 'dev' | 'start' }} ports
 */
export function appProcesses(ports) {
  return [
    {
      name: 'worker',
      args: [...tsx, path.join(root, 'workflows/src/worker.ts')],
      cwd: root,
      env: { WORKER_HEALTH_PORT: String(ports.workerHealthPort) },
      health: `http://127.0.0.1:${ports.workerHealthPort}/health`,
    },
    {
      name: 'api',
      args: [...tsx, path.join(root, 'api/src/main.ts')],
      cwd: root,
      env: {
        API_PORT: String(ports.apiPort),
        CORS_ORIGINS: `http://localhost:${ports.webPort}`,
        STORAGE_DOWNLOAD_BASE_URL: `http://localhost:${ports.apiPort}/api/services/documents/download`,
      },
      health: `http://127.0.0.1:${ports.apiPort}/health`,
    },
    {
      name: 'web',
      // "localhost", not "127.0.0.1": with an IP hostname `next start` sends the proxy's internal
      // rewrites (Clerk's middleware makes them) back to itself over HTTP, forever (vercel/next.js#94745).
      args: [path.join(root, 'node_modules/next/dist/bin/next'), ports.web, '--port', String(ports.webPort), '--hostname', 'localhost'],
      cwd: path.join(root, 'web'),
      env: {
        WEB_PORT: String(ports.webPort),
        API_INTERNAL_URL: `http://127.0.0.1:${ports.apiPort}`,
        NEXT_PUBLIC_API_URL: `http://localhost:${ports.apiPort}`,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      health: `http://127.0.0.1:${ports.webPort}/health`,
    },
  ];
}

function prefixLines(stream, name, write) {
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) write(`${name.padEnd(6)} | ${line}\n`);
  });
}

/**
 * @param {ReturnType<typeof appProcesses>[number]} definition
 * @param {Record<string, string>} env
 * @param {(line: string) => void} write
 */
export function launch(definition, env, write = (line) => process.stdout.write(line)) {
  const child = spawn(process.execPath, definition.args, {
    cwd: definition.cwd,
    env: { ...process.env, ...env, ...definition.env },
    // Own process group: Ctrl-C reaches only the bootstrap, which stops the children in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child.stdout, definition.name, write);
  prefixLines(child.stderr, definition.name, write);
  return { name: definition.name, child, health: definition.health, stop: () => stopChild(child, 15_000) };
}

export async function waitForHealth(processHandle, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (processHandle.child.exitCode !== null) {
      throw new BootstrapError(`${processHandle.name} exited with code ${processHandle.child.exitCode} before it was healthy`);
    }
    try {
      const response = await fetch(processHandle.health, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new BootstrapError(`${processHandle.name} was not healthy within ${timeoutMs / 1000}s (${processHandle.health})`);
}

/**
 * Launches some of the app's processes with one environment, their output kept together,
 * for the test suites (stack, deploy, contract). `ready` resolves when each answers its
 * health check and prints the output's tail if one does not; `stop` stops them all.
 * @param {Parameters<typeof appProcesses>[0]} ports
 * @param {Record<string, string>} env
 * @param {string[]} [names]
 */
export function launchApps(ports, env, names = ['worker', 'api', 'web']) {
  /** @type {string[]} */
  const output = [];
  const handles = appProcesses(ports)
    .filter((definition) => names.includes(definition.name))
    .map((definition) => launch(definition, env, (line) => output.push(line)));
  return {
    handles,
    output,
    /** @param {number} timeoutMs */
    ready: async (timeoutMs) => {
      try {
        await Promise.all(handles.map((handle) => waitForHealth(handle, timeoutMs)));
      } catch (error) {
        process.stderr.write(output.slice(-60).join(''));
        throw error;
      }
    },
    stop: async () => {
      await Promise.all(handles.map((handle) => handle.stop()));
    },
  };
}
