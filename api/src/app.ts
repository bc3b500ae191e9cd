/**
 * buildApp(): the Fastify application as a function, so tests drive it with
 * inject() and main.ts adds only the listening socket and signals.
 */
import type { Database } from '@akount/db';
import type { Logger } from '@akount/logger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApiConfig } from './config';
import { registerDevUserRoutes } from './domains/auth/dev-users';
import { registerHealthRoutes } from './domains/system/health';
import type { TemporalHandle } from './temporal';

export interface AppDependencies {
  config: ApiConfig;
  logger: Logger;
  database: Database;
  temporal: TemporalHandle;
}

export async function buildApp({ config, logger, database, temporal }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.API_BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
  });

  registerHealthRoutes(app, [
    { name: 'database', required: true, check: () => database.ping() },
    { name: 'temporal', required: true, check: () => temporal.ping() },
  ]);
  if (config.NODE_ENV !== 'production') registerDevUserRoutes(app, database);

  return app;
}
