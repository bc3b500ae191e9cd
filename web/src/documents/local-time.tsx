'use client';
/**
 * An instant in the reader's own time zone. The server and the hydrating browser both write it in
 * UTC (they may not share a time zone, and a mismatch would break hydration); once hydrated, the
 * browser writes it in local time.
 */
import { useSyncExternalStore } from 'react';
import { formatUtc } from './format';

const subscribe = () => () => undefined;
const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function LocalTime({ iso }: { iso: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <time dateTime={iso}>{hydrated ? localFormat.format(new Date(iso)) : formatUtc(iso)}</time>;
}
