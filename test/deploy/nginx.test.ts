/**
 * The shipped Nginx site (infra/nginx/akount.conf), checked by nginx itself and then run for
 * real on loopback in front of the real API and web processes (launched as `npm start` launches
 * them, against the PostgreSQL and Temporal `npm test` provides): TLS, the HTTP redirect and
 * certbot's webroot, routing (/api/health to the API's liveness route), upload limits with and
 * without the API seeing the body, the API rate limit, gzip, the long cache of build output,
 * request ids, security headers without duplicates, and basic auth in front of the Temporal UI.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApps, requiredEnv as required, type LaunchedApps } from '../support/app-processes';
import {
  accessLogLines,
  answerBeforeBodyEnds,
  checkConfig,
  multipartFile,
  prepareSite,
  request,
  shippedSite,
  siteHost,
  startNginx,
  stopNginx,
  writeHtpasswd,
  type Answer,
  type PreparedSite,
  type SitePorts,
} from './nginx-harness';

const ports: SitePorts = { web: 55100, api: 55101, https: 55143, temporal: 55144, http: 55180, temporalUi: 55189 };
const appPorts = { webPort: ports.web, apiPort: ports.api, workerHealthPort: 55102, web: 'start' as const };
const uploadMaxBytes = 10 * 1024 * 1024;
const temporalUser = { name: 'ops', password: `test-${process.pid}-secret` };
const securityHeaders = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'x-frame-options': 'DENY',
};
const longCache = 'public, max-age=31536000, immutable';

let apps: LaunchedApps | undefined;
let site: PreparedSite | undefined;

const get = (pathName: string, headers = {}) => request(ports.https, pathName, { headers });

/** Each header once, with the value both apps use (a duplicate would read "a, a"). */
function expectSecurityHeaders(answer: Answer) {
  for (const [name, value] of Object.entries(securityHeaders)) expect(answer.headers[name], name).toBe(value);
}

/** A demo user's session token, from the dev sign-in (through nginx, like any client). */
async function devToken(): Promise<string> {
  const signIn = await request(ports.https, '/api/auth/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clerkUserId: 'dev_ava' }),
  });
  expect(signIn.status).toBe(200);
  return (signIn.json() as { token: string }).token;
}

async function logLines(needle: string): Promise<string[]> {
  // nginx writes the log line as the request ends, a moment after the client has its answer.
  for (let tries = 0; tries < 40; tries += 1) {
    const lines = accessLogLines(site as PreparedSite, needle);
    if (lines.length > 0) return lines;
    await sleep(50);
  }
  return [];
}

/** The real API and web app (no worker: nothing here runs a scan), and nginx in front of them. */
async function startStack(): Promise<void> {
  const env = {
    DATABASE_URL: required('DATABASE_URL'),
    TEMPORAL_ADDRESS: required('TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `nginx-test-${process.pid}`,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    // The API's own limiter must not be what the burst test measures.
    RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000',
    API_TRUST_PROXY: 'loopback',
  };
  apps = launchApps(appPorts, env, ['api', 'web']);
  await Promise.all([apps.ready(200_000), startNginx(site as PreparedSite)]);
}

beforeAll(() => {
  site = prepareSite(ports);
  writeHtpasswd(site.htpasswd, temporalUser.name, temporalUser.password);
});

afterAll(async () => {
  await stopNginx(site);
  await apps?.stop();
});

describe('nginx -t', () => {
  it('accepts the shipped site inside Ubuntu’s http block (a stapling warning for a self-signed certificate is fine)', () => {
    const result = checkConfig(site as PreparedSite);
    expect(result.output).toContain('test is successful');
    expect(result.status).toBe(0);
    expect(result.output).not.toMatch(/\[emerg\]/);
  });

  it('rejects the site if it repeats at the top level what Ubuntu’s nginx.conf already sets (the check has teeth)', async () => {
    const broken = prepareSite(ports, `gzip on;\n${readFileSync(shippedSite, 'utf8')}`);
    try {
      const result = checkConfig(broken);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/"gzip" directive is duplicate/);
    } finally {
      await stopNginx(broken);
    }
  });

  it('names the placeholder host, the Let’s Encrypt files and the htpasswd path the docs give', () => {
    const text = readFileSync(shippedSite, 'utf8');
    expect(text.match(/server_name akount\.example\.com;/g)).toHaveLength(3);
    for (const file of ['fullchain.pem', 'privkey.pem', 'chain.pem']) expect(text).toContain(`/etc/letsencrypt/live/${siteHost}/${file}`);
    expect(text).toContain('auth_basic_user_file /etc/nginx/akount-temporal.htpasswd;');
    // The apps send their own CSP (the web's with a per-request nonce); nginx must not add one.
    expect(text).not.toMatch(/add_header\s+Content-Security-Policy/i);
  });
});

