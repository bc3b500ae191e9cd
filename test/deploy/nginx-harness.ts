/**
 * Runs the shipped Nginx site (infra/nginx/akount.conf) on loopback for the deploy tests: a copy
 * with the droplet's ports, certificate, webroot, password file and log paths replaced by plain
 * text (each replacement must find its text, so a renamed path fails loudly instead of testing
 * the droplet's values), wrapped in a main config that repeats what Ubuntu's nginx.conf sets in
 * its `http {}` block, so a directive the site must not repeat there is caught here. Also a small
 * HTTPS/HTTP client that keeps raw bytes and headers (no automatic decompression or redirects).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const shippedSite = fileURLToPath(new URL('../../infra/nginx/akount.conf', import.meta.url));
export const nginxBinary = '/usr/sbin/nginx';
export const siteHost = 'akount.example.com';

export interface SitePorts {
  http: number;
  https: number;
  temporal: number;
  web: number;
  api: number;
  temporalUi: number;
}

export interface PreparedSite {
  dir: string;
  mainConfig: string;
  siteConfig: string;
  acmeRoot: string;
  accessLog: string;
  errorLog: string;
  htpasswd: string;
}

type Replacement = [from: string, to: string];

/** Replaces every occurrence of each `from`; throws when one does not occur at all. */
export function substitute(text: string, replacements: Replacement[]): string {
  return replacements.reduce((result, [from, to]) => {
    if (!result.includes(from)) throw new Error(`the site no longer contains "${from}": update the test's substitutions`);
    return result.split(from).join(to);
  }, text);
}

/** The droplet's values in the shipped file and what the loopback copy uses instead. */
export function loopbackReplacements(ports: SitePorts, dir: string): Replacement[] {
  const live = `/etc/letsencrypt/live/${siteHost}`;
  return [
    ['listen 80;', `listen 127.0.0.1:${ports.http};`],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${ports.https} ssl http2;`],
    ['listen 8443 ssl http2;', `listen 127.0.0.1:${ports.temporal} ssl http2;`],
    // No IPv6 loopback is assumed on the test machine: the [::] twins are dropped.
    ['listen [::]:80;\n', ''],
    ['listen [::]:443 ssl http2;\n', ''],
    ['listen [::]:8443 ssl http2;\n', ''],
    [`${live}/fullchain.pem`, path.join(dir, 'fullchain.pem')],
    [`${live}/privkey.pem`, path.join(dir, 'privkey.pem')],
    [`${live}/chain.pem`, path.join(dir, 'chain.pem')],
    ['server 127.0.0.1:3000;', `server 127.0.0.1:${ports.web};`],
    ['server 127.0.0.1:3001;', `server 127.0.0.1:${ports.api};`],
    ['server 127.0.0.1:8233;', `server 127.0.0.1:${ports.temporalUi};`],
    ['/var/www/letsencrypt', path.join(dir, 'acme')],
    ['/etc/nginx/akount-temporal.htpasswd', path.join(dir, 'temporal.htpasswd')],
    ['/var/log/nginx/', `${path.join(dir, 'logs')}/`],
  ];
}

/**
 * The main config around the site: Ubuntu 24.04's http-block directives (so duplicates of them in
 * the site fail here as on the droplet), with pid, logs and temp paths in the test folder.
 * `user root`: the test runs as root and its folders are private to root.
 */
export function mainConfig(dir: string, site: string): string {
  const temp = (name: string) => path.join(dir, 'temp', name);
  return [
    'user root;',
    'worker_processes 2;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'logs', 'error.log')} warn;`,
    'events { worker_connections 512; }',
    'http {',
    '    sendfile on;',
    '    tcp_nopush on;',
    '    types_hash_max_size 2048;',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;',
    '    ssl_prefer_server_ciphers on;',
    `    access_log ${path.join(dir, 'logs', 'access.log')};`,
    '    gzip on;',
    `    client_body_temp_path ${temp('client_body')};`,
    `    proxy_temp_path ${temp('proxy')};`,
    `    fastcgi_temp_path ${temp('fastcgi')};`,
    `    uwsgi_temp_path ${temp('uwsgi')};`,
    `    scgi_temp_path ${temp('scgi')};`,
    `    include ${site};`,
    '}',
    '',
  ].join('\n');
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

function mustRun(command: string, args: string[]): string {
  const result = run(command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.output}`);
  return result.output;
}

/** A self-signed certificate for the site's host name, standing in for Let's Encrypt's files. */
function selfSignedCertificate(dir: string): void {
  const key = path.join(dir, 'privkey.pem');
  const cert = path.join(dir, 'fullchain.pem');
  mustRun('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${siteHost}`,
    '-addext',
    `subjectAltName=DNS:${siteHost}`,
  ]);
  writeFileSync(path.join(dir, 'chain.pem'), readFileSync(cert));
}

/** A basic-auth file in the apr1 format `htpasswd` writes (made with openssl, no apache2-utils). */
export function writeHtpasswd(file: string, user: string, password: string): void {
  const hash = mustRun('openssl', ['passwd', '-apr1', password]).trim();
  writeFileSync(file, `${user}:${hash}\n`, { mode: 0o640 });
}

