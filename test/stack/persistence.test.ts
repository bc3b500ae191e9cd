/**
 * The local stack keeps its data across restarts: embedded PostgreSQL and the
 * Temporal dev server are stopped and started again on the same folders, as
 * a second `npm start` would, and what was written before is still there.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../scripts/bootstrap/postgres.mjs';
import { startTemporal } from '../../scripts/bootstrap/temporal.mjs';

const dataDir = mkdtempSync(path.join(tmpdir(), 'akount-persistence-'));
// mkdtemp makes a private folder; as root, PostgreSQL runs as `postgres` and must be able to enter it.
chmodSync(dataDir, 0o755);
const where = {
  name: 'test' as const,
  dataDir,
  logDir: path.join(dataDir, 'logs'),
  pgDir: path.join(dataDir, 'postgres'),
  temporalDir: path.join(dataDir, 'temporal'),
  storageDir: path.join(dataDir, 'storage'),
  pgPort: 54340,
  temporalPort: 7253,
  temporalUiPort: 8253,
  database: 'akount_persistence',
};

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('restarting the local stack', () => {
  it('keeps PostgreSQL rows', async () => {
    const first = await startPostgres(where, {});
    try {
      await query(first.url, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before restart')`);
    } finally {
      await first.stop();
    }
    const second = await startPostgres(where, {});
    try {
      expect(await query<{ note: string }>(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'written before restart' }]);
    } finally {
      await second.stop();
    }
  });

  it('keeps Temporal workflows', async () => {
    const options = { namespace: 'default', ui: false, env: { TEMPORAL_CLI_PATH: process.env.AKOUNT_TEMPORAL_CLI_PATH } };
    const workflowId = `kept-${Date.now()}`;
    const first = await startTemporal(where, options);
    try {
      const connection = await Connection.connect({ address: first.address });
      await new Client({ connection }).workflow.start('notRegisteredAnywhere', { taskQueue: 'nobody-polls', workflowId });
      await connection.close();
    } finally {
      await first.stop();
    }
    const second = await startTemporal(where, options);
    try {
      const connection = await Connection.connect({ address: second.address });
      const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
      await connection.close();
      expect(description.status.name).toBe('RUNNING');
      expect(description.type).toBe('notRegisteredAnywhere');
    } finally {
      await second.stop();
    }
  });
});
