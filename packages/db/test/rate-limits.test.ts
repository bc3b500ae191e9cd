/** The shared rate-limit counter: exact under concurrency (as from many API processes), windowed, and swept. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/index';
import { createTestDatabase } from '../src/testing';

let first: Database;
let second: Database;

beforeAll(() => {
  // Two handles with their own pools stand for two API processes.
  first = createTestDatabase({ poolSize: 4 }).database;
  second = createTestDatabase({ poolSize: 4 }).database;
});

afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

describe('rate-limit counter', () => {
  it('counts concurrent hits from two pools exactly once each', async () => {
    const key = `test ${randomUUID()}`;
    const hits = await Promise.all(Array.from({ length: 60 }, (_, n) => (n % 2 === 0 ? first : second).rateLimits.hit(key, 60_000)));
    expect(hits.map((hit) => hit.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, n) => n + 1));
    for (const hit of hits) expect(hit.ttlMs).toBeGreaterThan(55_000);
  });

  it('starts a new window at the first hit after the last one ended', async () => {
    const key = `test ${randomUUID()}`;
    expect((await first.rateLimits.hit(key, 300)).hits).toBe(1);
    expect((await second.rateLimits.hit(key, 300)).hits).toBe(2);
    await sleep(400);
    const renewed = await second.rateLimits.hit(key, 300);
    expect(renewed.hits).toBe(1);
    expect(renewed.ttlMs).toBeGreaterThan(200);
  });

  it('keeps keys apart', async () => {
    const [a, b] = [`test ${randomUUID()}`, `test ${randomUUID()}`];
    await first.rateLimits.hit(a, 60_000);
    await first.rateLimits.hit(a, 60_000);
    expect((await first.rateLimits.hit(b, 60_000)).hits).toBe(1);
  });

  it('sweeps windows that ended over a minute ago and nothing else', async () => {
    const live = `test ${randomUUID()}`;
    await first.rateLimits.hit(live, 60_000);
    await first.rateLimits.purgeExpired();
    expect((await first.rateLimits.hit(live, 60_000)).hits).toBe(2);
  });
});