/** Writes the loopback copy of `siteText` (default: the shipped site) and its main config. */
export function prepareSite(ports: SitePorts, siteText = readFileSync(shippedSite, 'utf8')): PreparedSite {
  const dir = mkdtempSync(path.join(tmpdir(), 'akount-nginx-'));
  for (const folder of ['logs', 'temp', 'acme']) mkdirSync(path.join(dir, folder));
  selfSignedCertificate(dir);
  const siteConfig = path.join(dir, 'akount.conf');
  writeFileSync(siteConfig, substitute(siteText, loopbackReplacements(ports, dir)));
  const main = path.join(dir, 'nginx.conf');
  writeFileSync(main, mainConfig(dir, siteConfig));
  return {
    dir,
    mainConfig: main,
    siteConfig,
    acmeRoot: path.join(dir, 'acme'),
    accessLog: path.join(dir, 'logs', 'akount.access.log'),
    errorLog: path.join(dir, 'logs', 'error.log'),
    htpasswd: path.join(dir, 'temporal.htpasswd'),
  };
}

/** `nginx -t` on the prepared copy: its exit status and everything it printed. */
export function checkConfig(site: PreparedSite) {
  return run(nginxBinary, ['-t', '-p', site.dir, '-c', site.mainConfig]);
}

/** Starts the master (it daemonizes) and waits for its pid file. */
export async function startNginx(site: PreparedSite): Promise<void> {
  mustRun(nginxBinary, ['-p', site.dir, '-c', site.mainConfig]);
  const pidFile = path.join(site.dir, 'nginx.pid');
  for (let tries = 0; tries < 100 && !existsSync(pidFile); tries += 1) await sleep(50);
  if (!existsSync(pidFile)) throw new Error(`nginx did not write ${pidFile}:\n${readFileSync(site.errorLog, 'utf8')}`);
}

function masterPid(site: PreparedSite): number | null {
  const pidFile = path.join(site.dir, 'nginx.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Graceful quit of this copy's master (by its pid file), SIGKILL after 10 s; then removes the folder. */
export async function stopNginx(site: PreparedSite | undefined): Promise<void> {
  if (!site) return;
  const pid = masterPid(site);
  if (pid !== null && alive(pid)) {
    run(nginxBinary, ['-s', 'quit', '-p', site.dir, '-c', site.mainConfig]);
    for (let tries = 0; tries < 200 && alive(pid); tries += 1) await sleep(50);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(site.dir, { recursive: true, force: true });
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: () => string;
  json: () => unknown;
}

function answerOf(incoming: IncomingMessage, bytes: Buffer): Answer {
  return {
    status: incoming.statusCode ?? 0,
    headers: incoming.headers,
    body: bytes,
    text: () => bytes.toString('utf8'),
    json: () => JSON.parse(bytes.toString('utf8')) as unknown,
  };
}

export interface RequestOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
  /** Plain HTTP instead of HTTPS. */
  plain?: boolean;
}

/**
 * One request on a fresh connection to 127.0.0.1:port, Host and SNI set to the site's name, the
 * self-signed certificate accepted. Resolves with the answer even when the server stops reading
 * the body early (nginx refusing an oversized upload).
 */
export function request(port: number, pathName: string, options: RequestOptions = {}): Promise<Answer> {
  const { method = 'GET', headers = {}, body, plain = false } = options;
  const transport = plain ? http : https;
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = transport.request(
      {
        host: '127.0.0.1',
        port,
        path: pathName,
        method,
        agent: false,
        headers: { host: siteHost, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }), ...headers },
        ...(plain ? {} : { servername: siteHost, rejectUnauthorized: false }),
      },
      (incoming) => {
        answered = true;
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          resolve(answerOf(incoming, Buffer.concat(chunks)));
        });
      },
    );
    outgoing.setTimeout(60_000, () => outgoing.destroy(new Error(`${method} ${pathName}: no answer within 60 s`)));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // The answer came first and the server closed while the body was still being written.
      if (answered && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) return;
      reject(error);
    });
    outgoing.end(body);
  });
}

/**
 * Sends the headers (with Content-Length `declaredLength`) and only `firstBytes` of the body, then
 * waits: resolves with the answer if one comes within `waitMs` while the body is still unfinished,
 * or null. Either way the connection is then dropped. Shows whether nginx streams request bodies.
 */
export function answerBeforeBodyEnds(
  port: number,
  pathName: string,
  headers: OutgoingHttpHeaders,
  firstBytes: Buffer,
  declaredLength: number,
  waitMs: number,
): Promise<Answer | null> {
  return new Promise((resolve) => {
    const outgoing = https.request(
      {
        host: '127.0.0.1',
        port,
        path: pathName,
        method: 'POST',
        agent: false,
        servername: siteHost,
        rejectUnauthorized: false,
        headers: { host: siteHost, 'content-length': declaredLength, ...headers },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        const done = () => {
          clearTimeout(timer);
          resolve(answerOf(incoming, Buffer.concat(chunks)));
          outgoing.destroy();
        };
        incoming.on('end', done);
        incoming.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      resolve(null);
      outgoing.destroy();
    }, waitMs);
    outgoing.on('error', () => undefined);
    outgoing.write(firstBytes);
  });
}

/** A multipart/form-data body with one file part, as a browser's FormData would send it. */
export function multipartFile(
  fieldName: string,
  fileName: string,
  contentType: string,
  content: Buffer,
  fields: Record<string, string> = {},
) {
  const boundary = `----akount-nginx-test-${process.pid}`;
  // Plain fields first: the API reads them before the file (entityId says which business).
  const plain = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    `${plain.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The access-log lines (the site's `akount` format) that contain `needle`. */
export function accessLogLines(site: PreparedSite, needle: string): string[] {
  if (!existsSync(site.accessLog)) return [];
  return readFileSync(site.accessLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes(needle));
}
