'use client';
/** The review page failed to render (the API failing, say): shown inside the shell with a retry. */
import { ErrorState } from '@/components/error-state';

export default function DocumentReviewError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorState
      error={error}
      retry={retry}
      boundary="document-review"
      title="This document cannot be shown right now"
      explanation="Loading it failed."
      back={{ href: '/services/documents', label: 'Back to documents' }}
    />
  );
}
