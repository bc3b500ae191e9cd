// The document pipeline benchmark (`npm run bench -- pipeline`): documents uploaded through the
// real API, scanned by the real worker through the real workflow on a Temporal dev server, with the
// fake Mistral answering OCR and chat calls after a fixed latency (0 ms and 800 ms by default).
// For each latency it measures, until every document waits for review (AWAITING_REVIEW):
//   - documents per minute, from the first upload to the last document reaching review;
//   - upload → AWAITING_REVIEW per document (Document.createdAt to the status change, both stamped
//     by PostgreSQL), p50 and p95 — all documents are uploaded in one burst, so this includes queueing;
//   - CPU seconds per document of the worker and of the Temporal server (from /proc);
//   - the same activities called directly in one process at the same concurrency
//     (workflows/scripts/bench-direct.ts), and the ratio orchestrated ÷ direct throughput.
// Target from the workflow issue: ratio ≥ 0.9 at 800 ms. Writes bench/results/pipeline.{json,md}.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { say } from '../scripts/bootstrap/log.mjs';
import { root } from '../scripts/bootstrap/paths.mjs';
import { stopChild } from '../scripts/bootstrap/process-control.mjs';
import { startTemporal } from '../scripts/bootstrap/temporal.mjs';
import { machine, quantile, sourceDigest, table, writeResults } from './support/report.mjs';
import { benchProfile, checkPortsFree, Cleanup, signIn, startApi, startDatabase } from './support/stack.mjs';

const target = { ratioAt800: 0.9 };
const taskQueue = 'bench-pipeline';
const workerHealthPort = Number(process.env.AKOUNT_BENCH_WORKER_PORT ?? 3202);
const clockTicks = 100; // USER_HZ on Linux

/** utime + stime of a process and its children that were waited for, in seconds. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

/** The bench's documents: dev-set text PDFs and receipt photos, alternating. */
function sourceDocuments() {
  const folder = path.join(root, 'fixtures', 'dev-set');
  const files = readdirSync(folder).filter((name) => /\.(pdf|png|jpe?g)$/.test(name) && !/^s\d/.test(name));
  const pdfs = files.filter((name) => name.endsWith('.pdf'));
  const images = files.filter((name) => !name.endsWith('.pdf'));
  const mixed = [];
  for (let i = 0; i < Math.max(pdfs.length, images.length); i += 1) {
    if (pdfs[i]) mixed.push(pdfs[i]);
    if (images[i]) mixed.push(images[i]);
  }
  return mixed.map((name) => ({ name, bytes: readFileSync(path.join(folder, name)) }));
}

/**
 * The n-th document of a run: a source file with a few bytes appended after its end marker, so
 * every upload has its own digest (the API refuses a second upload of the same bytes).
 */
export function uniqueDocument(sources, runLabel, n) {
  const source = sources[n % sources.length];
  const suffix = source.name.endsWith('.pdf') ? `\n%bench ${runLabel} ${n}\n` : `bench ${runLabel} ${n}`;
  const dot = source.name.lastIndexOf('.');
  return { name: `${source.name.slice(0, dot)}-${n}${source.name.slice(dot)}`, bytes: Buffer.concat([source.bytes, Buffer.from(suffix)]) };
}

