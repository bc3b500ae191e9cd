/** The worker's configuration, parsed from the environment once at boot (DESIGN §5). */
import { groups, loadConfig, type Env } from '@akount/config';

const workerGroups = [
  groups.runtime,
  groups.database,
  groups.storage,
  groups.documents,
  groups.ai,
  groups.temporal,
  groups.worker,
  groups.virusScan,
  groups.monitoring,
] as const;

export function loadWorkerConfig(env: Env) {
  return loadConfig('worker', workerGroups, env);
}

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;
