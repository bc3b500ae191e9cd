/**
 * @akount/mistral: the Mistral REST client (OCR and JSON-schema chat completions) with error
 * classification, a shared rate limiter and usage/cost reporting. The fake server for tests is
 * a separate entry point, `@akount/mistral/fake`, so production code never loads it.
 */
export {
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  documentFromBytes,
  MistralClient,
  type ChatJsonInput,
  type ChatJsonResult,
  type ChatMessage,
  type MistralClientOptions,
  type MistralUsage,
  type OcrDocument,
  type OcrInput,
  type OcrResult,
} from './client';
export { MistralError, parseRetryAfter, type MistralEndpoint, type MistralErrorCode } from './errors';
export { costMicros, defaultPrices, type ChatPrice, type OcrPrice, type PriceTable } from './prices';
export { configureSharedRateLimiter, defaultRateLimit, RateLimiter, sharedRateLimiter, type RateLimiterOptions } from './rate-limiter';
