/**
 * The Mistral engine through the fake Mistral server (real HTTP, Mistral's request validation and
 * error bodies), PostgreSQL and local storage: OCR and extraction into the contract, an AiUsage
 * row with its cost for every call, and what Temporal is told when Mistral limits or refuses us.
 */
import type { Extraction, ScanRef } from '@akount/contracts';
import { costMicros, defaultPrices, type MistralEndpoint } from '@akount/mistral';
import { FAKE_API_KEY, SAMPLE_RECEIPT, startFakeMistral, type FakeChatRequest, type FakeMistral } from '@akount/mistral/fake';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../src';
import { MistralError } from '@akount/mistral';
import type { MistralExtraction } from '../src/documents/mistral-extraction';
import {
  createHarness,
  createScanTenant,
  devSet,
  documentRow,
  expectPermanent,
  failureOf,
  inActivity,
  stageDocument,
  type Harness,
  type ScanTenant,
} from './documents-harness';

let fake: FakeMistral;
let harness: Harness;
let tenant: ScanTenant;
let chatRequests: FakeChatRequest[];

/** What a model would answer for SAMPLE_RECEIPT, read off the text it was sent. */
function answerFor(request: FakeChatRequest): MistralExtraction {
  const sent = request.messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
  const total = /Total: ([\d.]+)/.exec(sent)?.[1] ?? null;
  return {
    docType: 'receipt',
    vendorName: /# (.+)/.exec(sent)?.[1] ?? null,
    vendorTaxId: null,
    invoiceNumber: /Receipt: (\S+)/.exec(sent)?.[1] ?? null,
    date: '2018-10-19',
    dueDate: null,
    currency: null,
    subtotal: null,
    taxes: [],
    tip: null,
    total,
    paymentMethod: null,
    lineItems: [...sent.matchAll(/\| (\w+) \| (\d+) \| ([\d.]+) \|/g)].map(([, description, quantity, amount]) => ({
      description: description!,
      quantity: Number(quantity),
      unitPrice: null,
      amount: amount!,
    })),
    statement: null,
  };
}

beforeAll(async () => {
  fake = await startFakeMistral();
  harness = createHarness({
    mistral: {
      apiKey: FAKE_API_KEY,
      baseUrl: fake.url,
      ocrModel: 'mistral-ocr-latest',
      chatModel: 'mistral-large-latest',
      timeoutMs: 5_000,
    },
  });
  tenant = await createScanTenant(harness.database, 'MY', 'MYR');
});
afterAll(async () => {
  await harness?.close();
  await fake?.close();
});
beforeEach(() => {
  chatRequests = [];
  fake.setBehaviour({
    failures: [],
    chatAnswer: (request) => {
      chatRequests.push(request);
      return answerFor(request);
    },
  });
});

const activities = () => createDocumentActivities(harness.deps);

async function stored(file: string, bytes = devSet('r001-usd-grocery-till.pdf')): Promise<ScanRef> {
  const { stagedKey: _staged, ...ref } = await stageDocument(harness, tenant, bytes, file);
  await inActivity(activities().storeDocument, [ref]);
  return ref;
}

function usageOf(ref: ScanRef) {
  return harness.database
    .forTenant(ref.tenantId)
    .aiUsage.findMany({ where: { documentId: ref.documentId }, orderBy: { createdAt: 'asc' } });
}

const expectedCost = (
  endpoint: MistralEndpoint,
  row: { model: string; pages: number | null; inputTokens: number | null; outputTokens: number | null },
) =>
  BigInt(
    costMicros(defaultPrices, {
      endpoint,
      model: row.model,
      pages: row.pages ?? undefined,
      promptTokens: row.inputTokens ?? undefined,
      completionTokens: row.outputTokens ?? undefined,
    })!,
  );

