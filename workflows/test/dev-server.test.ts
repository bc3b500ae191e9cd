/** A real round trip on the Temporal dev server: client → workflow → real activity on a worker. */
import './quiet-runtime';
import { fileURLToPath } from 'node:url';
import * as activities from '@akount/activities';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { devServerAddress } from './support';

describe('dev server', () => {
  it('runs pingWorkflow through a worker and its ping activity', async () => {
    const address = devServerAddress();
    const taskQueue = `ping-test-${process.pid}`;
    const nativeConnection = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    try {
      const worker = await Worker.create({
        connection: nativeConnection,
        taskQueue,
        workflowsPath: fileURLToPath(new URL('../src/index.ts', import.meta.url)),
        activities,
      });
      const client = new Client({ connection });
      const result = await worker.runUntil(
        client.workflow.execute('pingWorkflow', { args: ['hello'], taskQueue, workflowId: `ping-${Date.now()}` }),
      );
      expect(result).toMatchObject({ message: 'hello', pid: process.pid, attempt: 1 });
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });
});
