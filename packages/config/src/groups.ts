/**
 * The environment variable groups of DESIGN §5. Each group has a shape (what
 * the variables look like) and a production rule (which ones production may
 * not leave to an embedded default). A process picks the groups it uses.
 * `.env.example` lists the same variables in the same groups.
 */
import { z } from 'zod';
import { missingInProduction, type ConfigIssue, type Env } from './env';
import { flag, instances, list, logLevel, nodeEnv, port, positiveInt, positiveNumber, trustedProxies, url } from './fields';

export interface Group<Shape extends z.ZodRawShape = z.ZodRawShape> {
  shape: Shape;
  /** Issues for variables that production may not leave unset; `env` is the raw, blank-free input. */
  production: (env: Env) => ConfigIssue[];
}

const noRule = (): ConfigIssue[] => [];

function group<Shape extends z.ZodRawShape>(shape: Shape, production: (env: Env) => ConfigIssue[] = noRule): Group<Shape> {
  return { shape, production };
}

export const runtime = group({ NODE_ENV: nodeEnv, LOG_LEVEL: logLevel });

export const database = group(
  {
    DATABASE_URL: url(['postgres', 'postgresql']).optional(),
    DATABASE_POOL_SIZE: positiveInt(5),
    DATABASE_SLOW_QUERY_MS: positiveInt(200),
    DATABASE_POOL_WAIT_WARN_MS: positiveInt(100),
  },
  (env) => missingInProduction(env, ['DATABASE_URL'], 'no embedded PostgreSQL in production'),
);

export const auth = group(
  {
    CLERK_SECRET_KEY: z.string().startsWith('sk_', 'must start with sk_').optional(),
    CLERK_PUBLISHABLE_KEY: z.string().startsWith('pk_', 'must start with pk_').optional(),
    CLERK_JWT_KEY: z.string().optional(),
    CLERK_ISSUER: url(['https']).optional(),
    CLERK_AUTHORIZED_PARTIES: list.optional(),
    CLERK_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
    DEV_SIGN_IN_KEY_FILE: z.string().default('.data/dev-sign-in-key.pem'),
  },
  (env) => missingInProduction(env, ['CLERK_SECRET_KEY', 'CLERK_PUBLISHABLE_KEY'], 'the dev sign-in is off in production'),
);

export const api = group(
  {
    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: port(3001),
    API_INSTANCES: instances(1),
    API_BODY_LIMIT_BYTES: positiveInt(1024 * 1024),
    UPLOAD_MAX_BYTES: positiveInt(10 * 1024 * 1024),
    CORS_ORIGINS: list.default(['http://localhost:3000']),
    API_TRUST_PROXY: trustedProxies.default([]),
    RATE_LIMIT_GLOBAL_PER_MINUTE: positiveInt(600),
    RATE_LIMIT_AI_PER_MINUTE: positiveInt(20),
  },
  (env) => missingInProduction(env, ['CORS_ORIGINS'], 'the web origin must be explicit'),
);

export const storage = group(
  {
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    STORAGE_LOCAL_DIR: z.string().default('.data/storage'),
    SPACES_ENDPOINT: url(['http', 'https']).optional(),
    SPACES_REGION: z.string().default('us-east-1'),
    SPACES_BUCKET: z.string().optional(),
    SPACES_KEY: z.string().optional(),
    SPACES_SECRET: z.string().optional(),
    /** SeaweedFS and MinIO want bucket-in-path URLs; DigitalOcean Spaces and AWS do not. */
    SPACES_FORCE_PATH_STYLE: flag(false),
    /**
     * HMAC secret of the folder driver's download tokens; the API and the worker must share it.
     * The default is for development only: production runs the s3 driver, which presigns instead.
     */
    STORAGE_SIGNING_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .default('akount-local-development-download-signing-secret'),
    /** Where the folder driver's download links point: the API's token-checked download route. */
    STORAGE_DOWNLOAD_BASE_URL: url(['http', 'https']).default('http://localhost:3001/api/services/documents/download'),
  },
  (env) => [
    ...(env.STORAGE_DRIVER === 's3' ? [] : [{ variable: 'STORAGE_DRIVER', message: 'must be s3 when NODE_ENV=production' }]),
    ...missingInProduction(env, ['SPACES_ENDPOINT', 'SPACES_BUCKET', 'SPACES_KEY', 'SPACES_SECRET'], 'documents live in object storage'),
  ],
);

