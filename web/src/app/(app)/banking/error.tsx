'use client';
/** Banking failed to render (the API failing, say): shown inside the shell with a retry. */
import { ErrorState } from '@/components/error-state';

export default function BankingError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorState error={error} retry={retry} boundary="banking" title="Banking cannot be shown right now" explanation="Loading it failed." />
  );
}
