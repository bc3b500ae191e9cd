import { describe, expect, it } from 'vitest';
import { errorFromResponse, parseRetryAfter } from './errors';
import { costMicros, defaultPrices, type PriceTable } from './prices';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-05T10:00:00Z');

  it('reads delay-seconds, whole or fractional', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    expect(parseRetryAfter('Mon, 05 Jan 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('errorFromResponse', () => {
  it('takes the wait from an HTTP-date Retry-After on 503', () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    const error = errorFromResponse('chat', 503, new Headers({ 'retry-after': 'Mon, 05 Jan 2026 10:00:10 GMT' }), '', now);
    expect(error).toMatchObject({ code: 'server_error', retryable: true, retryAfterMs: 10_000 });
    expect(error.message).toBe("Mistral chat completion failed on Mistral's side (503); will retry");
  });

  it('treats 408 as retryable and 403 as not', () => {
    expect(errorFromResponse('ocr', 408, new Headers(), '').retryable).toBe(true);
    const forbidden = errorFromResponse(
      'ocr',
      403,
      new Headers(),
      '{"object":"error","message":"No access to model","type":"invalid_request_error","param":null,"code":null}',
    );
    expect(forbidden).toMatchObject({ code: 'forbidden', retryable: false });
    expect(forbidden.message).toBe('Mistral OCR rejected the request (403): No access to model');
  });
});

describe('costMicros', () => {
  it('prices OCR per 1,000 pages and chat per million tokens, by longest model prefix', () => {
    expect(costMicros(defaultPrices, { endpoint: 'ocr', model: 'mistral-ocr-2512', pages: 3 })).toBe(6000);
    expect(costMicros(defaultPrices, { endpoint: 'chat', model: 'mistral-large-latest', promptTokens: 2000, completionTokens: 1000 })).toBe(
      2500,
    );
    const custom: PriceTable = {
      currency: 'EUR',
      ocr: {},
      chat: {
        mistral: { inputPerMillionMicros: 1, outputPerMillionMicros: 1 },
        'mistral-small': { inputPerMillionMicros: 100_000, outputPerMillionMicros: 300_000 },
      },
    };
    expect(costMicros(custom, { endpoint: 'chat', model: 'mistral-small-latest', promptTokens: 10_000, completionTokens: 10_000 })).toBe(
      4000,
    );
  });

  it('has no price for a model the table does not list', () => {
    expect(costMicros(defaultPrices, { endpoint: 'chat', model: 'codestral-latest', promptTokens: 10 })).toBeUndefined();
  });
});
