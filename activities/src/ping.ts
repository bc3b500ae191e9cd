/**
 * ping: the smallest real activity. The stack smoke test and operators use
 * it (through pingWorkflow) to prove that a worker is polling the task queue
 * and can run activities. Touches nothing but the process itself.
 */
import { hostname } from 'node:os';
import { Context } from '@temporalio/activity';

export interface PingResult {
  worker: string;
  pid: number;
  attempt: number;
  message: string;
}

export async function ping(message: string): Promise<PingResult> {
  const { info } = Context.current();
  return { worker: hostname(), pid: process.pid, attempt: info.attempt, message };
}
