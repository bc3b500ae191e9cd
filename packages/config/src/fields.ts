/** Reusable zod field parsers for environment variables (all inputs are strings). */
import { z } from 'zod';

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A positive number that may be fractional (a rate such as 0.5 per second). */
export const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);

export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(':', ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(', ')})` },
  );

/** Comma-separated list, blanks dropped. */
export const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** A process count: a positive integer, or `auto` for one per CPU the process may use (resolved by the caller). */
export const instances = (fallback: number) =>
  z.union([z.literal('auto'), z.coerce.number().int().positive()], { message: 'must be a positive integer or auto' }).default(fallback);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IP_OR_CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

/**
 * Which peers may set X-Forwarded-For: empty (none — the socket address is the client), proxy-addr
 * names (`loopback` for an Nginx on the same host) or addresses/CIDRs. "Trust everyone" is refused:
 * any client could then choose its own address and step around the per-IP rate limits.
 */
export const trustedProxies = list.pipe(
  z.array(
    z.string().refine((item) => PROXY_NAMES.has(item) || IP_OR_CIDR.test(item), {
      message: 'must list loopback, linklocal, uniquelocal, IP addresses or CIDRs (never true or *)',
    }),
  ),
);

export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
