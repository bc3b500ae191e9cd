/**
 * What the document activities need from their process: the worker builds one of these from its
 * config (workflows/src/worker.ts); tests and the pipeline benchmark build their own.
 */
import type { Database } from '@akount/db';
import type { Logger } from '@akount/logger';
import type { LocalDocumentReader } from '@akount/ocr';
import type { StorageDriver } from '../storage';
import type { ClamdTarget } from '../virus-scan/clamd';

export interface MistralSettings {
  apiKey: string;
  baseUrl: string;
  ocrModel: string;
  /** Extraction and categorization (chat completions with a JSON schema). */
  chatModel: string;
  timeoutMs: number;
}

export interface DocumentActivityDeps {
  database: Database;
  /** The raw driver; activities reach it only through `scopedToTenant(storage, tenantId)`. */
  storage: StorageDriver;
  /** clamd to stream uploads to; absent only outside production ("skipped: no scanner"). */
  clamd?: ClamdTarget;
  /** The local engines, loaded once per process. */
  reader: LocalDocumentReader;
  /** Present when the Mistral engine is on (DOCUMENT_ENGINE=mistral, or auto with MISTRAL_API_KEY). */
  mistral?: MistralSettings;
  /** Largest PDF the OCR stage reads (DOCUMENT_MAX_PAGES). */
  maxPdfPages: number;
  logger: Logger;
}
