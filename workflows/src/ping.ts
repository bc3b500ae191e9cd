/**
 * pingWorkflow: a round trip through Temporal and a worker, for smoke tests
 * and operators ("is anything picking up the queue?").
 */
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '@akount/activities';

const { ping } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export async function pingWorkflow(message: string): Promise<activities.PingResult> {
  return ping(message);
}
