/**
 * What every statement reader (CSV, OFX, text) produces before the checks: rows in the order they
 * were read, balances and account details with base confidences. Here they are put in date order
 * (newest-first files are turned round), balances are derived from running balances where the file
 * printed none, the arithmetic is checked, and the Extraction is assembled. Values are never
 * changed by a check, only their confidence.
 */
import type { ConsistencyCheck, Extraction, Field, FieldSource, Statement, StatementRow } from '@akount/contracts';

export interface DraftRow {
  date: string;
  description: string;
  amountMinor: number;
  balanceMinor?: number | undefined;
  currency: string;
  source?: FieldSource | undefined;
  confidence: number;
  /** Lower than `confidence` when the day/month order was not decided by the file itself. */
  dateConfidence?: number | undefined;
}

export interface DraftBalance {
  minor: number;
  confidence: number;
  source?: FieldSource | undefined;
  /** `rows`: from the first row's running balance; `sum`: closing minus the rows (so not checkable). */
  derived?: 'rows' | 'sum' | undefined;
}

export interface DraftText {
  value: string;
  confidence: number;
  source?: FieldSource | undefined;
}

export interface StatementDraft {
  currency: DraftText | undefined;
  docTypeConfidence: number;
  rows: DraftRow[];
  accountName?: DraftText | undefined;
  accountMask?: DraftText | undefined;
  periodStart?: DraftText | undefined;
  periodEnd?: DraftText | undefined;
  opening?: DraftBalance | undefined;
  closing?: DraftBalance | undefined;
}

interface Sequenced {
  date: string;
  amountMinor: number;
  balanceMinor?: number | undefined;
}

/**
 * Oldest row first. A file is newest-first when its dates mostly go down, or, when the dates do not
 * say (one day, or unordered), when the running balances only add up read bottom to top.
 */
export function inDateOrder<T extends Sequenced>(rows: readonly T[]): { rows: T[]; newestFirst: boolean } {
  let up = 0;
  let down = 0;
  for (let i = 1; i < rows.length; i++) {
    const [previous, current] = [rows[i - 1]?.date ?? '', rows[i]?.date ?? ''];
    if (current > previous) up++;
    if (current < previous) down++;
  }
  let newestFirst = down > up;
  if (down === up) newestFirst = balanceSteps(rows, -1) > balanceSteps(rows, 1);
  return { rows: newestFirst ? [...rows].reverse() : [...rows], newestFirst };
}

/** Rows whose balance differs from the neighbour's (previous for +1, next for −1) by the row's amount, sign aside. */
function balanceSteps(rows: readonly Sequenced[], direction: 1 | -1): number {
  let steps = 0;
  rows.forEach((row, i) => {
    const neighbour = rows[i - direction];
    if (row.balanceMinor === undefined || neighbour?.balanceMinor === undefined) return;
    if (Math.abs(row.balanceMinor - neighbour.balanceMinor) === Math.abs(row.amountMinor)) steps++;
  });
  return steps;
}

/** Opening from the first row's running balance and closing from the last's, where the file printed none. */
export function balancesFromRows(draft: StatementDraft): void {
  const first = draft.rows[0];
  const last = draft.rows[draft.rows.length - 1];
  if (!draft.opening && first?.balanceMinor !== undefined) {
    draft.opening = { minor: first.balanceMinor - first.amountMinor, confidence: first.confidence, source: first.source, derived: 'rows' };
  }
  if (!draft.closing && last?.balanceMinor !== undefined) {
    draft.closing = { minor: last.balanceMinor, confidence: last.confidence, source: last.source };
  }
}

type RowVerdict = 'agrees' | 'disagrees' | 'unchecked';

interface CheckOutcome {
  checks: ConsistencyCheck[];
  rows: RowVerdict[];
  statementBalance: boolean | undefined;
  runningBalances: boolean | undefined;
}

