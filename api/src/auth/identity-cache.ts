/**
 * The per-process cache of who a Clerk user is in Akount (their user id and
 * memberships), read through on a miss with a fixed time to live, so a
 * membership change reaches every API instance within `ttlMs` without the
 * instances telling each other anything.
 *
 * Two things keep an expiry from becoming a stall. Concurrent misses for the
 * same user share one lookup (a busy user's 25 in-flight requests used to
 * start 25 pairs of queries together when the entry expired). And an entry
 * past `refreshAfterMs` is refreshed in the background while it is still
 * served, so a steady user never waits for the lookup at all. A failed
 * background refresh leaves the entry to expire on time; a user who no longer
 * exists (UnauthenticatedError) is dropped at once.
 */
import { UnauthenticatedError } from '../http/errors';

export interface IdentityCacheSettings {
  /** How long a lookup is trusted: the longest a membership change takes to apply. */
  ttlMs: number;
  /** From this age on, a hit also starts a background refresh. */
  refreshAfterMs: number;
  /** Most users kept; the cache starts over when full. */
  maxEntries?: number;
  now?: () => number;
  /** A background refresh failed (the entry is still served until it expires). */
  onRefreshError?: (error: unknown, key: string) => void;
}

export interface IdentityCache<T> {
  get(key: string): Promise<T>;
}

export function createIdentityCache<T>(load: (key: string) => Promise<T>, settings: IdentityCacheSettings): IdentityCache<T> {
  const now = settings.now ?? Date.now;
  const maxEntries = settings.maxEntries ?? 10_000;
  const entries = new Map<string, { value: T; loadedAt: number }>();
  const loading = new Map<string, Promise<T>>();

  function refresh(key: string): Promise<T> {
    const pending = loading.get(key);
    if (pending) return pending;
    const started = now();
    const lookup = load(key)
      .then(
        (value) => {
          if (entries.size >= maxEntries && !entries.has(key)) entries.clear();
          entries.set(key, { value, loadedAt: started });
          return value;
        },
        (error: unknown) => {
          if (error instanceof UnauthenticatedError) entries.delete(key);
          throw error;
        },
      )
      .finally(() => loading.delete(key));
    loading.set(key, lookup);
    return lookup;
  }

  return {
    async get(key) {
      const entry = entries.get(key);
      const age = entry ? now() - entry.loadedAt : Infinity;
      if (!entry || age >= settings.ttlMs) return refresh(key);
      if (age >= settings.refreshAfterMs && !loading.has(key)) {
        refresh(key).catch((error: unknown) => settings.onRefreshError?.(error, key));
      }
      return entry.value;
    },
  };
}