describe('nginx in front of the API and the web app', () => {
  beforeAll(startStack);

  it('routes /api/health to the API’s liveness route and /api/health/ready to its readiness', async () => {
    const live = await get('/api/health');
    expect(live.status).toBe(200);
    expect(live.json()).toEqual({ status: 'ok', service: 'api' });
    expectSecurityHeaders(live);
    // The API's own CSP passes through untouched.
    expect(live.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    const ready = await get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
    // /health on the public host is the web app's, not the API's.
    expect((await get('/health')).json()).toEqual({ status: 'ok', service: 'web' });
  });

  it('serves the web app’s pages with the app’s own nonce CSP and one copy of each security header', async () => {
    const page = await get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text()).toContain('Ava Martin');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expectSecurityHeaders(page);
    const home = await get('/');
    expect([302, 303, 307, 308]).toContain(home.status);
    expect(home.headers.location).toMatch(/\/(sign-in|overview)/);
  });

  it('gives every request an id: the client’s when valid, else nginx’s, sent to the app, returned and logged', async () => {
    const mine = `nginx-test.${process.pid}:echo`;
    const api = await get('/api/health', { 'x-request-id': mine });
    expect(api.headers['x-request-id']).toBe(mine);
    const web = await get('/sign-in', { 'x-request-id': mine });
    expect(web.headers['x-request-id']).toBe(mine);
    // None given, or one the API would not accept: nginx's own (32 hex digits), which the API
    // took as its request id (its own would be a UUID with dashes).
    for (const headers of [{}, { 'x-request-id': 'has spaces; and "quotes"' }]) {
      const answer = await get('/api/health', headers);
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    }
    expect((await get('/sign-in')).headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    const lines = await logLines(`request_id=${mine} `);
    expect(lines.length).toBe(2);
    expect(lines.join('\n')).toContain(`upstream=127.0.0.1:${ports.api}`);
  });

  it('refuses an 11 MB upload itself, before the API sees it, in the API’s error shape', async () => {
    const eleven = multipartFile('file', 'huge scan.pdf', 'application/pdf', Buffer.alloc(11 * 1024 * 1024, 0x20));
    for (const route of ['/api/services/documents/upload', '/bff/documents/upload']) {
      const id = `nginx-test-413-${route.split('/')[1]}-${process.pid}`;
      const refused = await request(ports.https, route, {
        method: 'POST',
        headers: { 'content-type': eleven.contentType, 'x-request-id': id },
        body: eleven.body,
      });
      expect(refused.status, route).toBe(413);
      expect(refused.headers['content-type']).toContain('application/json');
      expect(refused.json()).toEqual({
        error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('up to 10 MB'), requestId: id },
      });
      expectSecurityHeaders(refused);
      // No upstream was contacted for it.
      const lines = await logLines(`request_id=${id} `);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(' 413 ');
      expect(lines[0]).toContain('upstream=- ');
    }
  });

  it('lets a file just over 10 MB through to the API, which refuses it with its own reason', async () => {
    const token = await devToken();
    // Which business: other suites (schemathesis) may have given the demo user more than one.
    const me = await request(ports.https, '/api/system/me', { headers: { authorization: `Bearer ${token}` } });
    const entityId = (me.json() as { entities: { id: string }[] }).entities[0]!.id;
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(uploadMaxBytes + 1 - 9, 0x20)]);
    const form = multipartFile('file', 'just over.pdf', 'application/pdf', file, { entityId });
    expect(form.body.length).toBeGreaterThan(uploadMaxBytes + 1);
    const answer = await request(ports.https, '/api/services/documents/upload', {
      method: 'POST',
      headers: { 'content-type': form.contentType, authorization: `Bearer ${token}` },
      body: form.body,
    });
    expect(answer.status).toBe(413);
    expect(answer.json()).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', details: { reason: 'FILE_TOO_LARGE', maxBytes: uploadMaxBytes } },
    });
  });

  it('streams uploads to the API instead of buffering them: the API answers before the body ends', async () => {
    // Unsigned: the API refuses on its first look (the headers); nginx can only relay that
    // refusal before the body is complete if it opened the upstream request right away.
    const form = multipartFile('file', 'scan.pdf', 'application/pdf', Buffer.alloc(uploadMaxBytes - 4096, 0x20));
    const headers = { 'content-type': form.contentType };
    const early = await answerBeforeBodyEnds(
      ports.https,
      '/api/services/documents/upload',
      headers,
      form.body.subarray(0, 256 * 1024),
      form.body.length,
      10_000,
    );
    expect(early, 'no answer while the body was unfinished: nginx buffered it').not.toBeNull();
    expect(early?.status).toBe(401);
    expect(early?.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    // And no upload so far was spooled to a temporary file.
    expect(readFileSync((site as PreparedSite).errorLog, 'utf8')).not.toContain('buffered to a temporary file');
  });

  it('compresses text responses when the client accepts gzip', async () => {
    const plain = await get('/api/docs/json');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const compressed = await get('/api/docs/json', { 'accept-encoding': 'gzip' });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers.vary).toMatch(/Accept-Encoding/i);
    expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(gunzipSync(compressed.body).toString('utf8'))).toMatchObject({ openapi: expect.any(String) });
  });

  it('serves /_next/static build output compressed with a one-year immutable cache, once', async () => {
    const html = (await get('/sign-in')).text();
    const scripts = [...html.matchAll(/\/_next\/static\/[\w\-./]+\.js/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    const answers = await Promise.all(scripts.slice(0, 5).map((script) => get(script, { 'accept-encoding': 'gzip' })));
    const large = answers.find((answer) => answer.headers['content-encoding'] === 'gzip');
    expect(large, 'no script came back gzipped').toBeDefined();
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe(longCache);
      expectSecurityHeaders(answer);
    }
    expect(gunzipSync((large as Answer).body).length).toBeGreaterThan(1024);
    const missing = await get('/_next/static/chunks/does-not-exist.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toBe(longCache);
  });

  it('redirects plain HTTP to HTTPS, except certbot’s challenge files', async () => {
    const redirected = await request(ports.http, '/sign-in?from=http', { plain: true });
    expect(redirected.status).toBe(301);
    expect(redirected.headers.location).toBe(`https://${siteHost}/sign-in?from=http`);
    const token = `token-${process.pid}`;
    const challenges = path.join((site as PreparedSite).acmeRoot, '.well-known', 'acme-challenge');
    mkdirSync(challenges, { recursive: true });
    writeFileSync(path.join(challenges, token), 'challenge-answer');
    const challenge = await request(ports.http, `/.well-known/acme-challenge/${token}`, { plain: true });
    expect(challenge.status).toBe(200);
    expect(challenge.text()).toBe('challenge-answer');
    expect((await request(ports.http, '/.well-known/acme-challenge/missing', { plain: true })).status).toBe(404);
  });

  it('asks for a password before the Temporal UI (502 with one here: the UI is not running)', async () => {
    const anonymous = await request(ports.temporal, '/');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="Akount Temporal UI"');
    expectSecurityHeaders(anonymous);
    const basic = (password: string) => `Basic ${Buffer.from(`${temporalUser.name}:${password}`).toString('base64')}`;
    expect((await request(ports.temporal, '/', { headers: { authorization: basic('wrong') } })).status).toBe(401);
    const admitted = await request(ports.temporal, '/namespaces/default/workflows', {
      headers: { authorization: basic(temporalUser.password) },
    });
    expect(admitted.status).toBe(502);
  });

  it('limits a burst on /api to 10/s with 20 extra, answering 429 in the API’s error shape', async () => {
    // Let the bucket drain from the earlier tests (10/s).
    await sleep(2_500);
    const answers = await Promise.all(Array.from({ length: 40 }, () => get('/api/health')));
    const statuses = answers.map((answer) => answer.status);
    const passed = statuses.filter((status) => status === 200).length;
    const limited = answers.filter((answer) => answer.status === 429);
    expect(passed + limited.length, `statuses: ${statuses.join(',')}`).toBe(40);
    expect(passed).toBeGreaterThanOrEqual(21);
    expect(passed).toBeLessThanOrEqual(30);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(limited[0]?.json()).toMatchObject({ error: { code: 'RATE_LIMITED', requestId: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expectSecurityHeaders(limited[0] as Answer);
    // The web app is not behind that limit.
    expect((await get('/health')).status).toBe(200);
  });
});
