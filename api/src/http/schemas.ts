/** Zod building blocks shared by route schemas: ids, pagination, money, dates, the error body. */
import { z } from 'zod';

export const id = z.string().min(1).max(64).describe('Resource id');

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'must be a real calendar date',
  });

export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
  .describe('ISO 4217 currency code');

/** Integer minor units (cents). Kept within the safe-integer range so JSON numbers stay exact. */
export const amountMinor = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).describe('Amount in minor units');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('Page size (1–100)'),
  cursor: z.string().min(1).max(200).optional().describe('Opaque cursor from the previous page'),
};

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional(), requestId: z.string() }),
});

export const errorResponses = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody, 429: errorBody };

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const dateOnly = (value: Date) => value.toISOString().slice(0, 10);

/** DB BigInt minor units to a JSON-safe integer; refuses silently wrapping. */
export function minorToNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(-Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('amount exceeds the JSON-safe integer range');
  }
  return Number(value);
}
