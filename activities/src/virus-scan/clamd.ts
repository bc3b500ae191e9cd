/**
 * A clamd client for the virusScan activity: INSTREAM over TCP or a unix socket, the file sent in
 * chunks as it is read, so a 10 MB upload never sits in memory twice. Answers a verdict, or throws
 * ClamdError — `unavailable` (connection refused, timeout, clamd busy: worth retrying) or
 * `refused` (clamd rejected the stream, e.g. over its StreamMaxLength: retrying will not help).
 */
import net from 'node:net';

export type ClamdTarget = { socket: string; timeoutMs: number } | { host: string; port: number; timeoutMs: number };

export type ScanVerdict = { infected: false } | { infected: true; signature: string };

export class ClamdError extends Error {
  override readonly name = 'ClamdError';

  constructor(
    readonly kind: 'unavailable' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

/** clamd's default StreamMaxLength is 25 MB; chunks well below its 2 GB frame limit keep writes smooth. */
const CHUNK_BYTES = 64 * 1024;

function connect(target: ClamdTarget): net.Socket {
  return 'socket' in target
    ? net.createConnection({ path: target.socket })
    : net.createConnection({ host: target.host, port: target.port });
}

function describe(target: ClamdTarget): string {
  return 'socket' in target ? target.socket : `${target.host}:${target.port}`;
}

/** Sends one z-command (null-terminated) plus an optional body, and resolves clamd's whole answer. */
async function converse(target: ClamdTarget, command: string, body?: AsyncIterable<Uint8Array>): Promise<string> {
  const socket = connect(target);
  socket.setTimeout(target.timeoutMs);
  const chunks: Buffer[] = [];
  const received = () => Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim();
  const answer = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(received()));
    socket.on('timeout', () => {
      socket.destroy();
      reject(new ClamdError('unavailable', `clamd at ${describe(target)} did not answer within ${target.timeoutMs} ms`));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // clamd answers mid-stream and closes (size limit); our next write then resets the connection.
      if (chunks.length > 0) resolve(received());
      else reject(new ClamdError('unavailable', `cannot reach clamd at ${describe(target)} (${error.code ?? error.message})`));
    });
  });
  // Keep the rejection handled while the body is still being written.
  answer.catch(() => undefined);

  const write = (data: Uint8Array) =>
    new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    await write(Buffer.from(`z${command}\0`));
    if (body) {
      for await (const piece of body) {
        for (let offset = 0; offset < piece.length && chunks.length === 0; offset += CHUNK_BYTES) {
          const chunk = piece.subarray(offset, offset + CHUNK_BYTES);
          const size = Buffer.alloc(4);
          size.writeUInt32BE(chunk.length);
          await write(size);
          await write(chunk);
        }
      }
      if (chunks.length === 0) await write(Buffer.alloc(4)); // a zero-length chunk ends the stream
    }
  } catch {
    // clamd may close early (size limit); its answer, or the connection error, says why.
  }
  return answer;
}

export async function pingClamd(target: ClamdTarget): Promise<boolean> {
  try {
    return (await converse(target, 'PING')) === 'PONG';
  } catch {
    return false;
  }
}

export async function scanStream(target: ClamdTarget, body: AsyncIterable<Uint8Array>): Promise<ScanVerdict> {
  const answer = await converse(target, 'INSTREAM', body);
  const found = /^stream: (.+) FOUND$/.exec(answer);
  if (found?.[1]) return { infected: true, signature: found[1] };
  if (answer === 'stream: OK') return { infected: false };
  if (/size limit exceeded/i.test(answer)) throw new ClamdError('refused', `clamd refused the file: ${answer}`);
  throw new ClamdError('unavailable', `clamd answered "${answer || '(nothing)'}" instead of a verdict`);
}
