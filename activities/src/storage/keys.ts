/**
 * Object keys for documents. Every key starts with the tenant's id, so one prefix holds a tenant's
 * whole footprint (export, erase) and a guard can prove a key is the caller's before any driver
 * call. Ids must be UUIDs and file names are reduced to a safe ASCII slug: no key built here can
 * contain `..`, an empty segment, a backslash or a leading slash.
 *
 *   {tenantId}/{entityId}/staging/{documentId}-{safeName}            uploaded, not yet virus-scanned
 *   {tenantId}/{entityId}/documents/{yyyy}/{documentId}-{safeName}   scanned and promoted
 */
import { StorageError } from './driver';

export interface DocumentKeyInput {
  tenantId: string;
  entityId: string;
  documentId: string;
  /** The year (UTC) of this date files the document. */
  uploadedAt: Date;
  /** The name the user uploaded; only a slug of it survives. */
  fileName: string;
}

export type StagingKeyInput = Omit<DocumentKeyInput, 'uploadedAt'> & { uploadedAt?: Date };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest slug, extension included; keeps keys far below S3's 1024-byte limit. */
export const maxSafeNameLength = 80;
const maxExtensionLength = 10;
const maxKeyLength = 1024;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

function uuid(label: string, value: string): string {
  if (!isUuid(value)) throw new StorageError('invalid-key', `${label} must be a UUID, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/**
 * A file name reduced to lowercase ASCII letters, digits, `-` and `_`, plus its extension:
 * "Reçu Café (1).JPG" → "recu-cafe-1.jpg". Directory parts are dropped, the stem is capped so the
 * whole name fits maxSafeNameLength, and an empty stem becomes "document".
 */
export function safeName(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const rawExtension = dot > 0 ? slug(base.slice(dot + 1)).replace(/[-_]/g, '') : '';
  const extension = rawExtension.length > 0 && rawExtension.length <= maxExtensionLength ? rawExtension : '';
  const stemSource = extension ? base.slice(0, dot) : base;
  const room = maxSafeNameLength - (extension ? extension.length + 1 : 0);
  const stem =
    slug(stemSource)
      .slice(0, room)
      .replace(/[-_]+$/, '') || 'document';
  return extension ? `${stem}.${extension}` : stem;
}

function year(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new StorageError('invalid-key', 'uploadedAt is not a valid date');
  return String(date.getUTCFullYear()).padStart(4, '0');
}

export function tenantPrefix(tenantId: string): string {
  return `${uuid('tenantId', tenantId)}/`;
}

export function documentKey(input: DocumentKeyInput): string {
  const tenant = uuid('tenantId', input.tenantId);
  const entity = uuid('entityId', input.entityId);
  const document = uuid('documentId', input.documentId);
  return `${tenant}/${entity}/documents/${year(input.uploadedAt)}/${document}-${safeName(input.fileName)}`;
}

export function stagingKey(input: StagingKeyInput): string {
  const tenant = uuid('tenantId', input.tenantId);
  const entity = uuid('entityId', input.entityId);
  const document = uuid('documentId', input.documentId);
  return `${tenant}/${entity}/staging/${document}-${safeName(input.fileName)}`;
}

function problemWith(key: string, allowTrailingSlash: boolean): string | undefined {
  if (key.length > maxKeyLength) return `is longer than ${maxKeyLength} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(key)) return 'contains a control character or a backslash';
  const segments = key.split('/');
  if (allowTrailingSlash && segments.length > 1 && segments.at(-1) === '') segments.pop();
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'has an empty, "." or ".." segment';
  }
  return undefined;
}

/** Throws `invalid-key` for a key no driver may touch; drivers call it on every key. */
export function assertValidKey(key: string): void {
  const problem = key === '' ? 'is empty' : problemWith(key, false);
  if (problem) throw new StorageError('invalid-key', `storage key ${JSON.stringify(key.slice(0, 200))} ${problem}`);
}

/** A list prefix may be empty (everything) or end with "/", but may not climb out either. */
export function assertValidPrefix(prefix: string): void {
  const problem = prefix === '' ? undefined : problemWith(prefix, true);
  if (problem) throw new StorageError('invalid-key', `storage prefix ${JSON.stringify(prefix.slice(0, 200))} ${problem}`);
}

/**
 * The tenant guard: call it on any key that came from outside (a request, a database row, a
 * workflow argument) before handing it to a driver. Throws `wrong-tenant` when the key lives under
 * another tenant, `invalid-key` when it is malformed.
 */
export function assertKeyInTenant(key: string, tenantId: string): void {
  const prefix = tenantPrefix(tenantId);
  assertValidKey(key);
  if (!key.startsWith(prefix)) {
    throw new StorageError('wrong-tenant', `storage key ${JSON.stringify(key.slice(0, 200))} does not belong to tenant ${tenantId}`);
  }
}
