'use client';
/** Accounting failed to render (the API failing, say): shown inside the shell with a retry. */
import { ErrorState } from '@/components/error-state';

export default function AccountingError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorState
      error={error}
      retry={retry}
      boundary="accounting"
      title="Accounting cannot be shown right now"
      explanation="Loading it failed."
    />
  );
}
