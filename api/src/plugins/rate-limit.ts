/**
 * Rate limits (DESIGN §4): a global tier per client IP on every route, and
 * route tiers (the AI tier, per user) declared in route config. Hits are
 * counted by a RateLimitCounter — in production the database's, so every API
 * process (cluster workers, PM2 instances, hosts) shares one count and a
 * client gets each limit once, not once per process; each process leases
 * blocks of hit numbers from it, so a busy key costs the database one
 * statement per block, not one per request (packages/db rate-limit-leases.ts).
 * Balancing spreads
 * connections, not requests, so a per-process share of the limit would be
 * wrong for any client on a keep-alive connection. If counting fails, the
 * request is let through and the failure logged: a database outage must not
 * turn /health into 500s, and every other route needs the database anyway.
 */
import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitCounter } from '@akount/db';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

export interface RateLimitSettings {
  globalPerMinute: number;
  counter: RateLimitCounter;
}

const purgeIntervalMs = 5 * 60_000;

/** A @fastify/rate-limit store over a counter; each route tier counts in its own namespace. */
class CounterStore implements FastifyRateLimitStore {
  constructor(
    private readonly counter: RateLimitCounter,
    private readonly log: FastifyBaseLogger,
    private readonly namespace: string,
  ) {}

  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow: number,
    max: number,
  ): void {
    this.counter.hit(`${this.namespace} ${key}`, timeWindow, max).then(
      ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
      (error: unknown) => {
        this.log.error({ err: error }, 'rate-limit counter failed: the request is not limited');
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    // The plugin hands a route tier its merged options, with the route under routeInfo.
    const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
    return new CounterStore(this.counter, this.log, `${String(route?.method ?? '')} ${String(route?.url ?? routeOptions.path)}`);
  }
}

function globalStore(counter: RateLimitCounter, log: FastifyBaseLogger): FastifyRateLimitStoreCtor {
  return class extends CounterStore {
    constructor() {
      super(counter, log, 'global');
    }
  };
}

export async function registerRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: settings.globalPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.ip,
    store: globalStore(settings.counter, app.log),
    skipOnError: true,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many requests: at most ${context.max} per minute; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  // Quiet keys leave expired rows behind; any process may sweep them, the delete is idempotent.
  const purge = setInterval(() => {
    settings.counter.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'purging expired rate-limit windows failed'));
  }, purgeIntervalMs);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));
}
