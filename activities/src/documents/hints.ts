/**
 * What the extractors may assume about a document before reading it: the entity's locale (from its
 * country; decides day-first or month-first dates and the decimal separator) and its currency for
 * amounts printed without one. A bank statement belongs to an account, so statements get that
 * account's currency: the document's account when one was chosen, else the entity's only account.
 */
import type { ScanRef } from '@akount/contracts';
import type { Database } from '@akount/db';
import type { ExtractionHints } from '@akount/extraction';
import type { DocumentRow } from './document-row';

export interface DocumentHints {
  /** Receipts, invoices and anything not yet classified. */
  document: ExtractionHints;
  /** Bank statements. */
  statement: ExtractionHints;
}

/** `DE` → `de-DE`, `MY` → `ms-MY`: the country's likely language, so locale rules see both. */
export function localeForCountry(country: string): string | undefined {
  try {
    const region = country.trim().toUpperCase();
    return `${new Intl.Locale(`und-${region}`).maximize().language}-${region}`;
  } catch {
    return undefined;
  }
}

export async function documentHints(database: Database, ref: ScanRef, document: Pick<DocumentRow, 'accountId'>): Promise<DocumentHints> {
  const db = database.forTenant(ref.tenantId);
  const [entity, accounts] = await Promise.all([
    db.entity.findFirst({ where: { id: ref.entityId }, select: { country: true, functionalCurrency: true } }),
    db.account.findMany({
      where: { entityId: ref.entityId, deletedAt: null, ...(document.accountId ? { id: document.accountId } : {}) },
      select: { currency: true },
      take: 2,
    }),
  ]);
  const hints: ExtractionHints = {};
  const locale = entity ? localeForCountry(entity.country) : undefined;
  if (locale) hints.locale = locale;
  if (entity) hints.defaultCurrency = entity.functionalCurrency;
  const account = accounts.length === 1 ? accounts[0] : undefined;
  return { document: hints, statement: account ? { ...hints, defaultCurrency: account.currency } : hints };
}
