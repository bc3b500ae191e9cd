// Installs npm dependencies when they are missing or older than the lockfile,
// and generates the Prisma client when the schema changed. Uses only Node's
// standard library: it runs before anything else is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './paths.mjs';
import { BootstrapError, say } from './log.mjs';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new BootstrapError(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`, options.hint);
  }
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

export function ensureNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new BootstrapError(`Node.js ${process.versions.node} is too old`, 'install Node.js 20.19+ or 22 LTS');
  }
}

export function ensureNpmDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!existsSync(marker)) {
    say('installing npm dependencies (first run)…');
    // `npm install`, not `npm ci`: the lockfile pins versions either way, and
    // npm ci refuses a lockfile that lacks an optional package the registry no
    // longer serves (vite's napi-windows-process-start-time), which install skips.
    run('npm', ['install', '--no-audit', '--no-fund'], {
      hint: 'check that the npm registry is reachable (npm ping)',
    });
  } else if (mtime(lock) > mtime(marker) || mtime(path.join(root, 'package.json')) > mtime(marker)) {
    say('package manifests changed: updating npm dependencies…');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
}

/**
 * `prisma generate` needs no database and no schema engine, but the CLI still
 * tries to download one first; a placeholder path stops that download, which
 * would fail offline. Regenerates only when the schema's hash changed.
 */
export function ensurePrismaClient() {
  const dbDir = path.join(root, 'packages', 'db');
  const schema = readFileSync(path.join(dbDir, 'prisma', 'schema.prisma'));
  const hash = createHash('sha256').update(schema).digest('hex');
  const stamp = path.join(dbDir, 'src', 'generated', '.schema-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  say('generating the Prisma client…');
  run(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
    cwd: dbDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY:
        process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, 'scripts', 'bootstrap', 'no-schema-engine.sh'),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  writeFileSync(stamp, hash);
}
