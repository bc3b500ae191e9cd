/**
 * A real clamd for tests, started in a temporary folder with a one-signature database (the EICAR
 * test file's MD5), listening on a unix socket and a free TCP port. No freshclam, no network: the
 * official databases are not needed to prove the scan path. Fails with an install hint when clamd
 * is missing (`.ci/run` installs clamav-daemon).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pingClamd } from '../src/virus-scan/clamd';

/** The EICAR anti-virus test file, assembled here so the repository itself never carries it whole. */
export const eicar = Buffer.from(['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(''));

export const testSignature = 'Akount.Test.EICAR.UNOFFICIAL';

function clamdBinary(): string {
  const candidates = [process.env.CLAMD_PATH, '/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd'].filter(Boolean) as string[];
  const found =
    candidates.find((candidate) => existsSync(candidate)) ??
    (spawnSync('sh', ['-c', 'command -v clamd']).stdout.toString().trim() || undefined);
  if (!found) throw new Error('clamd is not installed: apt-get install clamav-daemon (bash .ci/run does), or set CLAMD_PATH');
  return found;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TestClamd {
  socket: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startTestClamd(): Promise<TestClamd> {
  const binary = clamdBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'akount-clamd-'));
  const port = await freePort();
  const socket = path.join(dir, 'clamd.sock');
  writeFileSync(path.join(dir, 'akount-test.hdb'), `${createHash('md5').update(eicar).digest('hex')}:${eicar.length}:Akount.Test.EICAR\n`);
  const conf = path.join(dir, 'clamd.conf');
  writeFileSync(
    conf,
    [
      'Foreground yes',
      `DatabaseDirectory ${dir}`,
      `LocalSocket ${socket}`,
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      'StreamMaxLength 12M',
      `LogFile ${path.join(dir, 'clamd.log')}`,
      // As root clamd would switch to its own user, which cannot read this temporary folder.
      ...(process.getuid?.() === 0 ? ['User root'] : []),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['-c', conf], { stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (!(await pingClamd({ socket, timeoutMs: 1000 }))) {
    if (exited) throw new Error(`clamd exited during start; see ${path.join(dir, 'clamd.log')}`);
    if (Date.now() > deadline) throw new Error('clamd did not answer PING within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    socket,
    host: '127.0.0.1',
    port,
    async stop() {
      if (!exited) {
        const done = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