describe('Mistral OCR and extraction', () => {
  it('reads a PDF with Mistral OCR, extracts it with the chat model, and records both calls with their cost', async () => {
    const bytes = devSet('r001-usd-grocery-till.pdf');
    const ref = await stored('till.pdf', bytes);
    const callsBefore = fake.calls.length;

    const ocr = await inActivity(activities().ocrDocument, [ref]);
    expect(ocr).toMatchObject({ engine: 'mistral', kind: 'pdf', pageCount: 1 });
    const sent = fake.calls.slice(callsBefore).find((call) => call.endpoint === 'ocr')?.body as { document: { document_url: string } };
    expect(sent.document.document_url).toBe(`data:application/pdf;base64,${bytes.toString('base64')}`);
    const text = await harness.database.forTenant(ref.tenantId).documentText.findFirstOrThrow({ where: { id: ocr.textId } });
    const lines = (text.looks as { pages: { lines: { text: string; box?: unknown }[] }[] }[])[0]!.pages[0]!.lines;
    expect(lines.map((line) => line.text)).toEqual(SAMPLE_RECEIPT.split('\n'));
    expect(lines.every((line) => line.box === undefined)).toBe(true);
    expect(await documentRow(harness, ref)).toMatchObject({ engine: 'mistral', pageCount: 1 });

    const result = await inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }]);
    expect(result.docType).toBe('receipt');
    expect(chatRequests).toHaveLength(1);
    expect(chatRequests[0]).toMatchObject({ format: 'json_schema', name: 'document_extraction' });
    expect(JSON.stringify(chatRequests[0]!.messages)).toContain('MYR');
    const row = await harness.database.forTenant(ref.tenantId).documentExtraction.findFirstOrThrow({ where: { id: result.extractionId } });
    const data = row.data as unknown as Extraction;
    expect(row.engine).toBe('mistral');
    expect(data).toMatchObject({
      engine: 'mistral',
      vendorName: { value: 'SAMPLE TRADING' },
      invoiceNumber: { value: 'R-000123' },
      date: { value: '2018-10-19' },
      currency: { value: 'MYR' },
      total: { value: { amountMinor: 1350, currency: 'MYR' } },
      checks: [{ name: 'items=total', passed: true }],
    });
    expect(data.lineItems?.map((item) => item.amount.value.amountMinor)).toEqual([1000, 350]);
    expect(result.confidence).toBeGreaterThan(0.5);

    const usage = await usageOf(ref);
    expect(usage.map((entry) => entry.operation)).toEqual(['ocr', 'extract']);
    const [ocrUsage, extractUsage] = usage;
    expect(ocrUsage).toMatchObject({ provider: 'mistral', model: 'mistral-ocr-latest', pages: 1, currency: 'USD', tenantId: ref.tenantId });
    expect(ocrUsage!.costMicros).toBe(expectedCost('ocr', ocrUsage!));
    expect(ocrUsage!.costMicros).toBeGreaterThan(0n);
    expect(extractUsage).toMatchObject({ model: 'mistral-large-latest', pages: null });
    expect(extractUsage!.inputTokens).toBeGreaterThan(0);
    expect(extractUsage!.outputTokens).toBeGreaterThan(0);
    expect(extractUsage!.costMicros).toBe(expectedCost('chat', extractUsage!));
    expect(usage.every((entry) => entry.latencyMs >= 0)).toBe(true);
  });

  it('sends a photo as an image and keeps CSV statements on the local parser, with no Mistral call', async () => {
    const photo = await stored('photo.png', devSet('r025-gbp-cafe-clean.png'));
    const callsBefore = fake.calls.length;
    expect(await inActivity(activities().ocrDocument, [photo])).toMatchObject({ engine: 'mistral', kind: 'png' });
    const sent = fake.calls.slice(callsBefore).find((call) => call.endpoint === 'ocr')?.body as {
      document: { type: string; image_url: string };
    };
    expect(sent.document.type).toBe('image_url');
    expect(sent.document.image_url.startsWith('data:image/png;base64,')).toBe(true);

    const csv = await stored('statement.csv', devSet('s009-usd-csv-signed.csv'));
    const callsBeforeCsv = fake.calls.length;
    const ocr = await inActivity(activities().ocrDocument, [csv]);
    expect(ocr).toMatchObject({ engine: 'local', kind: 'csv' });
    const extracted = await inActivity(activities().extractDocument, [{ ...csv, textId: ocr.textId }]);
    expect(extracted.docType).toBe('bank_statement');
    expect(fake.calls.length).toBe(callsBeforeCsv);
    expect(await usageOf(csv)).toEqual([]);
  });
});

describe('Mistral failures', () => {
  it('turns a 429 with Retry-After into a retryable failure whose next retry waits that long', async () => {
    const ref = await stored('limited.pdf');
    fake.setBehaviour({ failures: [{ kind: 'rate-limit', endpoint: 'ocr', retryAfterSeconds: 7 }] });
    const error = await failureOf(inActivity(activities().ocrDocument, [ref], { attempt: 4 }));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'MISTRAL_RATE_LIMITED', nonRetryable: false, nextRetryDelay: 7_000, details: [{ attempt: 4 }] });
    expect(await usageOf(ref)).toEqual([]);

    // The next attempt goes through.
    expect(await inActivity(activities().ocrDocument, [ref], { attempt: 5 })).toMatchObject({ attempt: 5, engine: 'mistral' });
  });

  it('lets a 5xx retry as it is, and fails permanently when Mistral refuses the key', async () => {
    const ref = await stored('refused.pdf');
    fake.setBehaviour({ failures: [{ kind: 'server-error', endpoint: 'ocr', status: 503 }] });
    const outage = await failureOf(inActivity(activities().ocrDocument, [ref]));
    expect(outage).toBeInstanceOf(MistralError);
    expect(outage).toMatchObject({ retryable: true, status: 503 });

    const wrongKey = createDocumentActivities({ ...harness.deps, mistral: { ...harness.deps.mistral!, apiKey: 'not-the-key' } });
    const refused = expectPermanent(await failureOf(inActivity(wrongKey.ocrDocument, [ref], { attempt: 2 })), 'MISTRAL_REJECTED', 2);
    expect(refused.message).toContain('401');
    expect(await usageOf(ref)).toEqual([]);
  });

  it('fails extraction permanently when the model answers something that is not the schema', async () => {
    const ref = await stored('garbled.pdf');
    const ocr = await inActivity(activities().ocrDocument, [ref]);
    fake.setBehaviour({ chatAnswer: () => 'this is not JSON' });
    expectPermanent(await failureOf(inActivity(activities().extractDocument, [{ ...ref, textId: ocr.textId }])), 'MISTRAL_REJECTED');
    expect(await harness.database.forTenant(ref.tenantId).documentExtraction.count({ where: { documentId: ref.documentId } })).toBe(0);
  });
});
