/**
 * The official SDK against the fake: if @mistralai/mistralai parses the fake's answers and
 * raises its own error classes for the fake's errors, the fake speaks Mistral's contract.
 */
import { Mistral } from '@mistralai/mistralai';
import { HTTPValidationError, MistralError as SdkMistralError, SDKError } from '@mistralai/mistralai/models/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultChatAnswer, FAKE_API_KEY, SAMPLE_RECEIPT, startFakeMistral, type FakeMistral } from './index';

let fake: FakeMistral;
let sdk: Mistral;

beforeAll(async () => {
  fake = await startFakeMistral();
  sdk = new Mistral({ apiKey: FAKE_API_KEY, serverURL: fake.url });
});
afterAll(() => fake.close());
beforeEach(() => fake.setBehaviour({ failures: [], chatAnswer: defaultChatAnswer }));

function textDataUrl(text: string): string {
  return `data:text/plain;base64,${Buffer.from(text).toString('base64')}`;
}

async function sdkFailure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the SDK to throw');
}

describe('the official SDK against the fake Mistral', () => {
  it('reads OCR pages of a text/plain data: URL, one page per form feed', async () => {
    const result = await sdk.ocr.process({
      model: 'mistral-ocr-latest',
      document: { type: 'document_url', documentUrl: textDataUrl('TOTAL 12.00\fPage two') },
    });
    expect(result.model).toBe('mistral-ocr-latest');
    expect(result.pages.map((page) => [page.index, page.markdown])).toEqual([
      [0, 'TOTAL 12.00'],
      [1, 'Page two'],
    ]);
    expect(result.pages[0]!.dimensions).toEqual({ dpi: 200, height: 2200, width: 1700 });
    expect(result.usageInfo).toEqual({ pagesProcessed: 2, docSizeBytes: 20 });
  });

  it('reads an image_url document as the sample receipt', async () => {
    const result = await sdk.ocr.process({
      model: 'mistral-ocr-latest',
      document: { type: 'image_url', imageUrl: 'data:image/png;base64,iVBORw0KGgo=' },
    });
    expect(result.pages).toHaveLength(1);
    expect(result.pages[0]!.markdown).toBe(SAMPLE_RECEIPT);
    expect(result.usageInfo.pagesProcessed).toBe(1);
  });

  it('answers a json_schema chat completion with JSON that fits the schema', async () => {
    fake.setBehaviour({ chatAnswer: (request) => ({ vendor: 'ACME', total: 1250, schemaName: request.name }) });
    const result = await sdk.chat.complete({
      model: 'mistral-large-latest',
      messages: [{ role: 'user', content: 'Extract the receipt' }],
      temperature: 0,
      responseFormat: {
        type: 'json_schema',
        jsonSchema: {
          name: 'receipt',
          strict: true,
          schemaDefinition: {
            type: 'object',
            properties: { vendor: { type: 'string' }, total: { type: 'integer' } },
            required: ['vendor', 'total'],
          },
        },
      },
    });
    expect(result.object).toBe('chat.completion');
    expect(result.choices[0]!.finishReason).toBe('stop');
    expect(JSON.parse(result.choices[0]!.message!.content as string)).toEqual({ vendor: 'ACME', total: 1250, schemaName: 'receipt' });
    expect(result.usage).toMatchObject({ promptTokens: 13, completionTokens: 14, totalTokens: 27 });
  });

  it('raises SDKError with status 401 for a wrong API key', async () => {
    const stranger = new Mistral({ apiKey: 'wrong-key', serverURL: fake.url });
    const error = await sdkFailure(() =>
      stranger.ocr.process({ model: 'mistral-ocr-latest', document: { documentUrl: textDataUrl('x') } }),
    );
    expect(error).toBeInstanceOf(SDKError);
    expect((error as SDKError).statusCode).toBe(401);
    expect(JSON.parse((error as SDKError).body)).toMatchObject({ message: 'Unauthorized' });
  });

  it('raises HTTPValidationError with a pydantic detail array for an invalid body', async () => {
    const error = await sdkFailure(() => sdk.chat.complete({ model: 'mistral-large-latest', messages: [] }));
    expect(error).toBeInstanceOf(HTTPValidationError);
    const validation = error as HTTPValidationError;
    expect(validation.statusCode).toBe(422);
    expect(validation.detail).toEqual([
      {
        type: 'too_short',
        loc: ['body', 'messages'],
        msg: 'List should have at least 1 item after validation, not 0',
        input: [],
        ctx: {}, // the SDK declares ctx as an empty object and drops its fields
      },
    ]);
  });

  it('raises SDKError with status 429 and the rate-limit headers when rate limited', async () => {
    fake.setBehaviour({ failures: [{ kind: 'rate-limit', retryAfterSeconds: 7 }] });
    const error = await sdkFailure(() => sdk.ocr.process({ model: 'mistral-ocr-latest', document: { documentUrl: textDataUrl('x') } }));
    expect(error).toBeInstanceOf(SdkMistralError);
    const limited = error as SdkMistralError;
    expect(limited.statusCode).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining-req-minute')).toBe('0');
    expect(JSON.parse(limited.body)).toEqual({
      object: 'error',
      message: 'Rate limit exceeded',
      type: 'rate_limited',
      param: null,
      code: '1300',
    });
  });

  it('answers 400 invalid_model for a model the endpoint does not serve', async () => {
    const error = await sdkFailure(() => sdk.ocr.process({ model: 'mistral-large-latest', document: { documentUrl: textDataUrl('x') } }));
    expect((error as SDKError).statusCode).toBe(400);
    expect(JSON.parse((error as SDKError).body)).toMatchObject({ message: 'Invalid model: mistral-large-latest', type: 'invalid_model' });
  });
});
