/**
 * The web app's performance figures, measured inside the browser test on the
 * production build: largest contentful paint, how long a workflow status
 * takes to show in the inbox, and first-load JS from the build's own bundle
 * stats. The figures are written to web/e2e/performance.json by the run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ScanProgress } from '@akount/contracts';
import type { Client } from '@temporalio/client';
import type { Page } from 'playwright-core';

// The few browser globals used inside page.evaluate(), typed here because the
// test project compiles without the DOM library (it would clash with Node's).
interface BrowserElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): BrowserElement | null;
}
declare const window: { statusSeenAt: Record<string, number> };
declare const document: { body: unknown; querySelectorAll(selector: string): Iterable<BrowserElement> };
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: Record<string, unknown>): void;
}
declare class PerformanceObserver {
  constructor(callback: (list: { getEntries(): { startTime: number }[] }) => void);
  observe(options: { type: string; buffered: boolean }): void;
}

const webDir = fileURLToPath(new URL('../../web/', import.meta.url));

/** Loads `url` in `page` and returns its largest contentful paint in ms after navigation start. */
export async function largestContentfulPaint(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no largest-contentful-paint entry within 5 s')), 5000);
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          clearTimeout(timer);
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
}

/**
 * Records in the page when each document row first shows each status (the
 * inbox rows carry data-document-id and a status badge with data-status),
 * by wall clock, so it can be compared with the workflow's own timeline.
 */
export async function recordStatusChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    window.statusSeenAt = seen;
    const record = () => {
      for (const row of document.querySelectorAll('[data-document-id]')) {
        const status = row.querySelector('[data-testid="document-status"]')?.getAttribute('data-status');
        const key = `${row.getAttribute('data-document-id')}:${status}`;
        if (status && !(key in seen)) seen[key] = Date.now();
      }
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
    record();
  });
}

export async function statusSeenAt(page: Page, documentId: string, status: string): Promise<number | undefined> {
  return page.evaluate(
    (key) => (window as unknown as { statusSeenAt: Record<string, number> }).statusSeenAt[key],
    `${documentId}:${status}`,
  );
}

type Progress = Pick<ScanProgress, 'status' | 'stages'>;

/** The scan's own view (the `progress` query), or undefined while it cannot answer. */
async function workflowProgress(client: Client, documentId: string): Promise<Progress | undefined> {
  return client.workflow
    .getHandle(`document-scan/${documentId}`)
    .query<Progress>('progress')
    .catch(() => undefined);
}

/** The scan's status as its workflow reports it (the `progress` query). */
export async function workflowStatus(client: Client, documentId: string): Promise<string | undefined> {
  return (await workflowProgress(client, documentId))?.status;
}

/**
 * When the scan workflow reached `status`, by its own clock: it moves on in
 * the same workflow task that ends its last stage, so that stage's `endedAt`
 * (workflow time, the moment the task started) is when the status was set,
 * and a delay measured from it is never flattering. Asks the progress query
 * every 100 ms until the status shows. (It used to take the start of the
 * previous probe, which overstated the delay by a whole query, and a query
 * waits for the worker, which may be busy with the other document's OCR.) Without a finished
 * stage it falls back to that probe.
 */
export async function workflowReachedAt(client: Client, documentId: string, status: string, timeoutMs = 180_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let previousProbe = Date.now();
  while (Date.now() < deadline) {
    const probe = Date.now();
    const progress = await workflowProgress(client, documentId);
    if (progress?.status === status) {
      const ended = progress.stages.flatMap((stage) => (stage.endedAt ? [Date.parse(stage.endedAt)] : []));
      return ended.length > 0 ? Math.max(...ended) : previousProbe;
    }
    previousProbe = probe;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`document-scan/${documentId} did not reach ${status} within ${timeoutMs / 1000} s`);
}

/**
 * First-load JS of a route from the production build: the chunks Next lists
 * for it in its bundle stats (`next build` no longer prints sizes), each
 * gzipped at level 9 as Next's own size report did.
 */
export function firstLoadJs(route: string): { route: string; chunks: number; bytes: number; gzipBytes: number } {
  const distDir = path.join(webDir, process.env.NEXT_DIST_DIR || '.next');
  const stats = JSON.parse(readFileSync(path.join(distDir, 'diagnostics/route-bundle-stats.json'), 'utf8')) as {
    route: string;
    firstLoadChunkPaths: string[];
  }[];
  const entry = stats.find((candidate) => candidate.route === route);
  if (!entry) throw new Error(`${route} is not in the build's route-bundle-stats.json`);
  let bytes = 0;
  let gzipBytes = 0;
  for (const chunk of entry.firstLoadChunkPaths) {
    // Paths are relative to web/ (".next/static/chunks/…").
    const file = readFileSync(path.join(webDir, chunk));
    bytes += file.length;
    gzipBytes += gzipSync(file, { level: 9 }).length;
  }
  return { route, chunks: entry.firstLoadChunkPaths.length, bytes, gzipBytes };
}

export function writePerformance(figures: Record<string, unknown>): void {
  const file = path.join(webDir, 'e2e/performance.json');
  writeFileSync(
    file,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), build: 'next build + next start, localhost', ...figures }, null, 2)}\n`,
  );
}
