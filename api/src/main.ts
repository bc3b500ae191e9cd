/**
 * The API's entry point: parses the config once, failing fast before
 * anything starts, then either serves in this process (API_INSTANCES=1, or
 * a worker forked by our cluster primary or by PM2's cluster mode) or
 * becomes the cluster primary that runs API_INSTANCES workers (cluster.ts).
 */
import cluster from 'node:cluster';
import { ConfigError } from '@akount/config';
import { resolveInstances, runPrimary } from './cluster';
import { loadApiConfig } from './config';
import { apiLogger, serve } from './server';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadApiConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const { DATABASE_URL, TEMPORAL_ADDRESS } = config;
if (!DATABASE_URL) {
  fail('DATABASE_URL is not set. `npm start` starts an embedded PostgreSQL and sets it; to run the API alone, set DATABASE_URL.');
}
if (!TEMPORAL_ADDRESS) {
  fail('TEMPORAL_ADDRESS is not set. `npm start` starts a Temporal dev server and sets it; to run the API alone, set TEMPORAL_ADDRESS.');
}

const instances = resolveInstances(config.API_INSTANCES);
if (cluster.isPrimary && instances > 1) {
  runPrimary({ instances, poolSize: config.DATABASE_POOL_SIZE, logger: apiLogger(config) });
} else {
  await serve({ ...config, DATABASE_URL, TEMPORAL_ADDRESS });
}
