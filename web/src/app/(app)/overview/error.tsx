'use client';
/** Overview failed to render (the API failing, say): shown inside the shell with a retry. */
import { ErrorState } from '@/components/error-state';

export default function OverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorState
      error={error}
      retry={retry}
      boundary="overview"
      title="Overview cannot be shown right now"
      explanation="Loading it failed."
    />
  );
}
