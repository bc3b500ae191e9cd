import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, sharedRateLimiter, configureSharedRateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function startTimes(limiter: RateLimiter, count: number): number[] {
    const starts: number[] = [];
    for (let index = 0; index < count; index += 1) {
      void limiter.acquire().then((release) => {
        starts.push(Date.now());
        release();
      });
    }
    return starts;
  }

  it('lets a burst through at once, then one call per 1/rate seconds', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 4, burst: 2 });
    const starts = startTimes(limiter, 5);
    await vi.advanceTimersByTimeAsync(2000);
    expect(starts).toEqual([0, 0, 250, 500, 750]);
  });

  it('holds calls beyond maxConcurrent until one releases', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 100, burst: 10, maxConcurrent: 2 });
    const releases: (() => void)[] = [];
    for (let index = 0; index < 3; index += 1) void limiter.acquire().then((release) => releases.push(release));
    await vi.advanceTimersByTimeAsync(50);
    expect(releases).toHaveLength(2);
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(1);
    releases[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(releases).toHaveLength(3);
    expect(limiter.active).toBe(2);
  });

  it('drops an aborted waiter from the queue', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(limiter.waiting).toBe(0);
    release();
  });

  it('shares one limiter per process until reconfigured', () => {
    expect(sharedRateLimiter()).toBe(sharedRateLimiter());
    const configured = configureSharedRateLimiter({ requestsPerSecond: 2, maxConcurrent: 3 });
    expect(sharedRateLimiter()).toBe(configured);
    expect([configured.requestsPerSecond, configured.burst, configured.maxConcurrent]).toEqual([2, 1, 3]);
  });
});
