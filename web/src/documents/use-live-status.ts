'use client';
/**
 * Follows one document's scan: GET /bff/documents/:id/status on the schedule of polling.ts, one
 * request at a time (the next is only planned once the answer is in), while the scan is in flight
 * or the user has just acted on it. `load` asks once, for the stage timeline of a settled document.
 */
import type { DocumentStatus } from '@akount/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { BffError, bffGet } from '@/review/bff';
import { isRetrying, keepWatching, nextPollDelay, statusSignature, type Watch } from './polling';
import { isInFlight } from './status';
import type { ScanStatus } from './types';

export interface LiveStatus {
  status: DocumentStatus;
  live: ScanStatus | null;
  pollError: string | null;
  /** Poll until the status leaves `from` (or a quiet period passes), then as long as it is in flight. */
  watch: (from: DocumentStatus) => void;
  load: () => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'The status could not be read.');
/** The document is gone or the session ended: asking again will not help. */
const isFinalError = (error: unknown) => error instanceof BffError && (error.status === 401 || error.status === 404);

export function useLiveStatus(documentId: string, initial: DocumentStatus, documentsInFlight: number): LiveStatus {
  const [live, setLive] = useState<ScanStatus | null>(null);
  const [status, setStatus] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const [watching, setWatching] = useState<Watch | null>(isInFlight(initial) ? { from: null, since: 0 } : null);
  const inFlight = useRef(documentsInFlight);
  useEffect(() => {
    inFlight.current = documentsInFlight;
  }, [documentsInFlight]);

  const accept = useCallback((next: ScanStatus) => {
    setLive(next);
    setStatus(next.status);
    setPollError(null);
  }, []);

  useEffect(() => {
    if (!watching) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unchanged = 0;
    let retrying = false;
    let last = '';
    const delay = () =>
      nextPollDelay({
        unchangedPolls: unchanged,
        documentsInFlight: inFlight.current,
        retrying,
        hidden: document.visibilityState === 'hidden',
      });
    const poll = async () => {
      try {
        const next = await bffGet<ScanStatus>(`${documentId}/status`);
        if (stopped) return;
        accept(next);
        const signature = statusSignature(next);
        unchanged = signature === last ? unchanged + 1 : 0;
        retrying = isRetrying(next);
        last = signature;
        if (!keepWatching(next.status, watching, Date.now())) return setWatching(null);
      } catch (error) {
        if (stopped) return;
        setPollError(messageOf(error));
        if (isFinalError(error)) return setWatching(null);
        unchanged += 1;
        retrying = true;
      }
      timer = setTimeout(poll, delay());
    };
    // Coming back to the tab asks at once instead of finishing a hidden-tab wait.
    const onVisible = () => {
      if (document.visibilityState !== 'visible' || stopped) return;
      clearTimeout(timer);
      timer = setTimeout(poll, 0);
    };
    document.addEventListener('visibilitychange', onVisible);
    timer = setTimeout(poll, watching.from === null ? 0 : delay());
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [watching, documentId, accept]);

  const watch = useCallback((from: DocumentStatus) => setWatching({ from, since: Date.now() }), []);
  const loadOnce = useCallback(() => {
    bffGet<ScanStatus>(`${documentId}/status`).then(accept, (error: unknown) => setPollError(messageOf(error)));
  }, [documentId, accept]);

  return { status, live, pollError, watch, load: loadOnce };
}
