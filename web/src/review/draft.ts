/**
 * The review form as plain data: what the user typed (a draft), checked in the browser with a
 * message per field, and turned into the `reviewEdits` the approve route takes — only the fields
 * that differ from what was read, so an untouched field keeps the extracted value.
 */
import type { DocType, ReviewEdits } from '@akount/contracts';
import { parseAmount } from './amount';

export interface ReviewDraft {
  docType: DocType;
  vendorName: string;
  date: string;
  /** As typed, in the currency's own format. */
  amount: string;
  currency: string;
  description: string;
  /** '' = uncategorized. */
  categoryId: string;
  /** '' = let the posting choose (the document's account, else one in the currency). */
  accountId: string;
  /** Statement rows (0-based, as extracted) not to import. */
  excludeRows: number[];
}

/** What was read, for comparison: the amount in minor units rather than as typed. */
export interface ReviewOriginal extends Omit<ReviewDraft, 'amount'> {
  amountMinor: number | null;
}

export type DraftField = 'vendorName' | 'date' | 'amount' | 'currency' | 'description' | 'accountId';
export type DraftErrors = Partial<Record<DraftField, string>>;

export type DraftCheck = { ok: true; edits: ReviewEdits } | { ok: false; errors: DraftErrors };

const isoDateShape = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, or the reason it is not. */
export function dateProblem(value: string): string | null {
  const match = isoDateShape.exec(value.trim());
  if (!match) return 'Write the date as YYYY-MM-DD, for example 2024-07-26.';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return 'The month must be between 01 and 12.';
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `That month has ${daysInMonth} days.`;
  return null;
}

let knownCurrencies: Set<string> | undefined;

/** An ISO 4217 code the browser knows, or the reason it is not one. */
export function currencyProblem(value: string): string | null {
  if (!/^[A-Z]{3}$/.test(value)) return 'Use the three-letter ISO code, for example USD or EUR.';
  knownCurrencies ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);
  if (knownCurrencies.size > 0 && !knownCurrencies.has(value)) return `${value} is not a currency code.`;
  return null;
}

interface CheckContext {
  /** Currency of each account the user may pick. */
  accountCurrency: ReadonlyMap<string, string>;
  /** The statement's currency, when the document is a bank statement. */
  statementCurrency: string | null;
}

function checkPurchase(draft: ReviewDraft, original: ReviewOriginal, errors: DraftErrors, edits: ReviewEdits) {
  const date = draft.date.trim();
  const dateError = date === '' ? 'Add the date: it could not be read.' : dateProblem(date);
  if (dateError) errors.date = dateError;
  else if (date !== original.date) edits.date = date;

  const currency = draft.currency.trim().toUpperCase();
  const currencyError = currencyProblem(currency);
  if (currencyError) {
    errors.currency = currencyError;
    return;
  }
  const amount = parseAmount(draft.amount, currency);
  if (!amount.ok) errors.amount = draft.amount.trim() === '' ? 'Add the total: it could not be read.' : amount.message;
  else if (amount.amountMinor === 0) errors.amount = 'The total cannot be zero.';
  else if (amount.amountMinor !== original.amountMinor || currency !== original.currency)
    edits.total = { amountMinor: amount.amountMinor, currency };
}

/** Checks the draft; when it is fine, the edits to send (only what changed). */
export function checkDraft(draft: ReviewDraft, original: ReviewOriginal, context: CheckContext): DraftCheck {
  const errors: DraftErrors = {};
  const edits: ReviewEdits = {};
  const statement = draft.docType === 'bank_statement';

  if (draft.docType !== original.docType) edits.docType = draft.docType;

  const vendorName = draft.vendorName.trim();
  if (vendorName !== original.vendorName.trim()) {
    if (vendorName === '') errors.vendorName = 'Enter the vendor, or undo the change to keep what was read.';
    else if (vendorName.length > 200) errors.vendorName = 'Keep the vendor name under 200 characters.';
    else edits.vendorName = vendorName;
  }

  if (!statement) checkPurchase(draft, original, errors, edits);

  const description = draft.description.trim();
  if (description.length > 500) errors.description = 'Keep the description under 500 characters.';
  else if (description !== '' && description !== original.description.trim()) edits.description = description;

  if (draft.categoryId !== original.categoryId) edits.categoryId = draft.categoryId === '' ? null : draft.categoryId;

  const documentCurrency = statement ? context.statementCurrency : (edits.total?.currency ?? original.currency);
  const accountCurrency = draft.accountId ? context.accountCurrency.get(draft.accountId) : undefined;
  if (accountCurrency && documentCurrency && accountCurrency !== documentCurrency)
    errors.accountId = `This account is in ${accountCurrency} and the document in ${documentCurrency}; choose an account in ${documentCurrency}.`;
  else if (draft.accountId !== '' && draft.accountId !== original.accountId) edits.accountId = draft.accountId;

  if (statement && draft.excludeRows.length > 0) edits.excludeRows = [...draft.excludeRows].sort((a, b) => a - b);

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, edits };
}
