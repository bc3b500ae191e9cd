/**
 * Signed download tokens: the folder driver's answer to an S3 presigned URL. The token names one
 * key, an expiry and an optional download name, and carries an HMAC-SHA256 over them with a secret
 * only the API and the worker know. The API route that serves these URLs (it calls
 * LocalFolderDriver.openDownload) comes with the document-scan workflow's routes.
 *
 * Format: base64url(JSON {k, e, n?}) "." base64url(HMAC-SHA256(secret, "akount-download-v1." + payload))
 * where e is the expiry in Unix seconds. Never put anything secret in the payload: it is readable.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface DownloadGrant {
  key: string;
  /** Unix seconds after which the token is refused. */
  expiresAt: number;
  downloadName?: string;
}

export type TokenCheck = { ok: true; grant: DownloadGrant } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const context = 'akount-download-v1.';
export const minSecretLength = 32;

export function assertSigningSecret(secret: string): void {
  if (secret.length < minSecretLength) {
    throw new RangeError(`the download signing secret must be at least ${minSecretLength} characters`);
  }
}

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(context + payload)
    .digest();
}

export function signDownloadToken(grant: DownloadGrant, secret: string): string {
  assertSigningSecret(secret);
  const body: { k: string; e: number; n?: string } = { k: grant.key, e: grant.expiresAt };
  if (grant.downloadName !== undefined) body.n = grant.downloadName;
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

function parseGrant(payload: string): DownloadGrant | undefined {
  try {
    const body: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return undefined;
    const { k, e, n } = body as Record<string, unknown>;
    if (typeof k !== 'string' || typeof e !== 'number' || !Number.isInteger(e)) return undefined;
    if (n !== undefined && typeof n !== 'string') return undefined;
    return n === undefined ? { key: k, expiresAt: e } : { key: k, expiresAt: e, downloadName: n };
  } catch {
    return undefined;
  }
}

/** Checks the signature first (constant time), then the expiry against `nowMs`. */
export function verifyDownloadToken(token: string, secret: string, nowMs: number = Date.now()): TokenCheck {
  assertSigningSecret(secret);
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || !/^[\w-]+$/.test(parts[0]) || !/^[\w-]+$/.test(parts[1])) {
    return { ok: false, reason: 'malformed' };
  }
  const [payload, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const grant = parseGrant(payload);
  if (!grant) return { ok: false, reason: 'malformed' };
  if (nowMs >= grant.expiresAt * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}
