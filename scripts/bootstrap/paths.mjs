// Where the local stack keeps things, per profile. `dev` is `npm start`;
// `test` is `npm test`, on its own ports and folders so both can run at once.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsDir = path.join(root, '.tools');

const profiles = {
  dev: { dataDir: '.data', pgPort: 54320, temporalPort: 7233, temporalUiPort: 8233, database: 'akount' },
  test: { dataDir: '.data/test', pgPort: 54330, temporalPort: 7243, temporalUiPort: 8243, database: 'akount_test' },
};

/** @param {'dev' | 'test'} name @param {NodeJS.ProcessEnv} env */
export function profile(name, env = process.env) {
  const base = profiles[name];
  if (!base) throw new Error(`unknown profile ${name}`);
  const prefix = name === 'dev' ? 'AKOUNT_DEV' : 'AKOUNT_TEST';
  const port = (key, fallback) => Number(env[`${prefix}_${key}`] ?? fallback);
  const dataDir = path.join(root, base.dataDir);
  return {
    name,
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    pgDir: path.join(dataDir, 'postgres'),
    temporalDir: path.join(dataDir, 'temporal'),
    storageDir: path.join(dataDir, 'storage'),
    pgPort: port('PG_PORT', base.pgPort),
    temporalPort: port('TEMPORAL_PORT', base.temporalPort),
    temporalUiPort: port('TEMPORAL_UI_PORT', base.temporalUiPort),
    database: base.database,
  };
}
