/**
 * The one place where an error inside a document activity becomes what Temporal acts on (the
 * failure contract in types.ts). Permanent problems become non-retryable ApplicationFailures whose
 * `type` is a ScanError code, whose message is written for the user and whose first detail is
 * `{ attempt }`. Transient ones (clamd, storage, database or Mistral unavailable) are rethrown as
 * they are, so Temporal retries them with backoff; a Mistral Retry-After becomes the next retry
 * delay. An error nobody classified stays retryable and is logged: a bug should be fixed and
 * retried, not turned into a "your file is broken" message.
 */
import { DocumentError } from '@akount/ocr';
import { MistralError } from '@akount/mistral';
import type { Logger } from '@akount/logger';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { StorageError } from '../storage';
import { ClamdError } from '../virus-scan/clamd';

/** The attempt this activity runs as; 1 outside an activity (scripts). */
export function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/** A failure retrying cannot fix: the workflow stops the stage and waits in NEEDS_ATTENTION. */
export function permanent(code: string, userMessage: string, cause?: Error): ApplicationFailure {
  return ApplicationFailure.create({
    type: code,
    message: userMessage,
    nonRetryable: true,
    details: [{ attempt: currentAttempt() }],
    cause,
  });
}

/** A transient failure whose next attempt should wait `delayMs` (a provider's Retry-After). */
export function retryAfter(code: string, message: string, delayMs: number, cause?: Error): ApplicationFailure {
  return ApplicationFailure.create({
    type: code,
    message,
    nonRetryable: false,
    nextRetryDelay: delayMs,
    details: [{ attempt: currentAttempt() }],
    cause,
  });
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function fromStorage(error: StorageError): ApplicationFailure {
  switch (error.code) {
    case 'not-found':
      return permanent('FILE_MISSING', 'The uploaded file is no longer in storage. Upload it again.', error);
    case 'wrong-tenant':
    case 'invalid-key':
      return permanent('STORAGE_KEY_REFUSED', 'This document points at a file it may not read. Upload it again.', error);
    default:
      return permanent('STORAGE_REJECTED', `Storage refused the file: ${error.message}`, error);
  }
}

function fromMistral(error: MistralError): Error {
  if (error.retryAfterMs !== undefined) return retryAfter('MISTRAL_RATE_LIMITED', error.message, error.retryAfterMs, error);
  if (error.retryable) return error;
  return permanent('MISTRAL_REJECTED', `The AI engine could not process this document: ${error.message}`, error);
}

/** Prisma's "cannot reach / lost / timed out" codes and the driver's socket errors. */
const databaseConnectionCodes = /^(P1001|P1002|P1008|P1017|P2024|ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P01|53300)$/;

export function isDatabaseConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    error.name === 'PrismaClientInitializationError' ||
    (typeof code === 'string' && databaseConnectionCodes.test(code)) ||
    (error.cause !== undefined && isDatabaseConnectionError(error.cause))
  );
}

/**
 * What to throw for `error`: an ApplicationFailure (permanent, or retryable with a delay), or the
 * error itself when Temporal should simply retry it.
 */
export function toActivityFailure(error: unknown, log: Logger): unknown {
  if (error instanceof ApplicationFailure || error instanceof CancelledFailure) return error;
  if (error instanceof DocumentError) return permanent(error.code, sentence(error.message), error);
  if (error instanceof ClamdError) {
    if (error.kind === 'unavailable') return warned(log, error);
    return permanent('SCAN_REFUSED', `The virus scanner refused this file (${error.message}). Upload a smaller file.`, error);
  }
  if (error instanceof StorageError) return error.retryable ? warned(log, error) : fromStorage(error);
  if (error instanceof MistralError) return error.retryable ? warned(log, fromMistral(error)) : fromMistral(error);
  if (isDatabaseConnectionError(error)) return warned(log, error);
  log.error({ err: error }, 'unexpected error; the activity will be retried');
  return error;
}

function warned<E>(log: Logger, error: E): E {
  log.warn({ err: error }, 'transient failure; the activity will be retried');
  return error;
}
