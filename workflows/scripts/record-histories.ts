/**
 * Records documentScanWorkflow histories for test/replay.test.ts: runs each scenario on the
 * time-skipping server with the stub activities and saves its history as the JSON Temporal's own
 * tools write, formatted by the repo's Prettier so `npm run lint` stays clean. Re-record only on
 * purpose (a deliberate, patched change to the workflow): the files stand for scans already
 * running in production, which the current code must still replay.
 *
 * Usage: source the stack env (TEMPORAL_TEST_SERVER_PATH), then
 *   npx tsx workflows/scripts/record-histories.ts
 */
import '../test/quiet-runtime';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { format, resolveConfig } from 'prettier';
import { approveUpdate, documentScanWorkflowId, documentScanWorkflowType, rejectSignal, retrySignal } from '../src/document-scan/contract';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { documentScanWorkflow } from '../src/document-scan/workflow';
import { StubDocumentActivities, registerSearchAttributes, scanInput, waitForStatus, type StubPlan } from '../test/document-scan-harness';
import { createTimeSkippingEnvironment } from '../test/support';

type ScanHandle = WorkflowHandle<typeof documentScanWorkflow>;

interface Scenario {
  name: string;
  plan: StubPlan;
  /** Drives the scan to its end; the history is fetched afterwards. */
  drive(handle: ScanHandle): Promise<void>;
}

const approveWithEdits = async (handle: ScanHandle) => {
  await waitForStatus(handle, 'AWAITING_REVIEW');
  const edits = { vendorName: 'Kedai Kopi', total: { amountMinor: 1250, currency: 'MYR' } };
  await handle.executeUpdate(approveUpdate, { args: [{ userId: randomUUID(), edits }] });
  await handle.result();
};

const scenarios: Scenario[] = [
  { name: 'happy-path-approve', plan: {}, drive: approveWithEdits },
  {
    name: 'needs-attention-retry',
    plan: { failures: { ocrDocument: ['transient', { code: 'UNREADABLE', message: 'The file could not be read.' }] } },
    drive: async (handle) => {
      await waitForStatus(handle, 'NEEDS_ATTENTION');
      await handle.signal(retrySignal);
      await approveWithEdits(handle);
    },
  },
  {
    name: 'reject',
    plan: {},
    drive: async (handle) => {
      await waitForStatus(handle, 'AWAITING_REVIEW');
      await handle.signal(rejectSignal, { userId: randomUUID(), reason: 'duplicate receipt' });
      await handle.result();
    },
  },
  {
    name: 'cancel-during-review',
    plan: {},
    drive: async (handle) => {
      await waitForStatus(handle, 'AWAITING_REVIEW');
      await handle.cancel();
      await handle.result().catch(() => undefined);
    },
  },
  { name: 'infected', plan: { verdict: 'infected' }, drive: (handle) => handle.result().then(() => undefined) },
];

const historiesDir = fileURLToPath(new URL('../test/histories/', import.meta.url));

async function record(env: TestWorkflowEnvironment, scenario: Scenario): Promise<void> {
  const stubs = new StubDocumentActivities(scenario.plan);
  const taskQueue = `record-${scenario.name}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../src/index.ts', import.meta.url)),
    activities: stubs.activities(),
  });
  await worker.runUntil(async () => {
    const input = scanInput();
    const handle = await env.client.workflow.start<typeof documentScanWorkflow>(documentScanWorkflowType, {
      taskQueue,
      workflowId: documentScanWorkflowId(input.documentId),
      args: [input],
    });
    await scenario.drive(handle);
    const file = `${historiesDir}${scenario.name}.json`;
    const json = historyToJSON(await handle.fetchHistory());
    await writeFile(file, await format(json, { ...(await resolveConfig(file)), filepath: file }));
    process.stdout.write(`recorded ${scenario.name} (${stubs.statusTrail.join(' → ')})\n`);
  });
}

const env = await createTimeSkippingEnvironment();
try {
  await registerSearchAttributes(env);
  await mkdir(historiesDir, { recursive: true });
  for (const scenario of scenarios) await record(env, scenario);
} finally {
  await env.teardown();
}
