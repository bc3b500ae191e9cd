/**
 * Every Mistral call a document activity makes is recorded as an AiUsage row (DESIGN §6): model,
 * pages or tokens, cost in micro-units, latency, against the tenant and the document. The client
 * reports usage after each successful call; this module turns that report into the row. A failed
 * write is logged, not thrown: the call has happened and been paid for, and failing the activity
 * would only make the retry pay again.
 */
import type { ScanRef } from '@akount/contracts';
import type { Database } from '@akount/db';
import type { Logger } from '@akount/logger';
import { MistralClient, type MistralUsage } from '@akount/mistral';
import type { DocumentActivityDeps, MistralSettings } from './deps';

export type AiOperation = 'ocr' | 'extract' | 'categorize';

type UsageRef = Pick<ScanRef, 'tenantId' | 'documentId'>;

export async function recordMistralUsage(database: Database, ref: UsageRef, operation: AiOperation, usage: MistralUsage): Promise<void> {
  await database.forTenant(ref.tenantId).aiUsage.create({
    data: {
      tenantId: ref.tenantId,
      documentId: ref.documentId,
      provider: 'mistral',
      model: usage.model,
      operation,
      pages: usage.pages ?? null,
      inputTokens: usage.promptTokens ?? null,
      outputTokens: usage.completionTokens ?? null,
      costMicros: BigInt(usage.costMicros),
      currency: usage.currency,
      latencyMs: usage.latencyMs,
    },
  });
}

/** The Mistral settings, for activities that only run when the Mistral engine is on. */
export function mistralSettingsOf(deps: Pick<DocumentActivityDeps, 'mistral'>): MistralSettings {
  if (!deps.mistral) throw new Error('the Mistral engine is off (no MISTRAL_API_KEY); this path should not have run');
  return deps.mistral;
}

/** A client whose every successful call writes an AiUsage row for `ref` and `operation`. */
export function mistralClientFor(
  deps: Pick<DocumentActivityDeps, 'mistral' | 'database'>,
  ref: UsageRef,
  operation: AiOperation,
  log: Logger,
): MistralClient {
  const settings = mistralSettingsOf(deps);
  return new MistralClient({
    apiKey: settings.apiKey,
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    async onUsage(usage) {
      try {
        await recordMistralUsage(deps.database, ref, operation, usage);
      } catch (error) {
        log.error({ err: error, operation, model: usage.model, costMicros: usage.costMicros }, 'could not record Mistral usage');
      }
    },
  });
}
