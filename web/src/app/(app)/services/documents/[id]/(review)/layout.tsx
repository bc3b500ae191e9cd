/**
 * Decides whether the document exists for this user before anything streams: above the loading
 * boundary, so an unknown or foreign document is a real 404 (rendered by ../not-found.tsx), not a
 * 200 that shows a not-found message.
 */
import type { ReactNode } from 'react';
import { loadDocument } from '@/review/load-document';

export default async function DocumentReviewLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await loadDocument((await params).id);
  return children;
}
