'use client';
/** The inbox failed to render (the API failing, say): shown inside the shell with a retry. */
import { ErrorState } from '@/components/error-state';

export default function DocumentsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorState
      error={error}
      retry={retry}
      boundary="documents"
      title="Your documents cannot be shown right now"
      explanation="Loading the list failed."
    />
  );
}
