/**
 * Sends one file to POST /bff/documents/upload with XMLHttpRequest, because only XHR reports the
 * request body's progress (fetch has no upload progress). The entity field goes before the file,
 * as the API requires. The answer becomes an `UploadOutcome`: the accepted document, or the API's
 * own message — a 409 duplicate keeps the id of the document already uploaded.
 */
import type { UploadAccepted } from './types';

export type UploadOutcome =
  { ok: true; documentId: string } | { ok: false; status: number; message: string; existingDocumentId: string | null };

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

function existingDocumentOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('existingDocumentId' in details)) return null;
  return typeof details.existingDocumentId === 'string' ? details.existingDocumentId : null;
}

/** Turns the API's answer (status and parsed JSON, if any) into what the upload list shows. */
export function uploadOutcome(status: number, body: unknown): UploadOutcome {
  if (status === 202) {
    const accepted = body as Partial<UploadAccepted> | null;
    if (accepted && typeof accepted.documentId === 'string') return { ok: true, documentId: accepted.documentId };
    return {
      ok: false,
      status,
      message: 'The server accepted the file but did not say which document it became.',
      existingDocumentId: null,
    };
  }
  if (status === 0)
    return { ok: false, status, message: 'Akount cannot be reached; check your connection and try again.', existingDocumentId: null };
  const error = (body as ErrorBody | null)?.error;
  if (status === 409 && error?.code === 'DUPLICATE_DOCUMENT')
    return { ok: false, status, message: 'Already uploaded', existingDocumentId: existingDocumentOf(error.details) };
  const message = error?.message ?? `The server answered ${status}; try again in a moment.`;
  return { ok: false, status, message, existingDocumentId: null };
}

export interface UploadRequest {
  file: File;
  entityId: string | null;
  onProgress: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function uploadDocument({ file, entityId, onProgress, signal }: UploadRequest): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    const form = new FormData();
    if (entityId) form.append('entityId', entityId);
    form.append('file', file, file.name);
    request.open('POST', '/bff/documents/upload');
    request.responseType = 'text';
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => resolve(uploadOutcome(request.status, parsed(request.responseText)));
    request.onerror = () => resolve(uploadOutcome(0, null));
    request.onabort = () => resolve({ ok: false, status: 0, message: 'Upload stopped.', existingDocumentId: null });
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
