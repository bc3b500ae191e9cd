/**
 * The shared rate limit: the table hands out each hit number once, under
 * concurrency from many API processes; the leasing counter on top never lets
 * more than the limit through across processes, and goes to the table once
 * per block, not once per request.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/index';
import { createLeasedCounter, leaseSize } from '../src/rate-limit-leases';
import { createRateLimitTable, type RateLimitTable } from '../src/rate-limits';
import { createTestDatabase, testDatabaseUrl } from '../src/testing';

let first: Database;
let second: Database;
let pools: pg.Pool[];
let tables: RateLimitTable[];

beforeAll(() => {
  // Two handles with their own pools stand for two API processes.
  first = createTestDatabase({ poolSize: 4 }).database;
  second = createTestDatabase({ poolSize: 4 }).database;
  pools = [new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 }), new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 })];
  tables = pools.map((pool) => createRateLimitTable(pool));
});

afterAll(async () => {
  await Promise.all([first.close(), second.close(), ...pools.map((pool) => pool.end())]);
});

/** A table that counts its takes, as a process would see them. */
function counted(table: RateLimitTable) {
  const calls = { takes: 0 };
  return {
    calls,
    table: { ...table, take: (key: string, windowMs: number, count: number) => (calls.takes++, table.take(key, windowMs, count)) },
  };
}

describe('rate-limit table', () => {
  it('hands out every hit number once under concurrent takes from two pools', async () => {
    const key = `test ${randomUUID()}`;
    const takes = await Promise.all(Array.from({ length: 40 }, (_, n) => tables[n % 2]!.take(key, 60_000, 1 + (n % 3))));
    const numbers = takes.flatMap((take, n) => Array.from({ length: 1 + (n % 3) }, (_, k) => take.last - k));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: numbers.length }, (_, n) => n + 1));
    for (const take of takes) expect(take.ttlMs).toBeGreaterThan(55_000);
  });

  it('starts a new window at the first take after the last one ended', async () => {
    const key = `test ${randomUUID()}`;
    expect((await tables[0]!.take(key, 300, 1)).last).toBe(1);
    expect((await tables[1]!.take(key, 300, 2)).last).toBe(3);
    await sleep(400);
    const renewed = await tables[1]!.take(key, 300, 1);
    expect(renewed.last).toBe(1);
    expect(renewed.ttlMs).toBeGreaterThan(200);
  });
});

describe('rate-limit counter', () => {
  it('numbers sequential hits from two processes 1, 2, 3… when the limit is small (every hit asks the table)', async () => {
    const key = `test ${randomUUID()}`;
    const hits = [];
    for (let n = 0; n < 14; n += 1) hits.push((await (n % 2 === 0 ? first : second).rateLimits.hit(key, 60_000, 12)).hits);
    expect(hits).toEqual(Array.from({ length: 14 }, (_, n) => n + 1));
  });

  it('never lets more than the limit through across two processes under concurrent load, and not fewer either', async () => {
    const key = `test ${randomUUID()}`;
    const max = 300;
    const processes = [createLeasedCounter(tables[0]!), createLeasedCounter(tables[1]!)];
    const hits = await Promise.all(Array.from({ length: 1_000 }, (_, n) => processes[n % 2]!.hit(key, 60_000, max)));
    const admitted = hits.map((hit) => hit.hits).filter((number) => number <= max);
    expect(admitted).toHaveLength(max);
    expect(new Set(admitted).size).toBe(max);
  });

  it('goes to the table once per block for a busy key, not once per hit', async () => {
    const key = `test ${randomUUID()}`;
    const { calls, table } = counted(tables[0]!);
    const counter = createLeasedCounter(table);
    for (let round = 0; round < 20; round += 1) {
      await Promise.all(Array.from({ length: 25 }, () => counter.hit(key, 60_000, 1_000_000)));
    }
    expect(calls.takes).toBeLessThan(100);
  });

  it('starts a new window once the last one ended, dropping numbers it still held', async () => {
    const key = `test ${randomUUID()}`;
    const counter = createLeasedCounter(tables[0]!);
    await Promise.all(Array.from({ length: 50 }, () => counter.hit(key, 300, 1_000_000)));
    await sleep(400);
    const renewed = await counter.hit(key, 300, 1_000_000);
    expect(renewed.hits).toBe(1);
    expect(renewed.ttlMs).toBeGreaterThan(200);
  });

  it('keeps keys apart', async () => {
    const [a, b] = [`test ${randomUUID()}`, `test ${randomUUID()}`];
    await first.rateLimits.hit(a, 60_000, 600);
    await first.rateLimits.hit(a, 60_000, 600);
    expect((await first.rateLimits.hit(b, 60_000, 600)).hits).toBe(1);
  });

  it('passes a failed take to every request waiting on it', async () => {
    const failing: RateLimitTable = { take: () => Promise.reject(new Error('database down')), purgeExpired: async () => 0 };
    const counter = createLeasedCounter(failing);
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => counter.hit('k', 60_000, 10)));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('sweeps windows that ended over a minute ago and nothing else', async () => {
    const live = `test ${randomUUID()}`;
    await first.rateLimits.hit(live, 60_000, 600);
    await first.rateLimits.purgeExpired();
    expect((await first.rateLimits.hit(live, 60_000, 600)).hits).toBe(2);
  });
});

describe('lease size', () => {
  const now = 10_000;
  it('is one number for a key without recent traffic', () => {
    expect(leaseSize({ hitsSinceTake: 1, takeSentAt: 0, knownHits: 0 }, 1, 1_000_000, now)).toBe(1);
    expect(leaseSize({ hitsSinceTake: 1, takeSentAt: now - 60_000, knownHits: 0 }, 1, 1_000_000, now)).toBe(1);
  });

  it('covers about 100 ms of recent traffic', () => {
    expect(leaseSize({ hitsSinceTake: 50, takeSentAt: now - 50, knownHits: 0 }, 1, 1_000_000, now)).toBe(100);
  });

  it('shrinks to the requests waiting as the window nears its limit', () => {
    expect(leaseSize({ hitsSinceTake: 50, takeSentAt: now - 50, knownHits: 320 }, 1, 600, now)).toBe(17);
    expect(leaseSize({ hitsSinceTake: 50, takeSentAt: now - 50, knownHits: 590 }, 3, 600, now)).toBe(3);
    expect(leaseSize({ hitsSinceTake: 50, takeSentAt: now - 50, knownHits: 700 }, 2, 600, now)).toBe(2);
  });
});
