/**
 * What a Mistral call costs, in micro-units of the price table's currency (1 USD = 1,000,000),
 * so AiUsage rows add up in integers. The default table lives here and nowhere else; a deploy
 * can pass its own (for a negotiated price, or after Mistral changes its list).
 *
 * Sources for the defaults (checked in the stored copies available to this session; the live
 * mistral.ai/pricing page could not be reached, so re-check before trusting invoices to them):
 * - OCR (mistral-ocr-*, OCR 3 = mistral-ocr-2512): USD 2 per 1,000 pages (USD 1 through the
 *   Batch API, which this client does not use) — Mistral OCR 3 list price as reported at its
 *   December 2025 release (hardais.com/models/mistral/ocr).
 * - Mistral Large 3 (mistral-large-*): USD 0.50 per million input tokens, USD 1.50 per million
 *   output tokens (anttisahla.com/ai/models/mistral-large-3, modeldex.io/models/mistral-large,
 *   benchr.org/articles/mistral-review, all quoting Mistral's pricing page).
 */
import type { MistralEndpoint } from './errors';

export interface OcrPrice {
  /** Micro-units per 1,000 pages. */
  perThousandPagesMicros: number;
}

export interface ChatPrice {
  /** Micro-units per million prompt (input) tokens. */
  inputPerMillionMicros: number;
  /** Micro-units per million completion (output) tokens. */
  outputPerMillionMicros: number;
}

export interface PriceTable {
  currency: string;
  /** Keyed by model name or model-name prefix; the longest matching key wins. */
  ocr: Record<string, OcrPrice>;
  chat: Record<string, ChatPrice>;
}

export const defaultPrices: PriceTable = {
  currency: 'USD',
  ocr: {
    'mistral-ocr': { perThousandPagesMicros: 2_000_000 },
  },
  chat: {
    'mistral-large': { inputPerMillionMicros: 500_000, outputPerMillionMicros: 1_500_000 },
  },
};

function lookup<Price>(table: Record<string, Price>, model: string): Price | undefined {
  const key = Object.keys(table)
    .filter((candidate) => model === candidate || model.startsWith(candidate))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : table[key];
}

export interface CostInput {
  endpoint: MistralEndpoint;
  model: string;
  pages?: number;
  promptTokens?: number;
  completionTokens?: number;
}

/** The cost in micro-units, rounded to the nearest one; `undefined` when the table has no price for the model. */
export function costMicros(prices: PriceTable, usage: CostInput): number | undefined {
  if (usage.endpoint === 'ocr') {
    const price = lookup(prices.ocr, usage.model);
    return price === undefined ? undefined : Math.round(((usage.pages ?? 0) * price.perThousandPagesMicros) / 1000);
  }
  const price = lookup(prices.chat, usage.model);
  if (price === undefined) return undefined;
  const input = (usage.promptTokens ?? 0) * price.inputPerMillionMicros;
  const output = (usage.completionTokens ?? 0) * price.outputPerMillionMicros;
  return Math.round((input + output) / 1_000_000);
}
