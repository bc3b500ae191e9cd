/**
 * Session tokens: Clerk session JWTs, verified with @clerk/backend —
 * networkless with the instance's PEM public key (CLERK_JWT_KEY), through
 * Clerk's JWKS otherwise — checking signature, expiry, issuer and
 * authorized party (azp). Outside production without Clerk keys, a dev
 * signer issues tokens of the same format, and the very same verification
 * path checks them.
 *
 * Verified tokens are cached per process until they expire. That is safe
 * with any number of processes: a JWT is immutable, and its verdict depends
 * only on the token, the key and the clock, which all processes share (the
 * dev key through its file, Clerk's through config or JWKS).
 */
import { createPrivateKey, createPublicKey, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { verifyToken } from '@clerk/backend';
import { UnauthenticatedError } from '../http/errors';

export interface VerifiedSession {
  clerkUserId: string;
  sessionId?: string;
}

export interface SessionVerifier {
  verify(token: string): Promise<VerifiedSession>;
}

export interface VerifierSettings {
  jwtKey?: string;
  secretKey?: string;
  issuer?: string;
  authorizedParties?: string[];
}

/** Verified tokens are remembered until they expire: a signature check costs more than the request it guards. */
const verifiedCacheSize = 10_000;

export function createSessionVerifier(settings: VerifierSettings): SessionVerifier {
  const verified = new Map<string, { session: VerifiedSession; expiresAt: number }>();
  return {
    async verify(token) {
      const cached = verified.get(token);
      if (cached && cached.expiresAt > Date.now()) return cached.session;
      if (cached) verified.delete(token);
      try {
        const payload = await verifyToken(token, {
          jwtKey: settings.jwtKey,
          secretKey: settings.secretKey,
          issuer: settings.issuer,
          authorizedParties: settings.authorizedParties,
        });
        if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('token has no subject');
        const session = { clerkUserId: payload.sub, sessionId: typeof payload.sid === 'string' ? payload.sid : undefined };
        if (verified.size >= verifiedCacheSize) verified.clear();
        verified.set(token, { session, expiresAt: Number(payload.exp) * 1000 });
        return session;
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'invalid token';
        throw new UnauthenticatedError(`Session token rejected: ${reason}`);
      }
    },
  };
}

export const devIssuer = 'https://dev-sign-in.akount.local';

export interface DevSigner {
  publicKeyPem: string;
  sign(clerkUserId: string, authorizedParty: string, ttlSeconds?: number): string;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Signs RS256 JWTs shaped like Clerk's session tokens (`sub`, `sid`, `azp`, `iss`, `exp`, `nbf`, `iat`). */
export function signClerkStyleToken(privateKeyPem: string, claims: Record<string, unknown>, kid = 'ins_dev'): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKeyPem);
  return `${header}.${payload}.${base64url(signature)}`;
}

/**
 * A dev signer over a PKCS#8 PEM private key; without one, over a fresh key
 * that only this process knows (tests). The API passes the shared key file's
 * key (dev-signing-key.ts), so every process signs and verifies alike.
 */
export function createDevSigner(privateKeyPem?: string): DevSigner {
  const privateKey = privateKeyPem ? createPrivateKey(privateKeyPem) : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const signingKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    sign(clerkUserId, authorizedParty, ttlSeconds = 12 * 60 * 60) {
      const now = Math.floor(Date.now() / 1000);
      return signClerkStyleToken(signingKeyPem, {
        sub: clerkUserId,
        sid: `sess_dev_${randomUUID()}`,
        azp: authorizedParty,
        iss: devIssuer,
        iat: now,
        nbf: now - 5,
        exp: now + ttlSeconds,
        v: 2,
      });
    },
  };
}
