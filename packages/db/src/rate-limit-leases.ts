/**
 * One process's side of the shared rate limit: instead of a database
 * round trip per request, a process reserves a block of a key's hit numbers
 * (`RateLimitTable.take`) and hands them out locally, one per request, in
 * order. Every number belongs to exactly one process, so across all processes
 * at most `max` requests get a number ≤ `max` in a window: the limit is never
 * exceeded, however requests are spread. What a block can cost is the other
 * way round: numbers a process reserved but has not handed out yet are
 * counted, so while it holds them another process may refuse a little early.
 * Blocks are kept small so that stays small:
 *   - about `leaseHorizonMs` of this key's recent traffic in this process
 *     (one number for a quiet key: every hit goes to the database, as before);
 *   - at most 1/`leaseSpread` of what the window has left, so near the limit
 *     blocks shrink to one number and counting is synchronous and exact;
 *   - dropped, unused, when the window ends (their window is over).
 * Requests that arrive while a take is in flight wait for it and share it.
 * It never refuses on its own and keeps no count of refusals: what the table
 * says is what the plugin decides on.
 */
import type { RateLimitCounter, RateLimitHit, RateLimitTable } from './rate-limits';

/** A block covers about this much of the key's recent traffic in this process. */
const leaseHorizonMs = 100;
/** A block never takes more than this share of what is left of the limit. */
const leaseSpread = 16;
/** And never more than this many numbers. */
const maxLease = 1_000;
/** Past this many keys, windows that ended are forgotten. */
const sweepAtKeys = 10_000;

interface Waiter {
  resolve(hit: RateLimitHit): void;
  reject(error: unknown): void;
}

interface KeyState {
  windowMs: number;
  /** Next number to hand out, and the last one this process holds (none when next > last). */
  next: number;
  last: number;
  /** When this process's numbers stop being valid (performance.now(); never after the table's window ends). */
  windowEndsAt: number;
  /** The table's count after this process's last take: how far into the limit the window was. */
  knownHits: number;
  /** Hits since the last take was sent, and when: this key's recent traffic here. */
  hitsSinceTake: number;
  takeSentAt: number;
  waiting: Waiter[];
  taking: boolean;
}

function newState(windowMs: number): KeyState {
  return { windowMs, next: 1, last: 0, windowEndsAt: 0, knownHits: 0, hitsSinceTake: 0, takeSentAt: 0, waiting: [], taking: false };
}

/** How many numbers to take: everyone waiting, plus a block sized by recent traffic and by what is left. */
export function leaseSize(state: Pick<KeyState, 'hitsSinceTake' | 'takeSentAt' | 'knownHits'>, need: number, max: number, now: number) {
  const elapsedMs = now - state.takeSentAt;
  const recent = state.takeSentAt > 0 && elapsedMs > 0 ? Math.ceil((state.hitsSinceTake * leaseHorizonMs) / Math.max(elapsedMs, 1)) : 0;
  const room = Math.floor((max - state.knownHits) / leaseSpread);
  return Math.max(need, Math.min(recent, room, maxLease));
}

export function createLeasedCounter(table: RateLimitTable): RateLimitCounter & { readonly keys: number } {
  const states = new Map<string, KeyState>();

  function sweep(now: number): void {
    for (const [key, state] of states) if (state.windowEndsAt <= now && !state.taking) states.delete(key);
  }

  function take(key: string, state: KeyState, max: number): void {
    const sentAt = performance.now();
    const need = state.waiting.length;
    const count = leaseSize(state, need, max, sentAt);
    const served = state.waiting.splice(0, need);
    state.taking = true;
    state.hitsSinceTake = 0;
    state.takeSentAt = sentAt;
    table.take(key, state.windowMs, count).then(
      ({ last, ttlMs }) => {
        state.taking = false;
        // sentAt is before the table's now(), so this never outlives the table's window.
        state.windowEndsAt = sentAt + ttlMs;
        state.knownHits = last;
        state.next = last - count + 1;
        state.last = last;
        for (const waiter of served) waiter.resolve({ hits: state.next++, ttlMs });
        // Requests that came in meanwhile use what is left, or wait for the next take.
        while (state.waiting.length > 0 && state.next <= state.last) state.waiting.shift()!.resolve({ hits: state.next++, ttlMs });
        if (state.waiting.length > 0) take(key, state, max);
      },
      (error: unknown) => {
        state.taking = false;
        for (const waiter of served) waiter.reject(error);
        if (state.waiting.length > 0) take(key, state, max);
      },
    );
  }

  return {
    get keys() {
      return states.size;
    },
    hit(key, windowMs, max) {
      const now = performance.now();
      let state = states.get(key);
      if (state && !state.taking && (state.windowEndsAt <= now || state.windowMs !== windowMs)) {
        // The window is over: numbers still held belong to it and are dropped.
        state.windowMs = windowMs;
        state.next = 1;
        state.last = 0;
        state.knownHits = 0;
      }
      if (!state) {
        if (states.size >= sweepAtKeys) sweep(now);
        state = newState(windowMs);
        states.set(key, state);
      }
      state.hitsSinceTake += 1;
      if (state.next <= state.last && state.waiting.length === 0) {
        return Promise.resolve({ hits: state.next++, ttlMs: Math.max(0, Math.round(state.windowEndsAt - now)) });
      }
      const waited = new Promise<RateLimitHit>((resolve, reject) => state.waiting.push({ resolve, reject }));
      if (!state.taking) take(key, state, max);
      return waited;
    },
    purgeExpired: () => table.purgeExpired(),
  };
}
