/**
 * The dev sign-in's RSA key, in one file that every API process shares (the
 * workers of a cluster, PM2 instances, restarts): a token signed by one
 * process verifies in all of them. The first process to need it creates it;
 * the file is published with link(), which fails if another process got
 * there first, so concurrent starts agree on one key and no process ever
 * reads a half-written file. Dev sign-in only: production uses Clerk, and
 * this file must never hold a production secret.
 */
import { generateKeyPairSync } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function isTaken(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST';
}

/** Returns the PKCS#8 PEM private key in `file`, creating the file (mode 0600) if it does not exist yet. */
export function loadOrCreateDevSigningKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if (!isTaken(error)) throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(file, 'utf8');
}
