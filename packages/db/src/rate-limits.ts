/**
 * Rate-limit counters kept in PostgreSQL (`akount_runtime.rate_limit_hits`),
 * so every API process counts against the same number: with N processes a
 * client still gets the limit once, not N times, however its connections are
 * balanced. The table numbers a key's hits in its window; `take` reserves
 * the next `count` numbers in one autocommit upsert (atomic under
 * concurrency: the upsert takes the row lock), so every number is handed to
 * exactly one process. Processes lease blocks of numbers and hand them out
 * locally (rate-limit-leases.ts), so a request rarely waits on the database.
 * The window starts at a key's first hit, like @fastify/rate-limit's own
 * in-memory store, and is timed by the database's clock, so hosts with skewed
 * clocks still agree. Holds no tenant data and must never be used for
 * anything but counting.
 */
import type pg from 'pg';
import { createLeasedCounter } from './rate-limit-leases';

export interface RateLimitHit {
  /** This hit's number in the current window (1 for the first); above the limit means refused. */
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export interface RateLimitCounter {
  /**
   * Counts one hit for `key` in a window of `windowMs` whose limit is `max`
   * (the limit only sizes the blocks a process leases; it never changes a count).
   */
  hit(key: string, windowMs: number, max: number): Promise<RateLimitHit>;
  /** Deletes windows that ended a while ago (keys that went quiet); returns how many. */
  purgeExpired(): Promise<number>;
}

export interface RateLimitTake {
  /** The last number reserved: this take owns `last - count + 1 … last`. */
  last: number;
  /** Milliseconds until the window ends, by the database's clock. */
  ttlMs: number;
}

/** The shared table: reserves hit numbers in a key's window. */
export interface RateLimitTable {
  take(key: string, windowMs: number, count: number): Promise<RateLimitTake>;
  purgeExpired(): Promise<number>;
}

const takeStatement = {
  name: 'akount_rate_limit_take',
  text: `
    INSERT INTO "akount_runtime"."rate_limit_hits" AS h ("key", "hits", "expires_at")
    VALUES ($1, $3::int, now() + make_interval(secs => $2::double precision / 1000))
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN h."expires_at" <= now() THEN EXCLUDED."hits" ELSE h."hits" + EXCLUDED."hits" END,
      "expires_at" = CASE WHEN h."expires_at" <= now() THEN EXCLUDED."expires_at" ELSE h."expires_at" END
    RETURNING "hits", greatest(0, ceil(extract(epoch FROM h."expires_at" - now()) * 1000))::int AS "ttl_ms"`,
};

const purgeStatement = `DELETE FROM "akount_runtime"."rate_limit_hits" WHERE "expires_at" < now() - interval '1 minute'`;

/** Keys are client addresses and user ids: bounded, so a hostile header cannot grow a row without limit. */
const maxKeyLength = 512;

export function createRateLimitTable(pool: pg.Pool): RateLimitTable {
  return {
    async take(key, windowMs, count) {
      if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`a rate-limit take needs a positive count, not ${count}`);
      const { rows } = await pool.query<{ hits: number; ttl_ms: number }>({
        ...takeStatement,
        values: [key.slice(0, maxKeyLength), windowMs, count],
      });
      const row = rows[0];
      if (!row) throw new Error('rate-limit upsert returned no row');
      return { last: row.hits, ttlMs: row.ttl_ms };
    },
    async purgeExpired() {
      const result = await pool.query(purgeStatement);
      return result.rowCount ?? 0;
    },
  };
}

/** The counter the API uses: leases over the shared table (one per process). */
export function createRateLimitCounter(pool: pg.Pool): RateLimitCounter {
  const table = createRateLimitTable(pool);
  return createLeasedCounter(table);
}
