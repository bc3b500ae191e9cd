/** The time-skipping test environment works here: a 30-day timer runs in seconds. */
import './quiet-runtime';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnvironment } from './support';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnvironment();
});

afterAll(async () => {
  await env?.teardown();
});

describe('time-skipping environment', () => {
  it('runs a workflow that sleeps 30 days in seconds of wall time', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'time-skipping-test',
      workflowsPath: fileURLToPath(new URL('./fixtures/timers.ts', import.meta.url)),
    });
    const wallStarted = performance.now();
    const workflowDays = await worker.runUntil(
      env.client.workflow.execute('sleepForDays', {
        args: [30],
        taskQueue: 'time-skipping-test',
        workflowId: `sleep-30-days-${Date.now()}`,
      }),
    );
    const wallSeconds = (performance.now() - wallStarted) / 1000;
    expect(workflowDays).toBeGreaterThanOrEqual(30);
    expect(wallSeconds).toBeLessThan(20);
  });
});
