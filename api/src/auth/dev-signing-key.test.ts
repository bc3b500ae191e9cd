/** The dev sign-in key file: every process that loads it signs and verifies with the same key. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevSigningKey } from './dev-signing-key';
import { createDevSigner, createSessionVerifier, devIssuer } from './session-tokens';

const dirs: string[] = [];
function keyFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'akount-dev-key-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'dev-sign-in-key.pem');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Loads the key in a separate Node process, as an API worker would, and prints its SHA-256. */
function loadInAnotherProcess(file: string): Promise<string> {
  const module = fileURLToPath(new URL('./dev-signing-key.ts', import.meta.url));
  const script = `
    import { createHash } from 'node:crypto';
    const { loadOrCreateDevSigningKey } = await import(${JSON.stringify(module)});
    process.stdout.write(createHash('sha256').update(loadOrCreateDevSigningKey(${JSON.stringify(file)})).digest('hex'));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`key loader exited with ${code}`))));
  });
}

describe('dev signing key file', () => {
  it('is created once, readable by its owner only, and read back unchanged', () => {
    const file = keyFile();
    const created = loadOrCreateDevSigningKey(file);
    expect(created).toContain('BEGIN PRIVATE KEY');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadOrCreateDevSigningKey(file)).toBe(created);
  });

  it('gives processes that start at the same time one key', async () => {
    const file = keyFile();
    const digests = await Promise.all(Array.from({ length: 4 }, () => loadInAnotherProcess(file)));
    expect(new Set(digests).size).toBe(1);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
  });

  it('lets a token signed by one process verify in another', async () => {
    const file = keyFile();
    const signer = createDevSigner(loadOrCreateDevSigningKey(file));
    const otherProcessSigner = createDevSigner(loadOrCreateDevSigningKey(file));
    const verifier = createSessionVerifier({
      jwtKey: otherProcessSigner.publicKeyPem,
      issuer: devIssuer,
      authorizedParties: ['http://app'],
    });
    const session = await verifier.verify(signer.sign('dev_ava', 'http://app'));
    expect(session.clerkUserId).toBe('dev_ava');
    const stranger = createDevSigner();
    await expect(verifier.verify(stranger.sign('dev_ava', 'http://app'))).rejects.toThrow(/Session token rejected/);
  });
});
