'use client';
/**
 * The fields to confirm or correct, checked in the browser before anything is sent, and the two
 * decisions: approve (POST /bff/documents/:id/approve with only the changed fields as `edits`) and
 * dismiss (POST …/reject, after a confirmation). The server's own message is shown on refusal.
 */
import type { DocType } from '@akount/contracts';
import { useMemo, useState } from 'react';
import { toDecimalString } from '@/money';
import { BffError, bffPost } from './bff';
import { flagField } from './confidence';
import { checkDraft, type DraftErrors, type ReviewDraft } from './draft';
import { HeaderDetails, LineItems, StatementRows } from './extracted-details';
import { ReviewField } from './review-field';
import { categorySuggestion, originalOf } from './review-defaults';
import type { AccountOption, CategoryOption, DocumentDetail } from './types';
import { useShortcuts } from './use-shortcuts';

const docTypeLabel: Record<DocType, string> = { receipt: 'Receipt', invoice: 'Invoice', bank_statement: 'Bank statement', other: 'Other' };
export interface ReviewFormProps {
  document: DocumentDetail;
  categories: CategoryOption[];
  accounts: AccountOption[];
  entityCurrency: string;
  /** The fields may be changed (awaiting review, or a refused posting to correct). */
  editable: boolean;
  busy: boolean;
  onDecided: (decision: 'approved' | 'dismissed') => void;
}

