/** Which entity (business) a page shows: `?entity=` when it is one of the user's, else their first. */
import 'server-only';
import type { SessionUser } from './session';

export function selectedEntity(user: SessionUser, requested: string | undefined) {
  return user.entities.find((entity) => entity.id === requested) ?? user.entities[0];
}
