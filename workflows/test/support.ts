/**
 * How workflow tests reach Temporal: the time-skipping server chosen by the
 * bootstrap (TEMPORAL_TEST_SERVER_PATH when the SDK cannot download its own),
 * and the dev server `npm test` started (TEMPORAL_ADDRESS).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';

export function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  return TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
}

export function devServerAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: run this suite through `npm test`, which starts a Temporal dev server.');
  return address;
}