export function ReviewForm({ document, categories, accounts, entityCurrency, editable, busy, onDecided }: ReviewFormProps) {
  const original = useMemo(() => originalOf(document, entityCurrency), [document, entityCurrency]);
  const [draft, setDraft] = useState<ReviewDraft>(() => ({
    ...original,
    amount: original.amountMinor === null ? '' : toDecimalString(original.amountMinor, original.currency),
  }));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [sending, setSending] = useState<'approve' | 'dismiss' | null>(null);
  const [confirmDismiss, setConfirmDismiss] = useState(false);

  const data = document.extraction?.data;
  const checks = data?.checks ?? [];
  const statement = draft.docType === 'bank_statement';
  const locked = !editable || busy || sending !== null;
  const context = useMemo(
    () => ({
      accountCurrency: new Map(accounts.map((account) => [account.id, account.currency])),
      statementCurrency: data?.currency?.value ?? data?.statement?.rows[0]?.amount.value.currency ?? null,
    }),
    [accounts, data],
  );

  const set = <K extends keyof ReviewDraft>(key: K, value: ReviewDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (key in errors) setErrors(({ [key as keyof DraftErrors]: _dropped, ...rest }) => rest);
  };
  const toggleRow = (row: number) =>
    set('excludeRows', draft.excludeRows.includes(row) ? draft.excludeRows.filter((item) => item !== row) : [...draft.excludeRows, row]);

  async function send(decision: 'approve' | 'dismiss', path: string, body: unknown) {
    setSending(decision);
    setServerError(null);
    try {
      await bffPost(`${document.id}/${path}`, body);
      onDecided(decision === 'approve' ? 'approved' : 'dismissed');
    } catch (error) {
      setServerError(error instanceof BffError ? error.message : 'The request failed; try again.');
    } finally {
      setSending(null);
    }
  }

  function approve() {
    if (locked) return;
    const check = checkDraft(draft, original, context);
    if (!check.ok) {
      setErrors(check.errors);
      const first = Object.keys(check.errors)[0];
      if (first) window.document.getElementById(`review-${first}`)?.focus();
      return;
    }
    setErrors({});
    void send('approve', 'approve', { edits: check.edits });
  }

  useShortcuts({ 'Mod+Enter': editable ? approve : undefined });

  const suggestion = categorySuggestion(document, categories);
  const chosenAccount = accounts.find((account) => account.id === document.accountId);

  return (
    <form className="review-form stack" aria-labelledby="fields-title" onSubmit={(event) => event.preventDefault()} noValidate>
      <h2 id="fields-title" className="review-h2">
        Fields
      </h2>
      <fieldset className="review-fields" disabled={locked}>
        <legend className="visually-hidden">Extracted fields</legend>
        <ReviewField id="review-docType" label="Document type" flag={data ? flagField(data.docType, checks, ['type']) : undefined}>
          {(control) => (
            <select {...control} value={draft.docType} onChange={(event) => set('docType', event.target.value as DocType)}>
              {Object.entries(docTypeLabel).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </ReviewField>
        {!statement && (
          <>
            <ReviewField
              id="review-vendorName"
              label="Vendor"
              flag={data ? flagField(data.vendorName, checks, ['vendor']) : undefined}
              error={errors.vendorName}
            >
              {(control) => (
                <input
                  {...control}
                  value={draft.vendorName}
                  onChange={(event) => set('vendorName', event.target.value)}
                  autoComplete="off"
                />
              )}
            </ReviewField>
            <ReviewField
              id="review-date"
              label="Date"
              flag={data ? flagField(data.date, checks, ['date']) : undefined}
              error={errors.date}
              hint="YYYY-MM-DD"
            >
              {(control) => (
                <input
                  {...control}
                  value={draft.date}
                  onChange={(event) => set('date', event.target.value)}
                  inputMode="numeric"
                  placeholder="YYYY-MM-DD"
                  autoComplete="off"
                  data-testid="review-date"
                />
              )}
            </ReviewField>
            <div className="review-money">
              <ReviewField
                id="review-amount"
                label="Total"
                flag={data ? flagField(data.total, checks, ['total']) : undefined}
                error={errors.amount}
                hint="As printed, e.g. 1,234.56 or 1.234,56"
              >
                {(control) => (
                  <input
                    {...control}
                    value={draft.amount}
                    onChange={(event) => set('amount', event.target.value)}
                    inputMode="decimal"
                    autoComplete="off"
                    data-testid="review-total"
                  />
                )}
              </ReviewField>
              <ReviewField
                id="review-currency"
                label="Currency"
                flag={data?.currency ? flagField(data.currency, checks, ['currency']) : undefined}
                error={errors.currency}
              >
                {(control) => (
                  <input
                    {...control}
                    value={draft.currency}
                    onChange={(event) => set('currency', event.target.value.toUpperCase())}
                    maxLength={3}
                    size={3}
                    autoComplete="off"
                    className="review-currency"
                  />
                )}
              </ReviewField>
            </div>
            <ReviewField
              id="review-description"
              label="Description (optional)"
              error={errors.description}
              hint="Leave empty to use the vendor name."
            >
              {(control) => (
                <input
                  {...control}
                  value={draft.description}
                  onChange={(event) => set('description', event.target.value)}
                  autoComplete="off"
                />
              )}
            </ReviewField>
          </>
        )}
        <ReviewField
          id="review-categoryId"
          label="Category"
          hint={statement ? `${suggestion} Used for rows the rules leave uncategorized.` : suggestion}
        >
          {(control) => (
            <select {...control} value={draft.categoryId} onChange={(event) => set('categoryId', event.target.value)}>
              <option value="">Uncategorized</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                  {category.id === document.categoryId ? ' (suggested)' : ''}
                </option>
              ))}
            </select>
          )}
        </ReviewField>
        <ReviewField
          id="review-accountId"
          label="Account"
          error={errors.accountId}
          hint={
            chosenAccount
              ? `The document is filed under ${chosenAccount.name}.`
              : statement
                ? 'Automatic: the account whose number matches the statement.'
                : 'Automatic: a card, cash or bank account in the document’s currency.'
          }
        >
          {(control) => (
            <select {...control} value={draft.accountId} onChange={(event) => set('accountId', event.target.value)}>
              <option value="">Choose automatically</option>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name} · {account.currency}
                  {account.mask ? ` · ••${account.mask}` : ''}
                </option>
              ))}
            </select>
          )}
        </ReviewField>
      </fieldset>

      {editable && (
        <div className="review-actions">
          {serverError && (
            <p className="notice notice-error" role="alert">
              {serverError}
            </p>
          )}
          {Object.keys(errors).length > 0 && (
            <p className="review-error" role="alert">
              Correct the highlighted fields, then approve.
            </p>
          )}
          <div className="review-buttons">
            <button
              type="button"
              className="button"
              onClick={approve}
              disabled={locked}
              data-testid="review-approve"
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              {sending === 'approve' ? 'Approving…' : 'Approve and post'}
            </button>
            {document.status === 'AWAITING_REVIEW' &&
              (confirmDismiss ? (
                <span className="review-confirm" role="group" aria-label="Confirm dismissal">
                  <span>Dismiss without posting?</span>
                  <button
                    type="button"
                    className="button button-danger"
                    onClick={() => void send('dismiss', 'reject', {})}
                    disabled={locked}
                  >
                    {sending === 'dismiss' ? 'Dismissing…' : 'Yes, dismiss'}
                  </button>
                  <button type="button" className="button button-secondary" onClick={() => setConfirmDismiss(false)} disabled={locked}>
                    Keep it
                  </button>
                </span>
              ) : (
                <button type="button" className="button button-secondary" onClick={() => setConfirmDismiss(true)} disabled={locked}>
                  Dismiss
                </button>
              ))}
          </div>
        </div>
      )}

      {data && (
        <>
          <HeaderDetails data={data} statement={statement} />
          {statement ? (
            <StatementRows data={data} excluded={new Set(draft.excludeRows)} onToggle={toggleRow} disabled={locked} />
          ) : (
            <LineItems data={data} />
          )}
        </>
      )}
    </form>
  );
}
