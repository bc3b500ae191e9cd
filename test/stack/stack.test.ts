/**
 * Command A's processes, for real: worker, API and web launched with the same
 * definitions `npm start` uses (scripts/bootstrap/processes.mjs), on their own
 * ports, against the PostgreSQL and Temporal that `npm test` started.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApps, requiredEnv as required, type LaunchedApps } from '../support/app-processes';
import { launchBrowser } from './browser';
import {
  firstLoadJs,
  largestContentfulPaint,
  recordStatusChanges,
  statusSeenAt,
  workflowReachedAt,
  workflowStatus,
  writePerformance,
} from './web-performance';

const screenshot = (name: string) => fileURLToPath(new URL(`../../web/e2e/screenshots/${name}.png`, import.meta.url));

const ports = { apiPort: 3101, webPort: 3100, workerHealthPort: 3102, web: 'start' as const };
const taskQueue = `stack-smoke-${process.pid}`;
let apps: LaunchedApps | undefined;

beforeAll(async () => {
  const env = {
    DATABASE_URL: required('DATABASE_URL'),
    TEMPORAL_ADDRESS: required('TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  };
  apps = launchApps(ports, env);
  await apps.ready(200_000);
});

afterAll(async () => {
  await apps?.stop();
});

describe('npm start processes', () => {
  it('the API is live and ready (database and Temporal reachable)', async () => {
    const live = await fetch(`http://127.0.0.1:${ports.apiPort}/health`);
    expect(live.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${ports.apiPort}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('the worker polls its task queue and runs activities', async () => {
    const health = await fetch(`http://127.0.0.1:${ports.workerHealthPort}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', state: 'RUNNING', taskQueue });
    const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
    try {
      const client = new Client({ connection });
      const result = await client.workflow.execute('pingWorkflow', { args: ['smoke'], taskQueue, workflowId: `stack-ping-${Date.now()}` });
      expect(result).toMatchObject({ message: 'smoke', attempt: 1 });
      const workerPid = apps?.handles.find((handle) => handle.name === 'worker')?.child.pid;
      expect((result as { pid: number }).pid).toBe(workerPid);
    } finally {
      await connection.close();
    }
  });

  it('the web app serves the sign-in page with the demo users, and sends signed-out visitors there', async () => {
    const health = await fetch(`http://127.0.0.1:${ports.webPort}/health`);
    expect(health.status).toBe(200);
    const signIn = await fetch(`http://127.0.0.1:${ports.webPort}/sign-in`);
    expect(signIn.status).toBe(200);
    const html = await signIn.text();
    expect(html).toContain('Ava Martin');
    expect(html).toContain('Harbor Bakery');
    const home = await fetch(`http://127.0.0.1:${ports.webPort}/overview`, { redirect: 'manual' });
    expect([302, 303, 307, 308]).toContain(home.status);
    expect(home.headers.get('location')).toContain('/sign-in');
  });

  it('the web app sends a nonce-based CSP, HSTS and the other security headers', async () => {
    const page = await fetch(`http://127.0.0.1:${ports.webPort}/sign-in`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' http://localhost:${ports.apiPort}`);
    // A production build: no eval for scripts.
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await page.text()).toContain(`nonce="${nonce}"`);
    const second = await fetch(`http://127.0.0.1:${ports.webPort}/sign-in`);
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    for (const response of [page, await fetch(`http://127.0.0.1:${ports.webPort}/icon.svg`)]) {
      expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      expect(response.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('a demo user signs in through the page, sees their own tenant, and signs out', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(`http://127.0.0.1:${ports.webPort}/overview`);
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('button', { name: /Ben Okafor/ }).click();
      await page.waitForURL(/\/overview$/);
      await expect(page.locator('header').textContent()).resolves.toContain('Harbor Bakery');
      expect(await page.locator('header').textContent()).not.toContain('Maple Studio');
      // Pages stream in behind their loading state: wait for the content, not just the URL.
      await page.getByRole('heading', { name: 'Cash' }).waitFor();
      expect(await page.locator('.figure').textContent()).toMatch(/^£[\d,]+\.\d{2}$/);
      await page.screenshot({ path: screenshot('overview'), fullPage: true, caret: 'initial' });

      await page.getByRole('link', { name: 'Banking' }).click();
      await page.waitForURL(/\/banking$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Banking');
      await page.locator('tbody tr').first().waitFor();
      expect(await page.locator('tbody tr').count()).toBe(30);
      await page.getByLabel('Search').fill('rent');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/q=rent/);
      // Only rent rows once the filtered page has replaced the first one.
      const onlyRent = async () => {
        const rows = await page.locator('tbody tr').allTextContents();
        return rows.length > 0 && rows.every((row) => /rent/i.test(row));
      };
      await expect.poll(onlyRent, { timeout: 10_000 }).toBe(true);
      await page.screenshot({ path: screenshot('banking'), fullPage: true, caret: 'initial' });

      await page.getByRole('link', { name: 'Accounting' }).click();
      await page.waitForURL(/\/accounting$/);
      await page.getByRole('heading', { name: 'Chart of accounts' }).waitFor();
      await page.screenshot({ path: screenshot('accounting'), fullPage: true, caret: 'initial' });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in/);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a receipt image and a text PDF go through the inbox to review (statuses live within 2 s); refused files say why; edit the total, approve, see it in Banking; another tenant gets a 404', async () => {
    const api = `http://127.0.0.1:${ports.apiPort}`;
    const web = `http://127.0.0.1:${ports.webPort}`;
    const signIn = await fetch(`${api}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clerkUserId: 'dev_ava' }),
    });
    const auth = { authorization: `Bearer ${((await signIn.json()) as { token: string }).token}` };
    const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/dev-set/${name}`, import.meta.url));
    const scratch = mkdtempSync(path.join(tmpdir(), 'akount-stack-'));
    const notAPdf = path.join(scratch, 'notes.pdf');
    writeFileSync(notAPdf, 'this is plain text, not a PDF');
    const tooBig = path.join(scratch, 'huge scan.pdf');
    writeFileSync(tooBig, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]));
    const serverRefusal = async (body: Blob, name: string, status: number) => {
      const form = new FormData();
      form.set('file', body, name);
      const refused = await fetch(`${api}/api/services/documents/upload`, { method: 'POST', headers: auth, body: form });
      expect(refused.status).toBe(status);
      return ((await refused.json()) as { error: { message: string } }).error.message;
    };
    const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
    const temporal = new Client({ connection });

    const browser = await launchBrowser();
    const ids: Record<string, string> = {};
    try {
      const ava = await browser.newPage();
      const problems: string[] = [];
      ava.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await ava.goto(`${web}/sign-in`);
      await ava.getByRole('button', { name: /Ava Martin/ }).click();
      await ava.waitForURL(/\/overview$/);

      // The inbox: a receipt photo, a text PDF, a text file named .pdf and an 11 MB file, chosen together.
      await ava.goto(`${web}/services/documents`);
      await recordStatusChanges(ava);
      const uploads = { photo: 'r022-usd-pharmacy-noise-blur.jpg', pdf: 'r021-usd-electronics.pdf' };
      await ava.getByTestId('document-upload-input').setInputFiles([fixture(uploads.photo), fixture(uploads.pdf), notAPdf, tooBig]);
      // Each refusal on the page is the server's own message for the same bytes.
      await ava
        .getByText(await serverRefusal(new Blob(['this is plain text, not a PDF']), 'notes.pdf', 415))
        .first()
        .waitFor();
      await ava
        .getByText(await serverRefusal(new Blob([readFileSync(tooBig)]), 'huge scan.pdf', 413))
        .first()
        .waitFor();

      const rowOf = (name: string) => ava.locator('[data-document-id]').filter({ hasText: name }).first();
      for (const [key, name] of Object.entries(uploads)) {
        await rowOf(name).waitFor({ timeout: 30_000 });
        ids[key] = (await rowOf(name).getAttribute('data-document-id')) ?? '';
        expect(ids[key]).toMatch(/^[0-9a-f-]{36}$/);
      }
      // Both reach review; the page shows it within 2 s of the workflow getting there.
      const reached = await Promise.all(Object.values(ids).map((id) => workflowReachedAt(temporal, id, 'AWAITING_REVIEW')));
      const statusDelays: Record<string, number> = {};
      for (const [index, [key, id]] of Object.entries(ids).entries()) {
        await rowOf(uploads[key as keyof typeof uploads])
          .locator('[data-testid="document-status"][data-status="AWAITING_REVIEW"]')
          .waitFor({ timeout: 10_000 });
        statusDelays[key] = (await statusSeenAt(ava, id, 'AWAITING_REVIEW'))! - reached[index]!;
      }
      for (const [key, delay] of Object.entries(statusDelays))
        expect(delay, `${key}: status shown ${delay} ms after the workflow`).toBeLessThan(2000);
      await ava.screenshot({ path: screenshot('documents'), fullPage: true, caret: 'initial' });

      // The documents page on the production build: largest contentful paint, three loads.
      const lcp: number[] = [];
      for (let load = 0; load < 3; load += 1) lcp.push(Math.round(await largestContentfulPaint(ava, `${web}/services/documents`)));
      expect(Math.max(...lcp)).toBeLessThan(1500);
      const bundle = firstLoadJs('/services/documents');
      expect(bundle.gzipBytes).toBeLessThan(250 * 1024);
      writePerformance({
        documentsLargestContentfulPaintMs: lcp,
        statusVisibleAfterWorkflowMs: statusDelays,
        firstLoadJs: { ...bundle, review: firstLoadJs('/services/documents/[id]') },
      });

      const documentId = ids.pdf!;
      await ava.goto(`${web}/services/documents/${documentId}`);
      await ava.locator('[data-testid="review-status"][data-status="AWAITING_REVIEW"]').waitFor({ timeout: 30_000 });
      await ava.getByTestId('review-total').fill('165.00');
      await ava.getByTestId('review-date').fill('2026-11-20');
      await ava.screenshot({ path: screenshot('document-review'), fullPage: true, caret: 'initial' });
      await ava.getByTestId('review-approve').click();
      await ava.locator('[data-testid="review-status"][data-status="COMPLETED"]').waitFor({ timeout: 60_000 });
      const listed = await fetch(`${api}/api/banking/transactions?limit=100`, { headers: auth });
      const posted = ((await listed.json()) as { items: { documentId: string | null; amountMinor: number }[] }).items.filter(
        (transaction) => transaction.documentId === documentId,
      );
      expect(posted).toEqual([expect.objectContaining({ amountMinor: -16500 })]);
      // Banking lists it with the edited amount and a link back to its document.
      await ava.goto(`${web}/banking`);
      const postedRow = ava.locator('tbody tr').filter({ has: ava.locator(`a[href="/services/documents/${documentId}"]`) });
      expect(await postedRow.textContent()).toContain('165.00');
      expect(problems).toEqual([]);

      const ben = await (await browser.newContext()).newPage();
      await ben.goto(`${web}/sign-in`);
      await ben.getByRole('button', { name: /Ben Okafor/ }).click();
      await ben.waitForURL(/\/overview$/);
      const other = await ben.goto(`${web}/services/documents/${documentId}`);
      expect(other?.status()).toBe(404);
      expect(await ben.getByRole('heading', { level: 1 }).textContent()).toMatch(/not found/i);
      expect(await ben.locator('body').textContent()).not.toContain('Brightline');

      // The photo is dismissed, so no scan is left waiting on a worker that stops with this file.
      const dismissed = await fetch(`${api}/api/services/documents/${ids.photo}/reject`, { method: 'POST', headers: auth });
      expect(dismissed.status).toBe(202);
      await expect.poll(async () => await workflowStatus(temporal, ids.photo!), { timeout: 30_000 }).toBe('DISMISSED');
    } finally {
      // Whatever failed above, no scan of this test is left waiting for review on a task queue whose worker stops
      // with this file: a later suite (schemathesis, as the same demo user) would find it and get a correct 503.
      for (const id of Object.values(ids)) {
        const status = await workflowStatus(temporal, id);
        if (status === 'AWAITING_REVIEW' || status === 'NEEDS_ATTENTION')
          await fetch(`${api}/api/services/documents/${id}/reject`, { method: 'POST', headers: auth });
      }
      await browser.close();
      await connection.close();
    }
  }, 180_000);
});
