#!/usr/bin/env node
// Command A: `npm start`. Brings up PostgreSQL, Temporal, the worker, the API
// and the web app on embedded defaults, prints where everything is, and stops
// every child cleanly on Ctrl-C. Needs nothing but Node.js and npm installed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bootstrap } from './bootstrap/index.mjs';
import { BootstrapError, say } from './bootstrap/log.mjs';
import { root } from './bootstrap/paths.mjs';
import { appProcesses, launch, waitForHealth } from './bootstrap/processes.mjs';

// A local .env (copied from .env.example) applies to npm start; npm test ignores it.
const dotenv = path.join(root, '.env');
if (existsSync(dotenv)) process.loadEnvFile(dotenv);

const ports = {
  apiPort: Number(process.env.API_PORT ?? 3001),
  webPort: Number(process.env.WEB_PORT ?? 3000),
  workerHealthPort: Number(process.env.WORKER_HEALTH_PORT ?? 3002),
  web: process.env.AKOUNT_WEB_MODE === 'start' ? 'start' : 'dev',
};

let stack;
const running = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const handle of running.reverse()) await handle.stop();
  if (stack) await stack.stop();
  say('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  stack = await bootstrap('dev');
  const env = { ...stack.env, NODE_ENV: 'development', LOG_PRETTY: process.stdout.isTTY ? 'true' : 'false' };
  for (const definition of appProcesses(ports)) {
    const handle = launch(definition, env);
    running.push(handle);
    handle.child.once('exit', (code) => {
      if (!stopping) {
        say(`${handle.name} exited unexpectedly (code ${code}); stopping the stack`);
        void stopAll(1);
      }
    });
  }
  await Promise.all(running.map((handle) => waitForHealth(handle)));

  const users = stack.demoTenants.map(
    (demo) => `      ${demo.user.name.padEnd(12)} ${demo.user.email.padEnd(22)} tenant "${demo.tenantName}"`,
  );
  process.stdout.write(
    [
      '',
      '  Akount is running.',
      '',
      `    App          http://localhost:${ports.webPort}`,
      `    API          http://localhost:${ports.apiPort}   (health: /health, readiness: /health/ready)`,
      `    Temporal UI  ${stack.temporalUiUrl ?? '(external Temporal: see your server)'}`,
      '',
      '    Sign in: open the app and pick a demo user (each is in a different tenant):',
      ...users,
      '',
      '  Data lives in .data/ and survives restarts. Press Ctrl-C to stop everything.',
      '',
    ].join('\n') + '\n',
  );
} catch (error) {
  process.stderr.write(`\n${error instanceof BootstrapError ? error.message : error.stack}\n`);
  await stopAll(1);
}
