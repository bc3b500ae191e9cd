/**
 * The pg pool under Prisma, instrumented: a checkout that had to wait is
 * logged as pool pressure, so exhaustion shows up in the logs before it shows
 * up as timeouts. Pool size comes from config; a `connection_limit` in the URL
 * (Prisma's convention) wins and is stripped before pg sees the URL.
 */
import pg from 'pg';
import type { Logger } from '@akount/logger';

export interface PoolSettings {
  url: string;
  poolSize: number;
  poolWaitWarnMs: number;
  logger: Logger;
}

export interface PoolTarget {
  connectionString: string;
  max: number;
}

export function poolTarget(url: string, poolSize: number): PoolTarget {
  const parsed = new URL(url);
  const limit = parsed.searchParams.get('connection_limit');
  parsed.searchParams.delete('connection_limit');
  const max = limit !== null && /^\d+$/.test(limit) && Number(limit) > 0 ? Number(limit) : poolSize;
  return { connectionString: parsed.toString(), max };
}

const waitReportIntervalMs = 10_000;

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: (release?: unknown) => void) => void;

export class InstrumentedPool extends pg.Pool {
  private readonly warnAfterMs: number;
  private waits = { count: 0, longestMs: 0, reportedAt: 0 };
  private readonly logger: Logger;

  constructor(settings: PoolSettings) {
    const target = poolTarget(settings.url, settings.poolSize);
    super({ connectionString: target.connectionString, max: target.max, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
    this.warnAfterMs = settings.poolWaitWarnMs;
    this.logger = settings.logger;
    this.on('error', (error) => this.logger.error({ err: error }, 'idle database connection failed'));
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const started = performance.now();
    const queuedBehind = this.waitingCount;
    const exhausted = this.totalCount >= (this.options.max ?? 10) && this.idleCount === 0;
    const report = () => this.reportWait(performance.now() - started, exhausted, queuedBehind);
    if (callback === undefined) {
      return super.connect().then((client) => {
        report();
        return client;
      });
    }
    super.connect((error, client, release) => {
      report();
      callback(error, client, release);
    });
  }

  private reportWait(waitedMs: number, exhausted: boolean, queuedBehind: number): void {
    if (!exhausted && waitedMs < this.warnAfterMs) return;
    if (waitedMs < this.warnAfterMs && queuedBehind === 0) return;
    // Under sustained pressure every checkout waits: summarise at most once per interval.
    this.waits.count += 1;
    this.waits.longestMs = Math.max(this.waits.longestMs, waitedMs);
    const now = Date.now();
    if (now - this.waits.reportedAt < waitReportIntervalMs) return;
    this.logger.warn(
      {
        waits: this.waits.count,
        longestWaitMs: Math.round(this.waits.longestMs),
        poolMax: this.options.max,
        queuedBehind,
        total: this.totalCount,
      },
      'database pool exhausted: queries waited for a connection',
    );
    this.waits = { count: 0, longestMs: 0, reportedAt: now };
  }
}
