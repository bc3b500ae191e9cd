#!/usr/bin/env node
// Command B: `npm test`. Bootstraps its own PostgreSQL and Temporal (ports
// and folders apart from `npm start`, so both can run at once), runs every
// suite, and ends with one line `N passed, N failed[, N skipped]` summing
// them all. Exits non-zero if anything failed.
//
//   npm test                 every suite
//   npm test -- unit db      only the named suites (see `suites` below)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { bootstrap } from './bootstrap/index.mjs';
import { BootstrapError, say } from './bootstrap/log.mjs';
import { root } from './bootstrap/paths.mjs';
import { launchApps } from './bootstrap/processes.mjs';
import { ensureSchemathesis } from './bootstrap/schemathesis.mjs';
import { buildWeb } from './bootstrap/web-build.mjs';

const node = process.execPath;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/**
 * Runs a child to completion without blocking the event loop: the servers
 * this process started keep having their output drained meanwhile.
 */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: error.message }));
  });
}

/** One check run as a child process: passes when it exits 0. */
async function check(label, command, args, options = {}) {
  say(`running ${label}…`);
  const result = await run(command, args, options);
  const ok = result.code === 0;
  if (!ok) say(`${label} FAILED (exit ${result.code ?? result.signal})`);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

async function vitest(env, reportDir, name = 'unit', config = 'vitest.config.ts') {
  const report = path.join(reportDir, `vitest-${name}.json`);
  rmSync(report, { force: true });
  say(`running the ${name} suite (Vitest)…`);
  const args = ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  await run(node, [path.join(root, 'node_modules/vitest/vitest.mjs'), ...args], { env: { ...process.env, ...env, NODE_ENV: 'test' } });
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0 };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  // A file that failed outside any test (an import error, a failing beforeAll)
  // has no failed test of its own; count it as one failure so it cannot hide.
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests + brokenFiles,
    skipped: json.numPendingTests + json.numTodoTests,
  };
}

/**
 * The API contract suite: the real API process, its OpenAPI document, and
 * schemathesis generating requests from it (as a signed-in demo user) to find
 * any 5xx or response that breaks the documented schema.
 */
async function contract(env, reportDir) {
  const st = ensureSchemathesis();
  const apiPort = 3111;
  const appEnv = { ...env, NODE_ENV: 'development', LOG_LEVEL: 'warn', RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000' };
  // The worker runs too, as it does beside every deployed API: without it, a review action on a
  // scan left waiting in the test database (an earlier suite's) rightly answers 503 "scanner unreachable".
  const apps = launchApps({ apiPort, webPort: 3110, workerHealthPort: 3112, web: 'dev' }, appEnv, ['worker', 'api']);
  try {
    await apps.ready(120_000);
    const signIn = await fetch(`http://127.0.0.1:${apiPort}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clerkUserId: 'dev_ava' }),
    });
    const { token } = await signIn.json();
    const args = ['run', `http://127.0.0.1:${apiPort}/api/docs/json`, '--header', `Authorization: Bearer ${token}`];
    args.push('--checks', 'not_a_server_error,response_schema_conformance', '--max-examples', '30', '--workers', '2');
    args.push('--report', 'junit', '--report-dir', path.join(reportDir, 'schemathesis'), '--no-color');
    return [await check('schemathesis (no 5xx, responses match the schema)', st.command, args, { env: { ...process.env, ...st.env } })];
  } finally {
    await apps.stop();
    const appErrors = apps.output.filter((line) => /"level":(50|60)/.test(line));
    if (appErrors.length > 0) process.stderr.write(appErrors.slice(-20).join(''));
  }
}

const suites = {
  static: async () => [
    await check('typecheck', node, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']),
    await check('typecheck (web)', node, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'web/tsconfig.json']),
    await check('eslint', bin('eslint'), ['--max-warnings=0', '.']),
    await check('prettier', bin('prettier'), ['--check', '--log-level=warn', '.']),
  ],
  unit: async (stack) => [await vitest(stack.env, stack.where.dataDir)],
  stack: async (stack) => [await vitest(stack.env, stack.where.dataDir, 'stack', 'test/stack/vitest.config.ts')],
  contract: async (stack) => contract(stack.env, stack.where.dataDir),
  deploy: async (stack) => [await vitest(stack.env, stack.where.dataDir, 'deploy', 'test/deploy/vitest.config.ts')],
};

const servesWebBuild = new Set(['stack', 'deploy']);

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = requested.length > 0 ? requested : Object.keys(suites);
const unknown = selected.filter((name) => !(name in suites));
if (unknown.length > 0) {
  process.stderr.write(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}\n`);
  process.exit(2);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let stack;
try {
  stack = await bootstrap('test');
  mkdirSync(stack.where.dataDir, { recursive: true });
  // The browser tests and the deployment kit's serve the production build (`next start`).
  if (selected.some((name) => servesWebBuild.has(name))) await buildWeb();
  for (const name of selected) {
    for (const result of await suites[name](stack)) {
      totals.passed += result.passed;
      totals.failed += result.failed;
      totals.skipped += result.skipped;
    }
  }
} catch (error) {
  process.stderr.write(`\n${error instanceof BootstrapError ? error.message : error.stack}\n`);
  totals.failed += 1;
} finally {
  if (stack) await stack.stop();
}

const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(totals.failed > 0 ? 1 : 0);
