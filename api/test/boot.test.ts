/** Boot-time configuration errors, seen the way an operator sees them: the process's stderr and exit code. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function boot(entry: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr };
}

describe('boot with a bad environment', () => {
  it('the API exits 1 and names every bad variable in one message', () => {
    const { code, stderr } = boot('api/src/main.ts', { API_PORT: 'eighty', DATABASE_URL: 'mysql://x', STORAGE_DRIVER: 'ftp' });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration for api (3 problems)');
    expect(stderr).toMatch(/API_PORT:/);
    expect(stderr).toMatch(/DATABASE_URL: must be a URL/);
    expect(stderr).toMatch(/STORAGE_DRIVER:/);
  });

  it('the API in production names every variable that would fall back to an embedded default', () => {
    const { code, stderr } = boot('api/src/main.ts', { NODE_ENV: 'production' });
    expect(code).toBe(1);
    for (const variable of [
      'DATABASE_URL',
      'CLERK_SECRET_KEY',
      'SPACES_BUCKET',
      'TEMPORAL_ADDRESS',
      'CLAMAV_HOST',
      'SENTRY_DSN',
      'CORS_ORIGINS',
    ]) {
      expect(stderr).toContain(`${variable}: is required`);
    }
  });

  it('the worker exits 1 and names its bad variables', () => {
    const { code, stderr } = boot('workflows/src/worker.ts', { WORKER_MAX_CONCURRENT_ACTIVITIES: '-2', TEMPORAL_ADDRESS: 'nowhere' });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration for worker (2 problems)');
    expect(stderr).toMatch(/WORKER_MAX_CONCURRENT_ACTIVITIES:/);
    expect(stderr).toMatch(/TEMPORAL_ADDRESS: must be host:port/);
  });
});
