/**
 * The posting stage (DESIGN §2, step 7): turns an approved document into the books — one
 * transaction for a receipt or invoice, one per statement row for a bank statement — each with its
 * balanced journal entry (packages/db posting.ts, the same code the API posts with). Everything,
 * including the audit row and the reviewed extraction version, happens in ONE tenant transaction
 * under an advisory lock on the document, so a retry, a replay or a concurrent duplicate call finds
 * the earlier posting and writes nothing. It never converts currencies: an account in another
 * currency is refused, and the user picks another account at review.
 */
import type { Extraction, PostResult, ReviewEdits, ScanRef, Statement } from '@akount/contracts';
import { normalizeVendorName, PostingError, postJournalEntry, type DocumentType, type TenantTransaction } from '@akount/db';
import { decideCategories, loadExtraction, rowSubject } from './categorize';
import type { DocumentActivityDeps } from './deps';
import { permanent } from './failures';
import { runActivity } from './run';
import type { DocumentActivities } from './types';

type PostInput = Parameters<DocumentActivities['createTransactions']>[0];
type Account = NonNullable<Awaited<ReturnType<TenantTransaction['account']['findFirst']>>>;
type DocumentRow = Awaited<ReturnType<typeof loadExtraction>>['document'];

interface NewTransaction {
  date: string;
  description: string;
  amountMinor: bigint;
  currency: string;
  categoryId: string | null;
  vendorId: string | null;
  externalId: string;
  source: 'DOCUMENT' | 'IMPORT';
}

interface Posted {
  transactionIds: string[];
  skippedDuplicates: number;
  account: Account;
  categoryId: string | null;
}

const approvedAction = 'document.approved';
const day = (value: string) => new Date(`${value}T00:00:00Z`);
/** Cards first, then cash, then bank: a receipt is most often paid by card. */
const receiptAccountPreference = { CARD: 0, CASH: 1, BANK: 2 } as const;

function checkCurrency(account: Account, currency: string) {
  if (account.currency !== currency)
    throw permanent(
      'CURRENCY_MISMATCH',
      `This document is in ${currency} but the account "${account.name}" is in ${account.currency}; choose an account in ${currency}.`,
    );
}

/** The account the user chose at review, else the one the document already names (if it still exists). */
async function chosenAccount(tx: TenantTransaction, entityId: string, edits: ReviewEdits, document: DocumentRow): Promise<Account | null> {
  const id = edits.accountId ?? document.accountId;
  if (!id) return null;
  const account = await tx.account.findFirst({ where: { id, entityId, deletedAt: null } });
  if (!account && edits.accountId)
    throw permanent('ACCOUNT_NOT_FOUND', 'The chosen account was not found in this business; pick another account.');
  return account;
}