async function upload(baseUrl, token, document) {
  const form = new FormData();
  form.set('file', new Blob([document.bytes]), document.name);
  const response = await fetch(`${baseUrl}/api/services/documents/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (response.status !== 202) throw new Error(`upload of ${document.name} answered ${response.status}: ${await response.text()}`);
  return (await response.json()).documentId;
}

async function pool(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

function startWorker(where, env, cleanup) {
  const logFile = path.join(where.logDir, 'worker.log');
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workflows/src/worker.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? root, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  cleanup.add('worker', () => stopChild(child, 30_000, 'SIGTERM'));
  return { child, logFile };
}

async function waitForWorker(worker) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (worker.child.exitCode !== null) throw new Error(`the worker exited with code ${worker.child.exitCode}; see ${worker.logFile}`);
    try {
      if ((await fetch(`http://127.0.0.1:${workerHealthPort}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the worker was not healthy within 120 s; see ${worker.logFile}`);
}

/** Polls PostgreSQL until every document of the run left the pipeline stages; returns their rows. */
async function waitForReview(client, ids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query(
      `SELECT id, status, "createdAt", "updatedAt" FROM "Document" WHERE id = ANY($1::text[])
         AND status IN ('AWAITING_REVIEW', 'NEEDS_ATTENTION', 'REJECTED', 'CANCELLED')`,
      [ids],
    );
    if (rows.length === ids.length) return rows;
    if (Date.now() > deadline)
      throw new Error(`only ${rows.length} of ${ids.length} documents reached review within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

async function orchestrated({ baseUrl, token, superuserUrl, sources, count, label, pids, uploadConcurrency }) {
  const documents = Array.from({ length: count }, (_, n) => uniqueDocument(sources, label, n));
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const started = Date.now();
  const ids = await pool(documents, uploadConcurrency, (document) => upload(baseUrl, token, document));
  const uploadedMs = Date.now() - started;
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const rows = await waitForReview(client, ids, 30 * 60_000);
    const cpu = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, (cpuSeconds(pid) - cpuBefore[name]) / count]));
    const notReviewed = rows.filter((row) => row.status !== 'AWAITING_REVIEW');
    if (notReviewed.length > 0)
      throw new Error(`${notReviewed.length} documents ended ${notReviewed[0].status} instead of AWAITING_REVIEW`);
    const first = Math.min(...rows.map((row) => row.createdAt.getTime()));
    const last = Math.max(...rows.map((row) => row.updatedAt.getTime()));
    const latencies = rows.map((row) => row.updatedAt.getTime() - row.createdAt.getTime()).sort((a, b) => a - b);
    return {
      documents: count,
      uploadSeconds: uploadedMs / 1000,
      seconds: (last - first) / 1000,
      perMinute: (count / (last - first)) * 60_000,
      p50Ms: quantile(latencies, 0.5),
      p95Ms: quantile(latencies, 0.95),
      cpuSecondsPerDocument: cpu,
    };
  } finally {
    await client.end();
  }
}

/** Writes the run's documents to a folder and has workflows/scripts/bench-direct.ts put them through the activities. */
function direct(env, { sources, count, concurrency, label, folder }) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (let n = 0; n < count; n += 1) {
    const document = uniqueDocument(sources, label, n);
    writeFileSync(path.join(folder, document.name), document.bytes);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'workflows/scripts/bench-direct.ts'), '--folder', folder, '--concurrency', String(concurrency)],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench-direct exited with code ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function run(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      documents: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '8' },
      latencies: { type: 'string', default: '0,800' },
    },
  });
  const count = Number(values.documents);
  const concurrency = Number(values.concurrency);
  const latencies = values.latencies.split(',').map(Number);
  const where = { ...benchProfile(), temporalPort: Number(process.env.AKOUNT_BENCH_TEMPORAL_PORT ?? 7263) };
  const cleanup = new Cleanup();
  const onSignal = () => cleanup.run().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await checkPortsFree(where);
    mkdirSync(where.logDir, { recursive: true });
    const database = await startDatabase(where, cleanup);
    const temporal = await startTemporal(where, { namespace: 'default', ui: false, env: process.env });
    cleanup.add('Temporal', temporal.stop);
    const { tsImport } = await import('tsx/esm/api');
    const { startFakeMistral, FAKE_API_KEY } = await tsImport('../packages/mistral/src/fake/index.ts', import.meta.url);
    const fake = await startFakeMistral({ requestsPerMinute: 1_000_000 });
    cleanup.add('fake Mistral', () => fake.close());

    const shared = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      STORAGE_LOCAL_DIR: where.storageDir,
      MISTRAL_API_KEY: FAKE_API_KEY,
      MISTRAL_BASE_URL: fake.url,
      // Measure orchestration, not our own client-side Mistral budget (5/s by default).
      MISTRAL_RATE_LIMIT_PER_SECOND: '1000',
    };
    const api = await startApi(
      where,
      {
        databaseUrl: database.url,
        poolSize: 5,
        instances: 1,
        rateLimitPerMinute: 1_000_000,
        extraEnv: { ...shared, RATE_LIMIT_AI_PER_MINUTE: '1000000' },
      },
      cleanup,
    );
    const worker = startWorker(
      where,
      {
        ...shared,
        WORKER_HEALTH_PORT: String(workerHealthPort),
        WORKER_MAX_CONCURRENT_ACTIVITIES: String(concurrency),
        DATABASE_POOL_SIZE: String(concurrency + 2),
      },
      cleanup,
    );
    await waitForWorker(worker);
    const token = await signIn(api.baseUrl, 'dev_ava');
    const sources = sourceDocuments();
    const pids = { worker: worker.child.pid, temporal: temporal.pid };

    const runs = [];
    for (const latencyMs of latencies) {
      fake.setBehaviour({ latencyMs });
      say(`pipeline: ${count} documents through the workflow, fake Mistral at ${latencyMs} ms, worker concurrency ${concurrency}`);
      const flow = await orchestrated({
        baseUrl: api.baseUrl,
        token,
        superuserUrl: database.superuserUrl,
        sources,
        count,
        label: `wf${latencyMs}`,
        pids,
        uploadConcurrency: 4,
      });
      say(`pipeline: the same activities called directly, ${concurrency} at a time`);
      const label = `direct${latencyMs}`;
      const straight = await direct(shared, { sources, count, concurrency, label, folder: path.join(where.dataDir, label) });
      runs.push({ latencyMs, orchestrated: flow, direct: straight, ratio: flow.perMinute / straight.perMinute });
    }

    const result = {
      benchmark: 'pipeline',
      date: new Date().toISOString(),
      machine: machine(),
      source: sourceDigest(['workflows/src', 'activities/src', 'api/src']),
      count,
      concurrency,
      target,
      runs,
    };
    const rows = runs.map((r) => [
      `${r.latencyMs} ms`,
      r.orchestrated.perMinute.toFixed(1),
      (r.orchestrated.p50Ms / 1000).toFixed(2),
      (r.orchestrated.p95Ms / 1000).toFixed(2),
      r.orchestrated.cpuSecondsPerDocument.worker.toFixed(3),
      r.orchestrated.cpuSecondsPerDocument.temporal.toFixed(3),
      r.direct.perMinute.toFixed(1),
      r.ratio.toFixed(3),
      r.latencyMs === 800 ? (r.ratio >= target.ratioAt800 ? 'PASS' : 'FAIL') : '—',
    ]);
    const markdown = [
      '# Pipeline benchmark',
      '',
      `${count} documents (dev-set text PDFs and receipt photos, alternating) uploaded through the API in one burst (4 uploads at a time),`,
      `scanned by one worker (${concurrency} concurrent activities) on a Temporal dev server, the fake Mistral answering OCR and chat`,
      'after the given latency. "Direct" calls the same activities in one process, the same number at a time, without Temporal.',
      `Target: orchestrated ÷ direct throughput ≥ ${target.ratioAt800} at 800 ms. Machine: ${result.machine.cpuCores} cores, load ${result.machine.loadAverage1m} before the run.`,
      '',
      table(
        [
          'Mistral latency',
          'docs/min',
          'p50 upload→review s',
          'p95 s',
          'worker CPU s/doc',
          'Temporal CPU s/doc',
          'direct docs/min',
          'ratio',
          'target',
        ],
        rows,
      ),
      '',
      'p50/p95 include the wait in the queue: every document is uploaded at once.',
      '',
    ].join('\n');
    const written = writeResults('pipeline', result, markdown);
    process.stdout.write(`\n${markdown}\nwritten: ${written.md}, ${written.json}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup.run();
  }
}
