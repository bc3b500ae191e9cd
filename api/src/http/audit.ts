/**
 * The audit trail: every mutation records who did what to which record,
 * with before/after snapshots, in the same database transaction as the change.
 */
import type { TenantTransaction } from '@akount/db';
import type { FastifyRequest } from 'fastify';

/** Snapshots as JSON: BigInt minor units become strings, dates ISO strings. */
export function snapshot(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (_key, field) => (typeof field === 'bigint' ? field.toString() : field)));
}

export async function audit(
  tx: TenantTransaction,
  request: FastifyRequest,
  change: { action: 'create' | 'update' | 'delete'; resourceType: string; resourceId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: request.auth.tenantId,
      userId: request.auth.userId,
      action: change.action,
      resourceType: change.resourceType,
      resourceId: change.resourceId,
      before: change.before === undefined ? undefined : (snapshot(change.before) as object),
      after: change.after === undefined ? undefined : (snapshot(change.after) as object),
      requestId: String(request.id),
    },
  });
}
