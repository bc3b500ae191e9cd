/**
 * The API's configuration, parsed from the environment once at boot
 * (DESIGN §5). Nothing else in the API reads process.env.
 */
import { groups, loadConfig, type Env } from '@akount/config';

const apiGroups = [
  groups.runtime,
  groups.database,
  groups.auth,
  groups.api,
  groups.storage,
  groups.documents,
  groups.temporal,
  groups.virusScan,
  groups.monitoring,
] as const;

export function loadApiConfig(env: Env) {
  return loadConfig('api', apiGroups, env);
}

export type ApiConfig = ReturnType<typeof loadApiConfig>;
