/**
 * The API's Temporal client: it starts workflows and asks them for status.
 * Connects lazily so the API can boot (and report "not ready") while the
 * Temporal server is still starting.
 */
import { Client, Connection } from '@temporalio/client';

export interface TemporalSettings {
  address: string;
  namespace: string;
}

export interface TemporalHandle {
  client: Client;
  /** Round trip to the server; throws when it is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createTemporalClient(settings: TemporalSettings): TemporalHandle {
  const connection = Connection.lazy({ address: settings.address, connectTimeout: '3s' });
  const client = new Client({ connection, namespace: settings.namespace });
  return {
    client,
    async ping() {
      await connection.withDeadline(Date.now() + 3000, () => connection.workflowService.getSystemInfo({}));
    },
    close: () => connection.close(),
  };
}
