/**
 * The document routes' own refusals, each an AppError with the status and code the one error
 * handler turns into the API's JSON shape. Messages are written for the person uploading.
 */
import { AppError } from '../../http/errors';

export class UploadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('PAYLOAD_TOO_LARGE', 413, `The file is larger than ${formatBytes(maxBytes)}; upload a smaller scan or split the PDF`, {
      reason: 'FILE_TOO_LARGE',
      maxBytes,
    });
  }
}

export class UnsupportedDocumentError extends AppError {
  constructor(message: string) {
    super('UNSUPPORTED_MEDIA_TYPE', 415, `Only PDF, PNG and JPEG documents are accepted: ${message}`, { reason: 'UNSUPPORTED_TYPE' });
  }
}

export class UnreadableDocumentError extends AppError {
  constructor(reason: string, message: string) {
    super('UNPROCESSABLE', 422, message, { reason });
  }
}

export class BadUploadError extends AppError {
  constructor(message: string) {
    super('VALIDATION_FAILED', 400, message);
  }
}

export class DuplicateDocumentError extends AppError {
  constructor(readonly existingDocumentId: string) {
    super('DUPLICATE_DOCUMENT', 409, 'This file was already uploaded for this business', { existingDocumentId });
  }
}

/** The document is not in a state where the action makes sense (approve after posting, retry while running). */
export class ScanStateError extends AppError {
  constructor(message: string) {
    super('CONFLICT', 409, message);
  }
}

export class ScanUnavailableError extends AppError {
  constructor(message: string) {
    super('SERVICE_UNAVAILABLE', 503, message);
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