function liveAccounts(tx: TenantTransaction, entityId: string, currency: string) {
  return tx.account.findMany({ where: { entityId, currency, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

async function receiptAccount(tx: TenantTransaction, entityId: string, currency: string): Promise<Account> {
  const accounts = await liveAccounts(tx, entityId, currency);
  const [account] = accounts.sort((a, b) => receiptAccountPreference[a.type] - receiptAccountPreference[b.type]);
  if (!account)
    throw permanent(
      'NO_ACCOUNT',
      `This business has no account in ${currency}; add an account in ${currency}, or choose another account at review.`,
    );
  return account;
}

/** The account whose mask ends in the statement's last four digits, else the only account in its currency. */
async function statementAccount(tx: TenantTransaction, entityId: string, statement: Statement, currency: string): Promise<Account> {
  const accounts = await liveAccounts(tx, entityId, currency);
  const lastFour = (statement.accountMask?.value ?? '').replace(/\D/g, '').slice(-4);
  const byMask = lastFour.length === 4 ? accounts.find((account) => (account.mask ?? '').replace(/\D/g, '').endsWith(lastFour)) : undefined;
  if (byMask) return byMask;
  if (accounts.length === 1) return accounts[0]!;
  if (accounts.length === 0)
    throw permanent('NO_ACCOUNT', `This business has no account in ${currency}; add the ${currency} account this statement belongs to.`);
  throw permanent('ACCOUNT_REQUIRED', `Several ${currency} accounts could hold this statement; choose its account at review.`);
}

async function findOrCreateVendor(tx: TenantTransaction, ref: ScanRef, name: string, taxId: string | null): Promise<string> {
  const normalizedName = normalizeVendorName(name);
  const existing = await tx.vendor.findFirst({ where: { entityId: ref.entityId, normalizedName, deletedAt: null } });
  if (existing) return existing.id;
  const created = await tx.vendor.create({
    data: { tenantId: ref.tenantId, entityId: ref.entityId, name: name.trim(), normalizedName, taxId },
  });
  return created.id;
}

/**
 * The category to post with: the review's choice (null clears it; an unknown one is refused), else
 * the categorize stage's suggestion while that category still exists.
 */
async function reviewedCategory(tx: TenantTransaction, entityId: string, edited: string | null | undefined, suggested: string | null) {
  const id = edited !== undefined ? edited : suggested;
  if (!id) return null;
  const category = await tx.category.findFirst({ where: { id, entityId, deletedAt: null } });
  if (category) return category.id;
  if (edited === undefined) return null;
  throw permanent('CATEGORY_NOT_FOUND', 'The chosen category was not found in this business; pick another category.');
}

/** One transaction and its balanced journal entry, linked both ways. */
async function record(tx: TenantTransaction, ref: ScanRef, account: Account, item: NewTransaction): Promise<string> {
  let journalEntryId: string;
  try {
    journalEntryId = await postJournalEntry(tx, ref.tenantId, {
      entityId: ref.entityId,
      accountGlId: account.glAccountId,
      categoryId: item.categoryId,
      date: day(item.date),
      description: item.description,
      amountMinor: item.amountMinor,
      currency: item.currency,
    });
  } catch (error) {
    if (error instanceof PostingError) throw permanent('CANNOT_POST', `This document cannot be posted: ${error.message}.`);
    throw error;
  }
  const row = await tx.transaction.create({
    data: {
      ...item,
      tenantId: ref.tenantId,
      entityId: ref.entityId,
      accountId: account.id,
      documentId: ref.documentId,
      date: day(item.date),
      journalEntryId,
    },
  });
  await tx.journalEntry.update({ where: { id: journalEntryId }, data: { sourceId: row.id } });
  return row.id;
}

async function postPurchase(tx: TenantTransaction, input: PostInput, document: DocumentRow, data: Extraction): Promise<Posted> {
  const { edits } = input;
  const total = edits.total ?? data.total?.value;
  if (!total) throw permanent('NEEDS_TOTAL', 'The total could not be read; add the total at review.');
  const date = edits.date ?? data.date?.value;
  if (!date) throw permanent('NEEDS_DATE', 'The date could not be read; add the date at review.');
  const account = (await chosenAccount(tx, input.entityId, edits, document)) ?? (await receiptAccount(tx, input.entityId, total.currency));
  checkCurrency(account, total.currency);
  const categoryId = await reviewedCategory(tx, input.entityId, edits.categoryId, document.categoryId);
  const vendorName = edits.vendorName ?? data.vendorName?.value ?? null;
  const vendorId = vendorName ? await findOrCreateVendor(tx, input, vendorName, data.vendorTaxId?.value ?? null) : null;
  const id = await record(tx, input, account, {
    date,
    description: edits.description ?? vendorName ?? document.fileName,
    amountMinor: -BigInt(total.amountMinor),
    currency: total.currency,
    categoryId,
    vendorId,
    externalId: `doc:${input.documentId}`,
    source: 'DOCUMENT',
  });
  return { transactionIds: [id], skippedDuplicates: 0, account, categoryId };
}

/**
 * Live transactions already on the account in the statement's date range, as a multiset of
 * date|amount|description keys (so two identical coffees on one day are two rows) and their external ids.
 */
async function existingLines(tx: TenantTransaction, accountId: string, dates: string[]) {
  const sorted = [...dates].sort();
  const rows = await tx.transaction.findMany({
    where: { accountId, deletedAt: null, date: { gte: day(sorted[0]!), lte: day(sorted.at(-1)!) } },
    select: { date: true, amountMinor: true, description: true, externalId: true },
  });
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = lineKey(row.date.toISOString().slice(0, 10), row.amountMinor, row.description);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const externalIds = new Set(rows.flatMap((row) => (row.externalId ? [row.externalId] : [])));
  return {
    /** True (and uses that existing line up) when the row is already on the account. */
    take(key: string, externalId: string): boolean {
      if (externalIds.has(externalId)) return true;
      const left = counts.get(key) ?? 0;
      if (left === 0) return false;
      counts.set(key, left - 1);
      return true;
    },
  };
}

const lineKey = (date: string, amountMinor: bigint, description: string) => `${date}|${amountMinor}|${normalizeVendorName(description)}`;

async function postStatement(tx: TenantTransaction, input: PostInput, document: DocumentRow, data: Extraction): Promise<Posted> {
  const { edits } = input;
  const statement = data.statement;
  const excluded = new Set(edits.excludeRows ?? []);
  const rows = (statement?.rows ?? []).map((row, index) => ({ row, index })).filter(({ index }) => !excluded.has(index));
  const currency = data.currency?.value ?? rows[0]?.row.amount.value.currency;
  if (!statement || !currency)
    throw permanent('NO_ROWS', 'No statement rows could be read from this document; there is nothing to import.');
  const account =
    (await chosenAccount(tx, input.entityId, edits, document)) ?? (await statementAccount(tx, input.entityId, statement, currency));
  // The review's category (if any) is for rows the chain leaves uncategorized.
  const fallbackCategoryId = await reviewedCategory(tx, input.entityId, edits.categoryId, null);
  const categoryId = edits.categoryId !== undefined ? fallbackCategoryId : document.categoryId;
  if (rows.length === 0) return { transactionIds: [], skippedDuplicates: 0, account, categoryId };
  for (const { row } of rows) checkCurrency(account, row.amount.value.currency);
  const decisions = await decideCategories(
    tx,
    input.entityId,
    rows.map(({ row }) => rowSubject(row)),
  );
  const existing = await existingLines(
    tx,
    account.id,
    rows.map(({ row }) => row.date.value),
  );
  const transactionIds: string[] = [];
  let skippedDuplicates = 0;
  for (const [position, { row, index }] of rows.entries()) {
    const amountMinor = BigInt(row.amount.value.amountMinor);
    const externalId = `doc:${input.documentId}:${index}`;
    if (existing.take(lineKey(row.date.value, amountMinor, row.description.value), externalId)) {
      skippedDuplicates += 1;
      continue;
    }
    const id = await record(tx, input, account, {
      date: row.date.value,
      description: row.description.value,
      amountMinor,
      currency: row.amount.value.currency,
      categoryId: decisions[position]?.categoryId ?? fallbackCategoryId,
      vendorId: null,
      externalId,
      source: 'IMPORT',
    });
    transactionIds.push(id);
  }
  return {
    transactionIds,
    skippedDuplicates,
    account,
    categoryId: edits.categoryId !== undefined ? edits.categoryId : document.categoryId,
  };
}

/** The extraction as the user approved it: edited fields replace the read ones, with full confidence. */
function reviewedExtraction(data: Extraction, edits: ReviewEdits): Extraction {
  const confirmed = <T>(value: T) => ({ value, confidence: 1 });
  return {
    ...data,
    ...(edits.docType && { docType: confirmed(edits.docType) }),
    ...(edits.vendorName && { vendorName: confirmed(edits.vendorName) }),
    ...(edits.date && { date: confirmed(edits.date) }),
    ...(edits.total && { total: confirmed(edits.total), currency: confirmed(edits.total.currency) }),
  };
}

/** What an earlier posting of this document wrote, if any: its audit row, else transactions that name it. */
async function earlierPosting(tx: TenantTransaction, documentId: string): Promise<Omit<PostResult, 'attempt'> | null> {
  const approved = await tx.auditLog.findFirst({ where: { action: approvedAction, resourceType: 'Document', resourceId: documentId } });
  const after = approved?.after as { transactionIds?: string[]; skippedDuplicates?: number } | null | undefined;
  if (after?.transactionIds)
    return { transactionIds: after.transactionIds, skippedDuplicates: after.skippedDuplicates ?? 0, alreadyPosted: true };
  const rows = await tx.transaction.findMany({ where: { documentId, deletedAt: null }, select: { id: true }, orderBy: { id: 'asc' } });
  return rows.length > 0 ? { transactionIds: rows.map((row) => row.id), skippedDuplicates: 0, alreadyPosted: true } : null;
}

async function recordApproval(tx: TenantTransaction, input: PostInput, document: DocumentRow, data: Extraction, posted: Posted) {
  const reviewed = reviewedExtraction(data, input.edits);
  const latest = await tx.documentExtraction.aggregate({ where: { documentId: document.id }, _max: { version: true } });
  await tx.documentExtraction.create({
    data: {
      tenantId: input.tenantId,
      documentId: document.id,
      version: (latest._max.version ?? 0) + 1,
      engine: 'review',
      data: reviewed,
      confidence: 1,
    },
  });
  const changedCategory = posted.categoryId !== document.categoryId;
  await tx.document.update({
    where: { id: document.id },
    data: {
      accountId: posted.account.id,
      categoryId: posted.categoryId,
      docType: reviewed.docType.value.toUpperCase() as DocumentType,
      ...(changedCategory && {
        categorizationReason: `changed at review (suggested: ${document.categorizationReason ?? 'none'})`.slice(0, 500),
      }),
    },
  });
  await tx.auditLog.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      action: approvedAction,
      resourceType: 'Document',
      resourceId: document.id,
      before: { accountId: document.accountId, categoryId: document.categoryId },
      after: {
        transactionIds: posted.transactionIds,
        skippedDuplicates: posted.skippedDuplicates,
        accountId: posted.account.id,
        categoryId: posted.categoryId,
        edits: input.edits,
      },
    },
  });
}

export function createTransactionsActivity(
  deps: Pick<DocumentActivityDeps, 'database' | 'logger'>,
): DocumentActivities['createTransactions'] {
  return (input) =>
    runActivity(deps, 'createTransactions', input, async ({ log, attempt }) => {
      const result = await deps.database.forTenant(input.tenantId).$tenantTransaction(
        async (tx) => {
          // Serializes postings of one document: a concurrent call waits here, then finds this one's rows.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`document-post:${input.documentId}`}, 0))`;
          const earlier = await earlierPosting(tx, input.documentId);
          if (earlier) return earlier;
          const { document, data } = await loadExtraction(tx, input, input.extractionId);
          const statement = (input.edits.docType ?? data.docType.value) === 'bank_statement';
          const posted = statement ? await postStatement(tx, input, document, data) : await postPurchase(tx, input, document, data);
          await recordApproval(tx, input, document, data, posted);
          return { transactionIds: posted.transactionIds, skippedDuplicates: posted.skippedDuplicates, alreadyPosted: false };
        },
        { timeout: 120_000 },
      );
      log.info({ attempt, ...result }, 'document posted');
      return { attempt, ...result } satisfies PostResult;
    });
}
