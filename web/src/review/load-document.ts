/**
 * The document under review, loaded once per request (the layout decides 404, the page renders):
 * the API answers 404 for an unknown id and for another tenant's document alike, and both become
 * the not-found page — never an error page, never someone else's data.
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ApiError, apiGet } from '@/api';
import type { DocumentDetail } from './types';

export const loadDocument = cache(async (id: string): Promise<DocumentDetail> => {
  try {
    return await apiGet<DocumentDetail>(`/api/services/documents/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
    throw error;
  }
});
