/** Tenant roles, strongest first, and the check that a member may do something. */
import { ForbiddenError } from '../http/errors';

export type Role = 'OWNER' | 'ADMIN' | 'ACCOUNTANT' | 'VIEWER';

const rank: Record<Role, number> = { OWNER: 4, ADMIN: 3, ACCOUNTANT: 2, VIEWER: 1 };

export function requireRole(actual: Role, needed: Role, action: string): void {
  if (rank[actual] < rank[needed]) {
    throw new ForbiddenError(`Your role (${actual.toLowerCase()}) cannot ${action}; it needs ${needed.toLowerCase()} or above`);
  }
}
