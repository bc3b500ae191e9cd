import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';
import * as groups from './groups';

const apiGroups = [
  groups.runtime,
  groups.database,
  groups.auth,
  groups.api,
  groups.storage,
  groups.temporal,
  groups.virusScan,
  groups.monitoring,
] as const;

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills embedded defaults when optional groups are unset', () => {
    const config = loadConfig('api', apiGroups, {});
    expect(config.NODE_ENV).toBe('development');
    expect(config.API_PORT).toBe(3001);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.STORAGE_DRIVER).toBe('local');
    expect(config.CORS_ORIGINS).toEqual(['http://localhost:3000']);
  });

  it('coerces numbers, lists and flags', () => {
    const config = loadConfig('api', [groups.api, groups.monitoring], {
      API_PORT: '4000',
      CORS_ORIGINS: 'https://a.example, https://b.example,',
      LOG_PRETTY: 'yes',
    });
    expect(config.API_PORT).toBe(4000);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.LOG_PRETTY).toBe(true);
  });

  it('names every invalid variable in one error', () => {
    const error = issuesOf(() =>
      loadConfig('api', apiGroups, {
        API_PORT: 'eighty',
        DATABASE_URL: 'mysql://nope',
        TEMPORAL_ADDRESS: 'no-port',
        STORAGE_DRIVER: 'ftp',
      }),
    );
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['API_PORT', 'DATABASE_URL', 'STORAGE_DRIVER', 'TEMPORAL_ADDRESS']);
    expect(error.message).toContain('Invalid configuration for api (4 problems)');
    expect(error.message).toMatch(/DATABASE_URL: must be a URL \(postgres, postgresql\)/);
    expect(error.message).toMatch(/TEMPORAL_ADDRESS: must be host:port/);
  });

  it('treats blank values as unset', () => {
    const config = loadConfig('api', [groups.database], { DATABASE_URL: '   ' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('in production, names every variable that would fall back to an embedded default', () => {
    const error = issuesOf(() => loadConfig('api', apiGroups, { NODE_ENV: 'production' }));
    const named = error.issues.map((issue) => issue.variable);
    for (const variable of [
      'DATABASE_URL',
      'CLERK_SECRET_KEY',
      'CLERK_PUBLISHABLE_KEY',
      'CORS_ORIGINS',
      'STORAGE_DRIVER',
      'SPACES_ENDPOINT',
      'SPACES_BUCKET',
      'SPACES_KEY',
      'SPACES_SECRET',
      'TEMPORAL_ADDRESS',
      'CLAMAV_HOST',
      'SENTRY_DSN',
    ]) {
      expect(named).toContain(variable);
    }
    expect(error.message).toMatch(/DATABASE_URL: is required when NODE_ENV=production/);
  });

  it('reports format and production problems together', () => {
    const error = issuesOf(() =>
      loadConfig('api', [groups.runtime, groups.database, groups.api], { NODE_ENV: 'production', API_PORT: '0' }),
    );
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['API_PORT', 'CORS_ORIGINS', 'DATABASE_URL']);
  });

  it('accepts a complete production environment', () => {
    const config = loadConfig('api', apiGroups, {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app:secret@db.example:25060/akount?sslmode=require',
      CLERK_SECRET_KEY: 'sk_live_x',
      CLERK_PUBLISHABLE_KEY: 'pk_live_x',
      CORS_ORIGINS: 'https://app.akount.example',
      STORAGE_DRIVER: 's3',
      SPACES_ENDPOINT: 'https://nyc3.digitaloceanspaces.com',
      SPACES_BUCKET: 'akount',
      SPACES_KEY: 'key',
      SPACES_SECRET: 'secret',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      CLAMAV_SOCKET: '/run/clamav/clamd.ctl',
      SENTRY_DSN: 'https://k@o1.ingest.sentry.io/1',
    });
    expect(config.STORAGE_DRIVER).toBe('s3');
  });

  it('defaults the document scan settings the API and the worker share', () => {
    const config = loadConfig('worker', [groups.storage, groups.documents, groups.ai], {});
    expect(config.DOCUMENT_MAX_PAGES).toBe(50);
    expect(config.DOCUMENT_REVIEW_STALE_DAYS).toBe(30);
    expect(config.SPACES_FORCE_PATH_STYLE).toBe(false);
    expect(config.STORAGE_DOWNLOAD_BASE_URL).toBe('http://localhost:3001/api/services/documents/download');
    expect(config.STORAGE_SIGNING_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(config.MISTRAL_TIMEOUT_MS).toBe(120_000);
    expect(config.MISTRAL_RATE_LIMIT_PER_SECOND).toBe(5);
    expect(loadConfig('worker', [groups.ai], { MISTRAL_RATE_LIMIT_PER_SECOND: '0.5' }).MISTRAL_RATE_LIMIT_PER_SECOND).toBe(0.5);
  });

  it('refuses a short download signing secret and non-positive document limits', () => {
    const error = issuesOf(() =>
      loadConfig('api', [groups.storage, groups.documents, groups.ai], {
        STORAGE_SIGNING_SECRET: 'short',
        DOCUMENT_MAX_PAGES: '0',
        MISTRAL_RATE_LIMIT_PER_SECOND: '-1',
        STORAGE_DOWNLOAD_BASE_URL: 'ftp://files',
      }),
    );
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'DOCUMENT_MAX_PAGES',
      'MISTRAL_RATE_LIMIT_PER_SECOND',
      'STORAGE_DOWNLOAD_BASE_URL',
      'STORAGE_SIGNING_SECRET',
    ]);
    expect(error.message).toMatch(/STORAGE_SIGNING_SECRET: must be at least 32 characters/);
  });

  it('lets production choose the local document engines explicitly', () => {
    expect(() => loadConfig('worker', [groups.runtime, groups.ai], { NODE_ENV: 'production' })).toThrow(/MISTRAL_API_KEY/);
    expect(loadConfig('worker', [groups.runtime, groups.ai], { NODE_ENV: 'production', DOCUMENT_ENGINE: 'local' }).DOCUMENT_ENGINE).toBe(
      'local',
    );
  });
});
