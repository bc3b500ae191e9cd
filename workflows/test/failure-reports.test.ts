/**
 * The worker's failure reporting: activity and workflow failures reach one report function with
 * the ids an operator needs (the worker sends them to Sentry), retries that are Temporal's to
 * handle do not, and the Sentry reporter really sends an event with those tags.
 */
import './quiet-runtime';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityFailureInterceptor, errorSinks, worthReporting, type FailureReport } from '../src/observability/errors';
import { flushSentry, initWorkerSentry, reportToSentry } from '../src/observability/sentry';
import { startSentryReceiver, type SentryReceiver } from '../../test/support/sentry-receiver';
import { createTimeSkippingEnvironment } from './support';

let env: TestWorkflowEnvironment;
const reports: FailureReport[] = [];
const taskQueue = 'failure-reports';

async function runWithReporting<T>(work: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/failing.ts', import.meta.url)),
    activities: {
      async refuse() {
        throw ApplicationFailure.nonRetryable('the file is not a PDF', 'UNREADABLE');
      },
    },
    interceptors: {
      activity: [activityFailureInterceptor((report) => reports.push(report))],
      workflowModules: [fileURLToPath(new URL('../src/observability/workflow-interceptors.ts', import.meta.url))],
    },
    sinks: errorSinks((report) => reports.push(report)),
  });
  return worker.runUntil(work);
}

beforeAll(async () => {
  env = await createTimeSkippingEnvironment();
});

afterAll(async () => {
  await env?.teardown();
});

describe('failure reports', () => {
  it('reports a permanent activity failure with its workflow, activity and document ids, and the workflow failure it caused', async () => {
    reports.length = 0;
    const workflowId = 'document-scan/0192f000-0000-7000-8000-000000000001';
    await runWithReporting(() => expect(env.client.workflow.execute('callsRefusingActivity', { taskQueue, workflowId })).rejects.toThrow());
    const activity = reports.find((report) => report.kind === 'activity');
    expect(activity).toMatchObject({ workflowId, activityType: 'refuse', attempt: 1, documentId: '0192f000-0000-7000-8000-000000000001' });
    expect((activity?.error as ApplicationFailure).type).toBe('UNREADABLE');
    expect(reports.find((report) => report.kind === 'workflow')).toMatchObject({ workflowId, workflowType: 'callsRefusingActivity' });
  });

  it('reports a workflow that fails by itself, once', async () => {
    reports.length = 0;
    const workflowId = `fails-itself-${Date.now()}`;
    await runWithReporting(() => expect(env.client.workflow.execute('failsItself', { taskQueue, workflowId })).rejects.toThrow());
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'workflow', workflowId });
    expect((reports[0]!.error as Error).message).toContain('the ledger would not balance');
  });

  it('leaves transient failures to Temporal until they persist', () => {
    const transient = ApplicationFailure.retryable('clamd is busy', 'SCANNER_BUSY');
    expect([1, 2, 3, 4, 10, 11, 20].map((attempt) => worthReporting(transient, attempt))).toEqual([
      false,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(worthReporting(ApplicationFailure.nonRetryable('bad', 'BAD'), 1)).toBe(true);
  });
});

describe('Sentry reporter', () => {
  let receiver: SentryReceiver;

  beforeAll(async () => {
    receiver = await startSentryReceiver(7);
    initWorkerSentry({ dsn: receiver.dsn, environment: 'test' });
  });

  afterAll(() => receiver.close());

  it('sends one event tagged with the workflow, run, activity and document', async () => {
    reportToSentry({
      error: new Error('OCR refused the file'),
      kind: 'activity',
      workflowId: 'document-scan/doc-1',
      runId: 'run-1',
      workflowType: 'documentScanWorkflow',
      activityType: 'ocrDocument',
      attempt: 3,
      documentId: 'doc-1',
    });
    await flushSentry();
    const event = receiver.envelopes.map((envelope) => envelope.body).find((body) => body.includes('OCR refused the file'));
    expect(event).toBeDefined();
    for (const tag of [
      '"workflow_id":"document-scan/doc-1"',
      '"run_id":"run-1"',
      '"activity_type":"ocrDocument"',
      '"document_id":"doc-1"',
      '"attempt":"3"',
    ]) {
      expect(event).toContain(tag);
    }
  });
});
