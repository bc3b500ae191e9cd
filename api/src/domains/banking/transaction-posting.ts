/**
 * The API's side of posting (the logic lives in @akount/db, shared with the document activities):
 * a posting the books cannot take is the client's mistake here, so PostingError becomes a 422.
 */
import { PostingError, postJournalEntry as postToBooks, type Posting, type TenantTransaction } from '@akount/db';
import { UnprocessableError } from '../../http/errors';

export { removeJournalEntry } from '@akount/db';

export async function postJournalEntry(tx: TenantTransaction, tenantId: string, posting: Posting, sourceId?: string): Promise<string> {
  try {
    return await postToBooks(tx, tenantId, posting, sourceId);
  } catch (error) {
    if (error instanceof PostingError) throw new UnprocessableError(error.message);
    throw error;
  }
}
