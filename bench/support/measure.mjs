// One measured load run: autocannon against a URL, plus the counters that
// say where the time went — CPU used by the API's processes (a cluster
// primary and its workers), by PostgreSQL's processes and by this process (the load generator shares the machine).
// And a quiet probe that counts PostgreSQL transactions per request.
// Linux /proc only for CPU; elsewhere those fields are null.
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';

const clockTicksPerSecond = 100;

function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state(0) ppid(1) … utime(11) stime(12).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU ticks of a process and its children: the postmaster and its backends
 * (the API's pool among them), or the API's cluster primary and its workers.
 */
function treeTicks(parentPid) {
  let total = cpuTicks(parentPid)?.ticks ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = cpuTicks(entry);
    if (stat?.ppid === parentPid) total += stat.ticks;
  }
  return total;
}

async function committedTransactions(superuserUrl) {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

function autocannonRun(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Busy ticks of the whole machine (every process, ours or not) from the first line of /proc/stat. */
function machineTicks() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    return fields.slice(0, 8).reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  } catch {
    return undefined;
  }
}

function snapshot(apiPid, postmasterPid) {
  return {
    machine: machineTicks(),
    api: process.platform === 'linux' ? treeTicks(apiPid) : undefined,
    postgres: process.platform === 'linux' ? treeTicks(postmasterPid) : undefined,
    self: process.cpuUsage(),
  };
}

/**
 * @param {{ url: string, headers: Record<string, string>, connections: number, durationSeconds: number,
 *   apiPid: number, postmasterPid: number }} run
 */
export async function measure(run) {
  const before = snapshot(run.apiPid, run.postmasterPid);
  const result = await autocannonRun({ url: run.url, headers: run.headers, connections: run.connections, duration: run.durationSeconds });
  const after = snapshot(run.apiPid, run.postmasterPid);

  const seconds = result.duration;
  const cores = (ticks) => (ticks === undefined || Number.isNaN(ticks) ? null : round(ticks / clockTicksPerSecond / seconds, 2));
  const selfMicros = after.self.user + after.self.system - (before.self.user + before.self.system);
  const completed = result.latency.totalCount;
  return {
    durationSeconds: round(seconds, 2),
    connections: run.connections,
    requests: { mean: round(result.requests.average, 1), total: completed, sent: result.requests.sent },
    latencyMs: {
      mean: round(result.latency.average, 2),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
    cpuCores: {
      api: cores(after.api - before.api),
      postgres: cores(after.postgres - before.postgres),
      loadGenerator: round(selfMicros / 1e6 / seconds, 2),
      // Everything busy on the machine, the three above included: more than their sum means other work competed.
      machine: cores(after.machine - before.machine),
    },
  };
}

/**
 * PostgreSQL transactions committed per request, from pg_stat_database on an
 * otherwise idle database. Backends publish their counters up to 10 s after
 * going idle, hence the waits.
 */
export async function transactionsPerRequest({ url, headers, superuserUrl, requests = 100 }) {
  const settle = () => sleep(11_000);
  await settle();
  const before = await committedTransactions(superuserUrl);
  for (let n = 0; n < requests; n += 1) {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`probe request answered ${response.status}`);
  }
  await settle();
  // The first counter read committed a transaction of its own.
  const commits = (await committedTransactions(superuserUrl)) - before - 1;
  return round(commits / requests, 2);
}

/** A short unmeasured run, so the JIT, the pool and PostgreSQL's caches are warm. */
export async function warmUp({ url, headers, connections, durationSeconds }) {
  if (durationSeconds > 0) await autocannonRun({ url, headers, connections, duration: durationSeconds });
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