/** statement_balance, running_balances and rows_in_period, plus each row's own running-balance verdict. */
export function checkStatement(draft: StatementDraft): CheckOutcome {
  const checks: ConsistencyCheck[] = [];
  const { rows, opening, closing } = draft;
  const verdicts: RowVerdict[] = rows.map(() => 'unchecked');
  let previous = opening && opening.derived === undefined ? opening.minor : undefined;
  let compared = 0;
  rows.forEach((row, i) => {
    if (row.balanceMinor !== undefined && previous !== undefined) {
      verdicts[i] = previous + row.amountMinor === row.balanceMinor ? 'agrees' : 'disagrees';
      compared++;
    }
    previous = row.balanceMinor;
  });
  const runningBalances = compared > 0 ? !verdicts.includes('disagrees') : undefined;
  if (runningBalances !== undefined) checks.push({ name: 'running_balances', passed: runningBalances });

  const oneCurrency = rows.every((row) => row.currency === rows[0]?.currency);
  let statementBalance: boolean | undefined;
  if (opening && closing && opening.derived !== 'sum' && oneCurrency) {
    statementBalance = opening.minor + rows.reduce((sum, row) => sum + row.amountMinor, 0) === closing.minor;
    checks.push({ name: 'statement_balance', passed: statementBalance });
  }
  const [start, end] = [draft.periodStart?.value, draft.periodEnd?.value];
  if (start !== undefined && end !== undefined && rows.length > 0) {
    checks.push({ name: 'rows_in_period', passed: rows.every((row) => row.date >= start && row.date <= end) });
  }
  return { checks, rows: verdicts, statementBalance, runningBalances };
}

const clamp = (confidence: number) => Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100;

function fieldOf<T>(value: T, confidence: number, source?: FieldSource): Field<T> {
  return source ? { value, confidence: clamp(confidence), source } : { value, confidence: clamp(confidence) };
}

const shift = (passed: boolean | undefined, up: number, down: number) => (passed === undefined ? 0 : passed ? up : -down);

/** The Extraction for a statement draft whose rows are already in date order. */
export function assembleStatement(draft: StatementDraft): Extraction {
  const outcome = checkStatement(draft);
  const rowShift = shift(outcome.statementBalance, 0.05, 0.1);
  const balanceShift = shift(outcome.statementBalance, 0.1, 0.2) + shift(outcome.runningBalances, 0.05, 0.1);
  const rows = draft.rows.map((row, i): StatementRow => {
    const verdict = outcome.rows[i];
    const confidence = row.confidence + rowShift + (verdict === 'agrees' ? 0.1 : verdict === 'disagrees' ? -0.25 : 0);
    const out: StatementRow = {
      date: fieldOf(row.date, Math.min(confidence, row.dateConfidence ?? 1), row.source),
      description: fieldOf(row.description, row.confidence, row.source),
      amount: fieldOf({ amountMinor: row.amountMinor, currency: row.currency }, confidence, row.source),
    };
    if (row.balanceMinor !== undefined)
      out.balance = fieldOf({ amountMinor: row.balanceMinor, currency: row.currency }, confidence, row.source);
    return out;
  });
  const currency = draft.currency?.value ?? draft.rows[0]?.currency ?? 'XXX';
  const statement: Statement = { rows };
  const text = (value: DraftText | undefined) => (value ? fieldOf(value.value, value.confidence, value.source) : undefined);
  const accountName = text(draft.accountName);
  const accountMask = text(draft.accountMask);
  const periodStart = text(draft.periodStart);
  const periodEnd = text(draft.periodEnd);
  if (accountName) statement.accountName = accountName;
  if (accountMask) statement.accountMask = accountMask;
  if (periodStart) statement.periodStart = periodStart;
  if (periodEnd) statement.periodEnd = periodEnd;
  for (const key of ['opening', 'closing'] as const) {
    const balance = draft[key];
    if (!balance) continue;
    statement[key === 'opening' ? 'openingBalance' : 'closingBalance'] = fieldOf(
      { amountMinor: balance.minor, currency },
      balance.confidence + balanceShift,
      balance.source,
    );
  }
  const result: Extraction = {
    engine: 'local',
    docType: fieldOf('bank_statement' as const, draft.docTypeConfidence),
    statement,
    checks: outcome.checks,
  };
  if (draft.currency) result.currency = fieldOf(draft.currency.value, draft.currency.confidence, draft.currency.source);
  return result;
}

/** `****1234` from any account number (IBAN, `123-456-7890`, `XXXX1234`); null without digits. */
export function maskAccount(accountNumber: string): string | null {
  const tail = accountNumber.replace(/\D/g, '').slice(-4);
  return tail.length >= 2 ? `****${tail}` : null;
}
