/**
 * buildApp(): the Fastify application as a function, so tests drive it with
 * inject() and main.ts adds only the listening socket, Sentry and signals.
 * Public routes: health, OpenAPI, the dev sign-in (outside production), and
 * signed document downloads (local storage; the token is the credential).
 * Everything else under /api requires a session and runs in a tenant scope.
 */
import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { Database, RateLimitCounter } from '@akount/db';
import type { Logger } from '@akount/logger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createSessionVerifier, devIssuer, type DevSigner, type SessionVerifier } from './auth/session-tokens';
import { createAuthenticator } from './auth/tenant-context';
import type { ApiConfig } from './config';
import { registerGlAccountRoutes } from './domains/accounting/gl-accounts';
import { registerCategoryRoutes } from './domains/accounting/categories';
import { registerJournalEntryRoutes } from './domains/accounting/journal-entries';
import { registerClerkWebhook } from './domains/auth/clerk-webhook';
import { registerDevUserRoutes } from './domains/auth/dev-users';
import { registerAccountRoutes } from './domains/banking/accounts';
import { registerTransactionRoutes } from './domains/banking/transactions';
import { registerVendorRoutes } from './domains/business/vendors';
import { registerOverviewRoutes } from './domains/overview/routes';
import { registerDocumentDownloadRoute } from './domains/services/document-download';
import { temporalScanStarter, type DocumentScanStarter } from './domains/services/document-scans';
import { createStorage, type StorageDriver } from '@akount/activities/storage';
import { registerDocumentRoutes } from './domains/services/documents';
import { registerEntityRoutes } from './domains/system/entities';
import { registerHealthRoutes } from './domains/system/health';
import { registerMeRoutes } from './domains/system/me';
import { registerErrorHandler } from './plugins/error-handler';
import { registerRateLimits } from './plugins/rate-limit';
import { registerSecurityHeaders } from './plugins/security-headers';
import type { TemporalHandle } from './temporal';

export interface AppDependencies {
  config: ApiConfig;
  logger: Logger;
  database: Database;
  temporal: TemporalHandle;
  /** Where documents live; default: the driver the storage config group selects. */
  storage?: StorageDriver;
  /** Starts a document's scan; default: the document-scan workflow on TEMPORAL_TASK_QUEUE. */
  documentScans?: DocumentScanStarter;
  /** Present outside production when no Clerk keys are configured. */
  devSigner?: DevSigner;
  /** Where rate-limit hits are counted; default `database.rateLimits`, shared by every API process. */
  rateLimitCounter?: RateLimitCounter;
  /** Reports unexpected errors (Sentry in main.ts). */
  reportError?: (error: unknown, request: FastifyRequest) => void;
}

const requestIdPattern = /^[\w.:-]{1,128}$/;

/** Route config for the AI tier: a per-user limit on routes that spend OCR/AI capacity (upload, retry). */
export function aiRateLimit(config: ApiConfig) {
  return {
    rateLimit: {
      max: config.RATE_LIMIT_AI_PER_MINUTE,
      timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => `user:${request.auth?.userId ?? request.ip}`,
    },
  };
}

/** The dev sign-in exists only outside production and only while no Clerk keys are configured. */
export function devSignInAllowed(config: ApiConfig): boolean {
  return config.NODE_ENV !== 'production' && !config.CLERK_JWT_KEY && !config.CLERK_SECRET_KEY;
}

function sessionVerifier(config: ApiConfig, devSigner: DevSigner | undefined): SessionVerifier {
  if (config.CLERK_JWT_KEY || config.CLERK_SECRET_KEY) {
    return createSessionVerifier({
      jwtKey: config.CLERK_JWT_KEY,
      secretKey: config.CLERK_SECRET_KEY,
      issuer: config.CLERK_ISSUER,
      authorizedParties: config.CLERK_AUTHORIZED_PARTIES ?? config.CORS_ORIGINS,
    });
  }
  if (!devSigner)
    throw new Error('No Clerk keys are configured and the dev sign-in is not available: set CLERK_JWT_KEY or CLERK_SECRET_KEY');
  return createSessionVerifier({ jwtKey: devSigner.publicKeyPem, issuer: devIssuer, authorizedParties: config.CORS_ORIGINS });
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, logger, database, temporal } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.API_BODY_LIMIT_BYTES,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    },
    // A draining instance (PM2 reload, SIGTERM) still serves requests on connections it already
    // holds; its pools close only after app.close() resolves. (true answered them 503: a reload
    // under load dropped 1–3 requests.)
    return503OnClosing: false,
    // request.ip (rate limits, logs) comes from X-Forwarded-For only when the peer is a listed proxy.
    trustProxy: config.API_TRUST_PROXY.length > 0 ? config.API_TRUST_PROXY.join(',') : false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null as never);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerSecurityHeaders(app);
  registerErrorHandler(app, deps.reportError ?? (() => undefined));

  await app.register(cors, { origin: config.CORS_ORIGINS, credentials: true, maxAge: 600 });
  await registerRateLimits(app, {
    globalPerMinute: config.RATE_LIMIT_GLOBAL_PER_MINUTE,
    counter: deps.rateLimitCounter ?? database.rateLimits,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Akount API', version: '1.0.0', description: 'Document-intelligence accounting. Amounts are integer minor units.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/docs/json', { schema: { hide: true } }, async () => app.swagger());

  registerHealthRoutes(app, [
    { name: 'database', required: true, check: () => database.ping() },
    { name: 'temporal', required: true, check: () => temporal.ping() },
  ]);
  const devSigner = devSignInAllowed(config) ? deps.devSigner : undefined;
  if (devSigner) registerDevUserRoutes(app, database, devSigner, config.CORS_ORIGINS[0] ?? 'http://localhost:3000');

  if (config.CLERK_WEBHOOK_SECRET) registerClerkWebhook(app, database, config.CLERK_WEBHOOK_SECRET);
  const storage = deps.storage ?? createStorage(config);
  registerDocumentDownloadRoute(app, storage);

  const authenticate = createAuthenticator(database, sessionVerifier(config, devSigner), {
    onRefreshError: (error) => app.log.warn({ err: error }, 'refreshing a cached identity failed: the cached one is used until it expires'),
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', authenticate);
    registerMeRoutes(scope);
    registerEntityRoutes(scope);
    registerAccountRoutes(scope);
    registerTransactionRoutes(scope);
    registerGlAccountRoutes(scope);
    registerCategoryRoutes(scope);
    registerJournalEntryRoutes(scope);
    registerVendorRoutes(scope);
    registerOverviewRoutes(scope);
    await registerDocumentRoutes(scope, {
      config,
      storage,
      temporal: temporal.client,
      scans: deps.documentScans ?? temporalScanStarter(temporal.client, config.TEMPORAL_TASK_QUEUE),
      aiRateLimit: aiRateLimit(config),
    });
  });

  return app;
}
