/**
 * Builds what the document activities need from the worker's config: the database, the storage
 * driver, clamd, the local engines and (when on) the Mistral settings. The worker calls it once at
 * boot; the pipeline benchmark and the integration tests call it with their own environment, so
 * they run the same activities the worker runs.
 */
import type { DocumentActivityDeps } from '@akount/activities';
import { createStorage } from '@akount/activities/storage';
import type { ClamdTarget } from '@akount/activities/virus-scan';
import { createDatabase } from '@akount/db';
import type { Logger } from '@akount/logger';
import { configureSharedRateLimiter } from '@akount/mistral';
import { LocalDocumentReader } from '@akount/ocr';
import type { WorkerConfig } from './config';

export function clamdTarget(config: WorkerConfig): ClamdTarget | undefined {
  if (config.CLAMAV_SOCKET) return { socket: config.CLAMAV_SOCKET, timeoutMs: config.CLAMAV_TIMEOUT_MS };
  if (config.CLAMAV_HOST) return { host: config.CLAMAV_HOST, port: config.CLAMAV_PORT, timeoutMs: config.CLAMAV_TIMEOUT_MS };
  return undefined;
}

/** `auto` means Mistral when a key is set; `mistral` without a key was already refused by the config check. */
export function mistralSettings(config: WorkerConfig): DocumentActivityDeps['mistral'] {
  const useMistral = config.DOCUMENT_ENGINE === 'mistral' || (config.DOCUMENT_ENGINE === 'auto' && config.MISTRAL_API_KEY !== undefined);
  if (!useMistral || !config.MISTRAL_API_KEY) return undefined;
  return {
    apiKey: config.MISTRAL_API_KEY,
    baseUrl: config.MISTRAL_BASE_URL,
    ocrModel: config.MISTRAL_OCR_MODEL,
    chatModel: config.MISTRAL_EXTRACT_MODEL,
    timeoutMs: config.MISTRAL_TIMEOUT_MS,
  };
}

export interface WorkerResources {
  deps: DocumentActivityDeps;
  close(): Promise<void>;
}

export function createWorkerResources(config: WorkerConfig, logger: Logger, databaseUrl: string): WorkerResources {
  const database = createDatabase({
    url: databaseUrl,
    poolSize: config.DATABASE_POOL_SIZE,
    slowQueryMs: config.DATABASE_SLOW_QUERY_MS,
    poolWaitWarnMs: config.DATABASE_POOL_WAIT_WARN_MS,
    logger,
  });
  const storage = createStorage(config);
  const reader = new LocalDocumentReader({ maxPdfPages: config.DOCUMENT_MAX_PAGES });
  const clamd = clamdTarget(config);
  if (!clamd) logger.warn('no CLAMAV_HOST or CLAMAV_SOCKET: uploads are marked "skipped: no scanner" (allowed outside production only)');
  const mistral = mistralSettings(config);
  // One budget for every Mistral call this worker makes, whichever activity makes it.
  if (mistral) configureSharedRateLimiter({ requestsPerSecond: config.MISTRAL_RATE_LIMIT_PER_SECOND });
  logger.info({ engine: mistral ? 'mistral' : 'local', storage: storage.kind, clamd: clamd !== undefined }, 'document activities ready');
  return {
    deps: {
      database,
      storage,
      reader,
      maxPdfPages: config.DOCUMENT_MAX_PAGES,
      logger,
      ...(clamd ? { clamd } : {}),
      ...(mistral ? { mistral } : {}),
    },
    async close() {
      await reader.close();
      await database.close();
    },
  };
}