/** Limits of the document scan, shared by the API (upload checks) and the worker (OCR, review timer). */
export const documents = group({
  DOCUMENT_MAX_PAGES: positiveInt(50),
  DOCUMENT_REVIEW_STALE_DAYS: positiveInt(30),
});

export const ai = group(
  {
    DOCUMENT_ENGINE: z.enum(['auto', 'local', 'mistral']).default('auto'),
    MISTRAL_API_KEY: z.string().optional(),
    MISTRAL_BASE_URL: url(['http', 'https']).default('https://api.mistral.ai'),
    MISTRAL_OCR_MODEL: z.string().default('mistral-ocr-latest'),
    MISTRAL_EXTRACT_MODEL: z.string().default('mistral-large-latest'),
    MISTRAL_TIMEOUT_MS: positiveInt(120_000),
    /** Per worker: with several workers, split the workspace's budget between them. */
    MISTRAL_RATE_LIMIT_PER_SECOND: positiveNumber(5),
  },
  (env) =>
    (env.DOCUMENT_ENGINE ?? 'auto') === 'auto' && env.MISTRAL_API_KEY === undefined
      ? [
          {
            variable: 'MISTRAL_API_KEY',
            message: 'is required when NODE_ENV=production, unless DOCUMENT_ENGINE=local chooses the local engines explicitly',
          },
        ]
      : [],
);

export const temporal = group(
  {
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[\w.-]+:\d+$/, 'must be host:port')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TASK_QUEUE: z.string().default('document-scan'),
  },
  (env) => missingInProduction(env, ['TEMPORAL_ADDRESS'], 'no Temporal dev server in production'),
);

export const worker = group({
  WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt(4),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: positiveInt(20),
  WORKER_SHUTDOWN_GRACE_SECONDS: positiveInt(60),
  WORKER_HEALTH_HOST: z.string().default('127.0.0.1'),
  WORKER_HEALTH_PORT: port(3002),
});

export const virusScan = group(
  {
    CLAMAV_HOST: z.string().optional(),
    CLAMAV_PORT: port(3310),
    CLAMAV_SOCKET: z.string().optional(),
    CLAMAV_TIMEOUT_MS: positiveInt(30_000),
  },
  (env) =>
    env.CLAMAV_HOST === undefined && env.CLAMAV_SOCKET === undefined
      ? [
          {
            variable: 'CLAMAV_HOST',
            message: 'is required when NODE_ENV=production (or CLAMAV_SOCKET): uploads are never stored unscanned',
          },
        ]
      : [],
);

export const monitoring = group(
  {
    SENTRY_DSN: url(['http', 'https']).optional(),
    SENTRY_AUTH_TOKEN: z.string().optional(),
    SENTRY_ENVIRONMENT: z.string().optional(),
    LOGTAIL_SOURCE_TOKEN: z.string().optional(),
    LOGTAIL_ENDPOINT: url(['http', 'https']).optional(),
    LOG_PRETTY: flag(false),
  },
  (env) => missingInProduction(env, ['SENTRY_DSN'], 'errors must reach someone'),
);

export const web = group(
  {
    WEB_PORT: port(3000),
    API_INTERNAL_URL: url(['http', 'https']).default('http://127.0.0.1:3001'),
    NEXT_PUBLIC_API_URL: url(['http', 'https']).default('http://localhost:3001'),
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string().startsWith('pk_', 'must start with pk_').optional(),
    NEXT_PUBLIC_SENTRY_DSN: url(['http', 'https']).optional(),
    NEXT_PUBLIC_STORAGE_URL: url(['http', 'https']).optional(),
  },
  (env) => missingInProduction(env, ['NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERK_SECRET_KEY'], 'the dev sign-in is off in production'),
);
