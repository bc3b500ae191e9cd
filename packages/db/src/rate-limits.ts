/**
 * Rate-limit counters kept in PostgreSQL (`akount_runtime.rate_limit_hits`),
 * so every API process counts against the same number: with N processes a
 * client still gets the limit once, not N times, however its connections are
 * balanced. One autocommit statement per hit, atomic under concurrency (the
 * upsert takes the row lock); the window starts at a key's first hit, like
 * @fastify/rate-limit's own in-memory store, and is timed by the database's
 * clock, so hosts with skewed clocks still agree. Holds no tenant data and
 * must never be used for anything but counting.
 */
import type pg from 'pg';

export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export interface RateLimitCounter {
  /** Counts one hit for `key` in a window of `windowMs` and returns the window's count. */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
  /** Deletes windows that ended a while ago (keys that went quiet); returns how many. */
  purgeExpired(): Promise<number>;
}

const hitStatement = {
  name: 'akount_rate_limit_hit',
  text: `
    INSERT INTO "akount_runtime"."rate_limit_hits" AS h ("key", "hits", "expires_at")
    VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN h."expires_at" <= now() THEN 1 ELSE h."hits" + 1 END,
      "expires_at" = CASE WHEN h."expires_at" <= now() THEN EXCLUDED."expires_at" ELSE h."expires_at" END
    RETURNING "hits", greatest(0, ceil(extract(epoch FROM h."expires_at" - now()) * 1000))::int AS "ttl_ms"`,
};

const purgeStatement = `DELETE FROM "akount_runtime"."rate_limit_hits" WHERE "expires_at" < now() - interval '1 minute'`;

/** Keys are client addresses and user ids: bounded, so a hostile header cannot grow a row without limit. */
const maxKeyLength = 512;

export function createRateLimitCounter(pool: pg.Pool): RateLimitCounter {
  return {
    async hit(key, windowMs) {
      const { rows } = await pool.query<{ hits: number; ttl_ms: number }>({
        ...hitStatement,
        values: [key.slice(0, maxKeyLength), windowMs],
      });
      const row = rows[0];
      if (!row) throw new Error('rate-limit upsert returned no row');
      return { hits: row.hits, ttlMs: row.ttl_ms };
    },
    async purgeExpired() {
      const result = await pool.query(purgeStatement);
      return result.rowCount ?? 0;
    },
  };
}
