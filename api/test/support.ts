/**
 * Test support: buildApp() on the real test database and Temporal dev server,
 * with a dev signer whose tokens the app verifies exactly like Clerk's, and
 * factories for tenants with members of each role.
 */
import { randomUUID } from 'node:crypto';
import type { StorageDriver } from '@akount/activities/storage';
import { createDatabase, defaultChartOfAccounts, type Database } from '@akount/db';
import { testDatabaseUrl } from '@akount/db/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../src/app';
import { createDevSigner } from '../src/auth/session-tokens';
import { loadApiConfig, type ApiConfig } from '../src/config';
import { createStorage } from '@akount/activities/storage';
import { createTemporalClient, type TemporalHandle } from '../src/temporal';

export interface TestApi {
  app: FastifyInstance;
  config: ApiConfig;
  database: Database;
  storage: StorageDriver;
  temporal: TemporalHandle;
  token(clerkUserId: string): string;
  /** inject() as a user: adds the bearer token. */
  as(clerkUserId: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** `logLines`: the API logs at info level into this array (one parsed JSON line each) instead of staying silent. */
export async function createTestApi(
  env: Record<string, string> = {},
  options: { logLines?: Record<string, unknown>[] } = {},
): Promise<TestApi> {
  const lines = options.logLines;
  const logger = lines
    ? pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
    : pino({ level: 'silent' });
  const config = loadApiConfig({
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7243',
    STORAGE_LOCAL_DIR: process.env.STORAGE_LOCAL_DIR ?? '.data/test/storage',
    ...env,
  });
  const database = createDatabase({ url: testDatabaseUrl(), poolSize: 4, slowQueryMs: 10_000, poolWaitWarnMs: 10_000, logger });
  const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS ?? '', namespace: config.TEMPORAL_NAMESPACE });
  const devSigner = createDevSigner();
  // Rate-limit counts live in the shared test database: a scope per test API keeps parallel test files apart.
  const scope = randomUUID();
  const rateLimitCounter = {
    hit: (key: string, windowMs: number, max: number) => database.rateLimits.hit(`${scope} ${key}`, windowMs, max),
    purgeExpired: () => database.rateLimits.purgeExpired(),
  };
  const storage = createStorage(config);
  const app = await buildApp({ config, logger, database, temporal, storage, devSigner, rateLimitCounter });
  const token = (clerkUserId: string) => devSigner.sign(clerkUserId, config.CORS_ORIGINS[0] ?? 'http://localhost:3000');
  return {
    app,
    config,
    database,
    storage,
    temporal,
    token,
    as: (clerkUserId, options) =>
      app.inject({ ...options, headers: { ...(options.headers ?? {}), authorization: `Bearer ${token(clerkUserId)}` } }),
    async close() {
      await app.close();
      await Promise.allSettled([database.close(), temporal.close()]);
    },
  };
}

export interface TenantFixture {
  tenantId: string;
  entityId: string;
  owner: string;
  accountant: string;
  viewer: string;
  accountId: string;
  bankGlId: string;
  expenseGlId: string;
  categoryId: string;
}

/** A tenant with an owner, an accountant and a viewer (their Clerk ids), an entity, a chart, a bank account and a category. */
export async function createTenant(database: Database, label: string): Promise<TenantFixture> {
  const tenantId = randomUUID();
  const suffix = tenantId.slice(0, 8);
  const members = { owner: 'OWNER', accountant: 'ACCOUNTANT', viewer: 'VIEWER' } as const;
  const clerkIds: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  for (const [key] of Object.entries(members)) {
    const userId = randomUUID();
    clerkIds[key] = `user_${key}_${suffix}`;
    userIds[key] = userId;
    await database
      .forUser({ userId })
      .user.create({ data: { id: userId, clerkUserId: clerkIds[key]!, email: `${key}@${suffix}.example`, name: `${label} ${key}` } });
  }
  return database.forTenant(tenantId).$tenantTransaction(async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: `${label} ${suffix}` } });
    for (const [key, role] of Object.entries(members)) await tx.tenantUser.create({ data: { tenantId, userId: userIds[key]!, role } });
    const entity = await tx.entity.create({ data: { tenantId, name: `${label} LLC`, functionalCurrency: 'USD', country: 'US' } });
    const gl = new Map<string, string>();
    for (const line of defaultChartOfAccounts) {
      const row = await tx.gLAccount.create({ data: { tenantId, entityId: entity.id, code: line.code, name: line.name, type: line.type } });
      gl.set(line.code, row.id);
    }
    const account = await tx.account.create({
      data: {
        tenantId,
        entityId: entity.id,
        glAccountId: gl.get('1010')!,
        name: 'Checking',
        type: 'BANK',
        currency: 'USD',
        openingBalanceMinor: 100_000n,
      },
    });
    const category = await tx.category.create({ data: { tenantId, entityId: entity.id, glAccountId: gl.get('6100')!, name: 'Meals' } });
    return {
      tenantId,
      entityId: entity.id,
      owner: clerkIds.owner!,
      accountant: clerkIds.accountant!,
      viewer: clerkIds.viewer!,
      accountId: account.id,
      bankGlId: gl.get('1010')!,
      expenseGlId: gl.get('6100')!,
      categoryId: category.id,
    };
  });
}

export interface FormFile {
  field?: string;
  fileName: string;
  contentType?: string;
  bytes: Buffer;
}

/**
 * A multipart/form-data body, built by hand so tests control the order and content of every part:
 * `fields`, then the file, then `trailing` fields.
 */
export function multipartForm(
  fields: Record<string, string>,
  file?: FormFile,
  trailing: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----akount-test-${randomUUID()}`;
  const parts: Buffer[] = [];
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  for (const [name, value] of Object.entries(fields)) parts.push(field(name, value));
  if (file) {
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.fileName}"\r\ncontent-type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`;
    parts.push(Buffer.from(head), file.bytes, Buffer.from('\r\n'));
  }
  for (const [name, value] of Object.entries(trailing)) parts.push(field(name, value));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
