/**
 * The API as production runs it: main.ts with API_INSTANCES=2 (a node:cluster
 * primary and two workers on one port). Each request below opens its own
 * connection, so the primary's round-robin spreads them over both workers;
 * the workers' log lines say which one answered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { clearRateLimitCount, testDatabaseUrl } from '@akount/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const port = 3106;
const limit = 12;

interface LogLine {
  msg: string;
  instance?: number;
  pid?: number;
  reqId?: string;
  [key: string]: unknown;
}

let primary: ChildProcess;
let keyDir: string;
const logs: LogLine[] = [];
let ready = false;

/** One request on a fresh connection (no keep-alive), so the cluster balances it like a new client. */
function request(method: string, url: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: string; requestId: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, agent: false, headers: { connection: 'close', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, requestId: String(res.headers['x-request-id']) }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Which worker instances answered these requests, from their "request completed" log lines. */
async function instancesThatServed(requestIds: string[]): Promise<Set<number>> {
  const served = await until('the request logs', () => {
    const lines = logs.filter((line) => line.msg === 'request completed' && requestIds.includes(String(line.reqId)));
    return lines.length === requestIds.length ? lines : undefined;
  });
  return new Set(served.map((line) => Number(line.instance)));
}

const listeningWorkers = () => logs.filter((line) => line.msg === 'api worker listening').map((line) => Number(line.pid));

/** The global tier counts per client address; every request here comes from 127.0.0.1. */
const resetRateLimit = () => clearRateLimitCount('global 127.0.0.1');

beforeAll(async () => {
  keyDir = mkdtempSync(path.join(os.tmpdir(), 'akount-cluster-'));
  await resetRateLimit();
  primary = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'api/src/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_POOL_SIZE: '2',
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7243',
      API_PORT: String(port),
      API_INSTANCES: '2',
      DEV_SIGN_IN_KEY_FILE: path.join(keyDir, 'dev-key.pem'),
      RATE_LIMIT_GLOBAL_PER_MINUTE: String(limit),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  primary.on('message', (message) => {
    if (message === 'ready') ready = true;
  });
  let pending = '';
  primary.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
  });
  await until('the cluster to be ready', () => (ready ? true : undefined));
});

afterAll(async () => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
  rmSync(keyDir, { recursive: true, force: true });
  await resetRateLimit();
});

describe('API_INSTANCES=2', () => {
  it('holds the global rate limit across both workers together', async () => {
    await resetRateLimit();
    const responses = [];
    for (let n = 0; n < limit + 2; n += 1) responses.push(await request('GET', '/health'));
    expect(responses.map((response) => response.status)).toEqual([...Array<number>(limit).fill(200), 429, 429]);
    expect(await instancesThatServed(responses.slice(0, limit).map((response) => response.requestId))).toHaveLength(2);
    await resetRateLimit();
  });

  it('accepts a token signed by one worker on the other', async () => {
    await resetRateLimit();
    const signIn = await request(
      'POST',
      '/api/auth/dev/sign-in',
      { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      JSON.stringify({ clerkUserId: 'dev_ava' }),
    );
    expect(signIn.status).toBe(200);
    const { token } = JSON.parse(signIn.body) as { token: string };
    const responses = [];
    for (let n = 0; n < 6; n += 1) responses.push(await request('GET', '/api/system/me', { authorization: `Bearer ${token}` }));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await instancesThatServed(responses.map((response) => response.requestId))).toHaveLength(2);
    await resetRateLimit();
  });

  it('replaces a worker that crashes, and keeps serving meanwhile', async () => {
    const [victim, survivor] = listeningWorkers();
    expect(victim).toBeDefined();
    process.kill(victim!, 'SIGKILL');
    const replacement = await until('a replacement worker', () => listeningWorkers().find((pid) => pid !== victim && pid !== survivor));
    expect(replacement).not.toBe(victim);
    expect(logs.some((line) => line.msg === 'api worker died: starting a replacement' && line.pid === victim)).toBe(true);
    const statuses = [];
    for (let n = 0; n < 4; n += 1) statuses.push((await request('GET', '/health')).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('drains every worker on SIGTERM and exits 0', async () => {
    const workers = listeningWorkers().filter((pid) => isAlive(pid));
    expect(workers).toHaveLength(2);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers.filter((pid) => isAlive(pid))).toEqual([]);
    expect(logs.filter((line) => line.msg === 'api stopped')).toHaveLength(2);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
