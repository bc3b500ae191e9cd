// The web app's production build (`next build`), made once per `npm test`
// run before the suites that serve it with `next start` (the browser tests
// and the deployment kit's). NEXT_DIST_DIR picks the output folder (default
// web/.next) so a second build can live beside the first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BootstrapError, say } from './log.mjs';
import { root } from './paths.mjs';

export const webDir = path.join(root, 'web');

/** @param {NodeJS.ProcessEnv} env */
export async function buildWeb(env = process.env) {
  say('building the web app (next build)…');
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: webDir,
      env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    child.once('exit', resolve);
    child.once('error', () => resolve(null));
  });
  if (code !== 0) throw new BootstrapError(`next build failed (exit ${code})`, 'run `cd web && npx next build` to see why');
  say(`web build ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
