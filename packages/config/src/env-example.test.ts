/** Keeps .env.example true to the code: every variable the processes parse is listed, and nothing else. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as groups from './groups';

const bootstrapVariables = [
  'TEMPORAL_CLI_PATH',
  'TEMPORAL_TEST_SERVER_PATH',
  'TEST_DATABASE_URL',
  'TEST_TEMPORAL_ADDRESS',
  'AKOUNT_DEV_PG_PORT',
  'AKOUNT_DEV_TEMPORAL_PORT',
  'AKOUNT_DEV_TEMPORAL_UI_PORT',
  'AKOUNT_TEST_PG_PORT',
  'AKOUNT_TEST_TEMPORAL_PORT',
  'AKOUNT_TEST_TEMPORAL_UI_PORT',
  'AKOUNT_WEB_MODE',
];

/** Read by web/next.config.ts while `next build` runs, not by a running process. */
const webBuildVariables = ['SENTRY_ORG', 'SENTRY_PROJECT', 'NEXT_DIST_DIR'];
/** Read by infra/scripts/deploy.sh on the droplet. */
const deployVariables = ['DEPLOY_BACKUP_DATABASE_URL'];

describe('.env.example', () => {
  const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
  const listed = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
  const parsed = Object.values(groups).flatMap((group) => Object.keys(group.shape));

  it('lists every variable the config groups parse', () => {
    expect(parsed.filter((variable) => !listed.includes(variable))).toEqual([]);
  });

  it('lists nothing that no code reads', () => {
    const known = new Set([...parsed, ...bootstrapVariables, ...webBuildVariables, ...deployVariables]);
    expect(listed.filter((variable) => !known.has(variable))).toEqual([]);
  });

  it('lists each variable once, with a comment above its group', () => {
    expect(new Set(listed).size).toBe(listed.length);
    for (const heading of ['Database', 'Auth', 'API', 'Storage', 'AI', 'Temporal', 'Virus scan', 'Monitoring', 'Web']) {
      expect(text).toMatch(new RegExp(`^# --- ${heading}`, 'm'));
    }
  });
});
