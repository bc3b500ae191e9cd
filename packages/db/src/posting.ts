/**
 * Posting a transaction to the books, shared by the API (manual transactions) and the document
 * activities (approved scans): each transaction owns one balanced journal entry between its money
 * account's GL account and its category's GL account (the entity's "Uncategorized" account, code
 * 6900, when it has no category). Money out credits the account and debits the category; money in
 * the reverse. Runs inside the caller's tenant transaction and never decides HTTP or workflow
 * semantics: a posting the books cannot take is a `PostingError`, which each caller maps.
 */
import type { TenantTransaction } from './client';

export const uncategorizedCode = '6900';

/** The posting does not fit the books (unknown category, no fallback account, zero amount); the message is for the user. */
export class PostingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostingError';
  }
}

export interface Posting {
  entityId: string;
  accountGlId: string;
  categoryId: string | null;
  date: Date;
  description: string;
  amountMinor: bigint;
  currency: string;
}

/** How vendor names are compared (Vendor.normalizedName): case- and space-insensitively. */
export const normalizeVendorName = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

async function categoryGlId(tx: TenantTransaction, entityId: string, categoryId: string | null): Promise<string> {
  if (categoryId) {
    const category = await tx.category.findFirst({ where: { id: categoryId, entityId, deletedAt: null } });
    if (!category) throw new PostingError('categoryId must be a category of the same entity');
    return category.glAccountId;
  }
  const fallback = await tx.gLAccount.findFirst({ where: { entityId, code: uncategorizedCode, deletedAt: null } });
  if (!fallback) throw new PostingError(`This entity has no uncategorized GL account (code ${uncategorizedCode}); choose a category`);
  return fallback.id;
}

export async function postJournalEntry(tx: TenantTransaction, tenantId: string, posting: Posting, sourceId?: string): Promise<string> {
  if (posting.amountMinor === 0n) throw new PostingError('amountMinor must not be zero');
  const otherGlId = await categoryGlId(tx, posting.entityId, posting.categoryId);
  const magnitude = posting.amountMinor < 0n ? -posting.amountMinor : posting.amountMinor;
  const moneyIn = posting.amountMinor > 0n;
  const entry = await tx.journalEntry.create({
    data: {
      tenantId,
      entityId: posting.entityId,
      date: posting.date,
      memo: posting.description,
      sourceType: 'transaction',
      sourceId: sourceId ?? null,
      lines: {
        create: [
          { tenantId, glAccountId: moneyIn ? posting.accountGlId : otherGlId, debitMinor: magnitude, currency: posting.currency },
          { tenantId, glAccountId: moneyIn ? otherGlId : posting.accountGlId, creditMinor: magnitude, currency: posting.currency },
        ],
      },
    },
  });
  return entry.id;
}

/** Replaces an entry's lines (after an edit) by deleting the old entry; the caller posts a new one. */
export async function removeJournalEntry(tx: TenantTransaction, journalEntryId: string): Promise<void> {
  await tx.journalLine.deleteMany({ where: { journalEntryId } });
  await tx.journalEntry.deleteMany({ where: { id: journalEntryId } });
}
