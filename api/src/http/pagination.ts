/**
 * Cursor pagination: the cursor is the last item's id, opaque to clients
 * (base64url). Lists order by a stable key ending in id, so Prisma's cursor
 * continues exactly where the previous page stopped.
 */
import { AppError } from './errors';

export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w-]{1,64}$/.test(decoded))
    throw new AppError('VALIDATION_FAILED', 400, 'cursor is not valid', [{ path: 'cursor', message: 'malformed' }]);
  return decoded;
}

/** Prisma args for one page: fetch one extra row to know whether another page exists. */
export function pageArgs(limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor);
  return after ? { take: limit + 1, skip: 1, cursor: { id: after } } : { take: limit + 1 };
}

export function toPage<T extends { id: string }, R>(
  rows: T[],
  limit: number,
  map: (row: T) => R,
): { items: R[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(last.id) : null };
}

/**
 * Keyset pages for large, sorted lists (transactions): the cursor carries the
 * last row's sort value and id, and the next page is "rows after that pair"
 * in index order, so page 1,000 costs what page 1 costs (Prisma's id cursor
 * re-reads the cursor row and scans from the start of the range).
 */
export type KeysetValue = string | number;

export function encodeKeyset(value: KeysetValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeKeyset(cursor: string | undefined): { value: KeysetValue; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 400, 'cursor is not valid', [{ path: 'querystring.cursor', message: 'malformed' }]);
}

export function toKeysetPage<T extends { id: string }, R>(rows: T[], limit: number, key: (row: T) => KeysetValue, map: (row: T) => R) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeKeyset(key(last), last.id) : null };
}
