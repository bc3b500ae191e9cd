'use client';
/**
 * Follows a scan's status (GET /bff/documents/:id/status every second) while it moves on its own —
 * the stages before review, posting after an approval, a dismissal or a retry taking effect — and
 * refreshes the page once it settles, so the server renders the new state (fields, transactions).
 * Settled means: not moving, and either a different status than at the start or, having moved,
 * back to one (an approval's first poll can still say AWAITING_REVIEW; a retry can end where it began).
 */
import type { DocumentStatus } from '@akount/contracts';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { bffGet } from './bff';
import { isInFlight } from '../documents/status';
import type { ScanStatus } from './types';

const pollMs = 1000;
/** An action that never shows movement (it was a no-op) settles after this long. */
const quietSettleMs = 10_000;

export interface ScanFollower {
  live: ScanStatus | null;
  following: boolean;
  pollError: string | null;
  follow: () => void;
}

export function useScanFollower(documentId: string, initial: ScanStatus | null, status: DocumentStatus): ScanFollower {
  const router = useRouter();
  const [live, setLive] = useState<ScanStatus | null>(initial);
  const [following, setFollowing] = useState(isInFlight(status));
  const [pollError, setPollError] = useState<string | null>(null);
  const started = useRef({ from: status, at: 0, moved: false });

  const follow = useCallback(() => {
    started.current = { from: live?.status ?? status, at: Date.now(), moved: false };
    setFollowing(true);
  }, [live, status]);

  useEffect(() => {
    if (!following) return;
    if (started.current.at === 0) started.current = { from: status, at: Date.now(), moved: isInFlight(status) };
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await bffGet<ScanStatus>(`${documentId}/status`);
        if (stopped) return;
        setLive(next);
        setPollError(null);
        const start = started.current;
        if (isInFlight(next.status)) start.moved = true;
        const settled = !isInFlight(next.status) && (next.status !== start.from || start.moved || Date.now() - start.at > quietSettleMs);
        if (settled) {
          setFollowing(false);
          router.refresh();
          return;
        }
      } catch (error) {
        if (stopped) return;
        setPollError(error instanceof Error ? error.message : 'The status could not be read.');
      }
      timer = setTimeout(poll, pollMs);
    };
    timer = setTimeout(poll, pollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [following, documentId, router, status]);

  return { live, following, pollError, follow };
}
