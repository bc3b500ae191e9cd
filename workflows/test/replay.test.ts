/**
 * Replays every saved history in test/histories/ (written by scripts/record-histories.ts) against
 * the current workflow code: a change that would break scans already running fails here with a
 * DeterminismViolationError, unless it is guarded with `patched()`. The last test shows the check
 * is not vacuous: the same history fails against a deliberately changed workflow.
 */
import './quiet-runtime';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, it } from 'vitest';

const historiesDir = fileURLToPath(new URL('./histories/', import.meta.url));
const historyFiles = readdirSync(historiesDir)
  .filter((file) => file.endsWith('.json'))
  .sort();
const recordedScenarios = ['cancel-during-review', 'happy-path-approve', 'infected', 'needs-attention-retry', 'reject'];

const readHistory = (file: string) => historyFromJSON(JSON.parse(readFileSync(`${historiesDir}${file}`, 'utf8')));

const bundle = (workflowsPath: string) =>
  bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL(workflowsPath, import.meta.url)), logger: new DefaultLogger('WARN') });

let current: WorkflowBundle;

beforeAll(async () => {
  current = await bundle('../src/index.ts');
});

describe('saved documentScanWorkflow histories', () => {
  it('cover every recorded scenario, each to the end of its run', () => {
    expect(historyFiles).toEqual(recordedScenarios.map((name) => `${name}.json`));
    for (const file of historyFiles) {
      const events = readHistory(file).events ?? [];
      expect(events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name).toBe('documentScanWorkflow');
      const last = events.at(-1);
      expect(last?.workflowExecutionCompletedEventAttributes ?? last?.workflowExecutionCanceledEventAttributes).toBeTruthy();
    }
  });

  it.each(historyFiles)('%s replays against the current workflow code', async (file) => {
    await Worker.runReplayHistory({ workflowBundle: current }, readHistory(file), `replay-${file}`);
  });

  it('fail to replay against a workflow changed without patched()', async () => {
    const unpatched = await bundle('./fixtures/unpatched-document-scan.ts');
    const replay = Worker.runReplayHistory({ workflowBundle: unpatched }, readHistory('happy-path-approve.json'));
    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
