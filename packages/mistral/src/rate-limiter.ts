/**
 * Client-side rate limiting for Mistral calls: a token bucket (requests per second, with a
 * burst) plus a cap on calls in flight, served first come, first served. Mistral's limits are
 * per workspace (requests per second and tokens per minute), so every activity in a worker
 * must share one limiter: `sharedRateLimiter()` is that process-wide instance. This keeps a
 * worker under its budget; it cannot coordinate several workers — their budgets must be split
 * in config. Never sleeps with the event loop blocked; waiting callers can be aborted.
 */

export interface RateLimiterOptions {
  /** Sustained request rate. */
  requestsPerSecond: number;
  /** Requests that may start back to back after a quiet period (bucket size). Default 1. */
  burst?: number;
  /** Calls in flight at once. Default: unlimited. */
  maxConcurrent?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class RateLimiter {
  readonly requestsPerSecond: number;
  readonly burst: number;
  readonly maxConcurrent: number;
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RateLimiterOptions) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be positive');
    this.requestsPerSecond = options.requestsPerSecond;
    this.burst = Math.max(1, options.burst ?? 1);
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? Number.POSITIVE_INFINITY);
    this.now = options.now ?? Date.now;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  get active(): number {
    return this.inFlight;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once the call may start; call it when the call ends. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Runs `task` inside the limits. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.requestsPerSecond) / 1000);
    this.refilledAt = now;
  }

  private pump(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.refill();
    while (this.queue.length > 0 && this.inFlight < this.maxConcurrent && this.tokens >= 1) {
      const waiter = this.queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.tokens -= 1;
      this.inFlight += 1;
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.pump();
      });
    }
    if (this.queue.length > 0 && this.inFlight < this.maxConcurrent) {
      const waitMs = Math.ceil(((1 - this.tokens) * 1000) / this.requestsPerSecond);
      this.timer = setTimeout(() => this.pump(), Math.max(1, waitMs));
    }
  }
}

/** Defaults for one worker: well under Mistral's lowest paid tier; raise them in config. */
export const defaultRateLimit: RateLimiterOptions = { requestsPerSecond: 5, burst: 5, maxConcurrent: 8 };

let shared: RateLimiter | undefined;

/** The process-wide limiter every client uses unless given its own; created with the defaults on first use. */
export function sharedRateLimiter(): RateLimiter {
  shared ??= new RateLimiter(defaultRateLimit);
  return shared;
}

/** Replaces the process-wide limiter (call once at boot, before the first Mistral call). */
export function configureSharedRateLimiter(options: RateLimiterOptions): RateLimiter {
  shared = new RateLimiter(options);
  return shared;
}
