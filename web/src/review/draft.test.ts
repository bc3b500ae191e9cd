import { describe, expect, it } from 'vitest';
import { checkDraft, currencyProblem, dateProblem, type ReviewDraft, type ReviewOriginal } from './draft';

const account = '0b7c3c1e-5f5d-4a53-9d57-6c1c1b4f0a01';
const gbpAccount = '0b7c3c1e-5f5d-4a53-9d57-6c1c1b4f0a02';
const category = '0b7c3c1e-5f5d-4a53-9d57-6c1c1b4f0a03';

const original: ReviewOriginal = {
  docType: 'receipt',
  vendorName: 'Brightline Electronics',
  date: '2024-07-26',
  amountMinor: 145116,
  currency: 'USD',
  description: '',
  categoryId: '',
  accountId: '',
  excludeRows: [],
};
const untouched: ReviewDraft = { ...original, amount: '1451.16' };
const context = {
  accountCurrency: new Map([
    [account, 'USD'],
    [gbpAccount, 'GBP'],
  ]),
  statementCurrency: null,
};

describe('the review draft', () => {
  it('sends nothing when nothing changed', () => {
    expect(checkDraft(untouched, original, context)).toEqual({ ok: true, edits: {} });
  });

  it('sends only the changed fields, the total in minor units', () => {
    const check = checkDraft(
      {
        ...untouched,
        amount: '1.500,25',
        date: '2024-07-27',
        categoryId: category,
        accountId: account,
        vendorName: 'Brightline Electronics ',
      },
      original,
      context,
    );
    expect(check).toEqual({
      ok: true,
      edits: { total: { amountMinor: 150025, currency: 'USD' }, date: '2024-07-27', categoryId: category, accountId: account },
    });
  });

  it('sends a cleared category as null and a new currency with the total', () => {
    const check = checkDraft({ ...untouched, currency: 'cad' }, { ...original, categoryId: category }, context);
    expect(check).toEqual({ ok: true, edits: { total: { amountMinor: 145116, currency: 'CAD' }, categoryId: null } });
  });

  it('says what is wrong with each field', () => {
    const check = checkDraft(
      { ...untouched, date: '2024-02-30', amount: '0', vendorName: ' ', description: 'x'.repeat(501) },
      original,
      context,
    );
    expect(check).toEqual({
      ok: false,
      errors: {
        date: 'That month has 29 days.',
        amount: 'The total cannot be zero.',
        vendorName: 'Enter the vendor, or undo the change to keep what was read.',
        description: 'Keep the description under 500 characters.',
      },
    });
  });

  it('asks for a total and a date that could not be read', () => {
    const check = checkDraft({ ...untouched, amount: '', date: '' }, { ...original, amountMinor: null, date: '' }, context);
    expect(check.ok ? {} : check.errors).toEqual({
      date: 'Add the date: it could not be read.',
      amount: 'Add the total: it could not be read.',
    });
  });

  it('refuses an account in another currency than the document', () => {
    const check = checkDraft({ ...untouched, accountId: gbpAccount }, original, context);
    expect(check.ok ? {} : check.errors).toEqual({
      accountId: 'This account is in GBP and the document in USD; choose an account in USD.',
    });
  });

  it('for a statement, skips date and total and sends the excluded rows in order', () => {
    const statement: ReviewOriginal = { ...original, docType: 'bank_statement', date: '', amountMinor: null };
    const check = checkDraft({ ...statement, amount: '', excludeRows: [4, 1] }, statement, { ...context, statementCurrency: 'GBP' });
    expect(check).toEqual({ ok: true, edits: { excludeRows: [1, 4] } });
    const wrongAccount = checkDraft({ ...statement, amount: '', accountId: account }, statement, { ...context, statementCurrency: 'GBP' });
    expect(wrongAccount.ok).toBe(false);
  });
});

describe('field checks', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(dateProblem('2024-02-29')).toBeNull();
    expect(dateProblem('2023-02-29')).toBe('That month has 28 days.');
    expect(dateProblem('2024-13-01')).toBe('The month must be between 01 and 12.');
    expect(dateProblem('26/07/2024')).toMatch(/YYYY-MM-DD/);
  });

  it('accepts ISO currency codes only', () => {
    expect(currencyProblem('JPY')).toBeNull();
    expect(currencyProblem('usd')).toMatch(/three-letter/);
    expect(currencyProblem('XQQ')).toBe('XQQ is not a currency code.');
  });
});
