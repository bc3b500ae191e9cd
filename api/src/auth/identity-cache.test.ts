import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../http/errors';
import { createIdentityCache } from './identity-cache';

/** A loader that answers when told to, counting its calls, and a clock the test moves (TTL 30 s, refresh after 20 s). */
function harness() {
  let time = 0;
  const calls: string[] = [];
  const pending: { resolve: (value: string) => void; reject: (error: unknown) => void }[] = [];
  const refreshErrors: unknown[] = [];
  const cache = createIdentityCache(
    (key) => {
      calls.push(key);
      return new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
    },
    {
      ttlMs: 30_000,
      refreshAfterMs: 20_000,
      now: () => time,
      onRefreshError: (error) => refreshErrors.push(error),
    },
  );
  const settle = async () => {
    for (let n = 0; n < 5; n += 1) await Promise.resolve();
  };
  const answer = async (value: string) => {
    pending.shift()!.resolve(value);
    await settle();
  };
  return {
    cache,
    calls,
    refreshErrors,
    settle,
    answer,
    advance: (ms: number) => (time += ms),
    fail: async (error: unknown) => {
      pending.shift()!.reject(error);
      await settle();
    },
    /** The first lookup of user_1, answered with `value` (one loader call). */
    cached: async (value: string) => {
      const first = cache.get('user_1');
      await answer(value);
      await first;
    },
  };
}

describe('the identity cache', () => {
  it('looks a user up once for any number of concurrent misses', async () => {
    const h = harness();
    const gets = Array.from({ length: 25 }, () => h.cache.get('user_1'));
    expect(h.calls).toEqual(['user_1']);
    await h.answer('identity v1');
    expect(await Promise.all(gets)).toEqual(Array(25).fill('identity v1'));
    expect(await h.cache.get('user_1')).toBe('identity v1');
    expect(h.calls).toHaveLength(1);
  });

  it('serves an ageing entry while one background refresh replaces it, so nobody waits', async () => {
    const h = harness();
    await h.cached('v1');
    h.advance(20_000);
    expect(await h.cache.get('user_1')).toBe('v1');
    expect(await h.cache.get('user_1')).toBe('v1');
    expect(h.calls).toHaveLength(2);
    await h.answer('v2');
    expect(await h.cache.get('user_1')).toBe('v2');
    expect(h.calls).toHaveLength(2);
  });

  it('waits for a fresh lookup once the entry has expired: a membership change applies within the TTL', async () => {
    const h = harness();
    await h.cached('member');
    h.advance(30_000);
    const after = h.cache.get('user_1');
    let settled = false;
    void after.then(() => (settled = true));
    await h.settle();
    expect(settled).toBe(false);
    await h.answer('removed');
    expect(await after).toBe('removed');
  });

  it('keeps serving the entry until it expires when a background refresh fails, and reports the failure', async () => {
    const h = harness();
    await h.cached('v1');
    h.advance(25_000);
    expect(await h.cache.get('user_1')).toBe('v1');
    await h.fail(new Error('database unavailable'));
    expect(h.refreshErrors).toEqual([new Error('database unavailable')]);
    expect(await h.cache.get('user_1')).toBe('v1');
    expect(h.calls).toHaveLength(3);
  });

  it('drops a user who no longer exists at once, and a foreground failure reaches every waiting request', async () => {
    const h = harness();
    await h.cached('v1');
    h.advance(21_000);
    expect(await h.cache.get('user_1')).toBe('v1');
    await h.fail(new UnauthenticatedError('This account is not set up in Akount yet'));
    const gone = [h.cache.get('user_1'), h.cache.get('user_1')];
    expect(h.calls).toHaveLength(3);
    await h.fail(new UnauthenticatedError('This account is not set up in Akount yet'));
    for (const request of gone) await expect(request).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
