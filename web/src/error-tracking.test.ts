/**
 * The web app's error-tracking helper on the server side: with Sentry set up
 * (as instrumentation.ts does when SENTRY_DSN is set) a reported error reaches
 * a local Sentry receiver with its boundary and digest tags, and without it
 * the error goes to the console instead of vanishing.
 */
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSentryReceiver, type SentryReceiver } from '../../test/support/sentry-receiver';
import { reportError, setErrorSink } from './error-tracking';
import { initServerSentry } from './sentry.server';

let receiver: SentryReceiver;

beforeAll(async () => {
  receiver = await startSentryReceiver(9);
});

afterAll(async () => {
  setErrorSink(undefined);
  await receiver.close();
});

describe('reportError', () => {
  it('without Sentry, writes the error to the console with its boundary', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    reportError(new Error('nobody listening'), { boundary: 'banking' });
    expect(console).toHaveBeenCalledWith('[banking]', expect.objectContaining({ message: 'nobody listening' }));
    console.mockRestore();
  });

  it('with Sentry set up, sends the error tagged with its boundary and digest', async () => {
    initServerSentry({ dsn: receiver.dsn, environment: 'test' });
    reportError(new Error('review page exploded'), { boundary: 'document-review', digest: 'digest-123' });
    await Sentry.flush(5000);
    const event = receiver.envelopes.find((envelope) => envelope.body.includes('review page exploded'));
    expect(event?.url).toContain('/api/9/envelope/');
    expect(event?.body).toContain('"boundary":"document-review"');
    expect(event?.body).toContain('"digest":"digest-123"');
  });
});
