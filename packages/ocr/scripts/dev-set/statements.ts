/**
 * Bank statement data: an account, a period, an opening balance and a list of transactions with
 * running balances, all in integer minor units. Rendering to PDF, CSV or OFX lives elsewhere;
 * every format prints from this one model so their truths agree.
 */
import { dateBetween, lastDayOfMonth } from './dates';
import { pools, type PoolName } from './statement-pools';
import type { CurrencyCode } from './money';
import type { Random } from './random';

export interface Transaction {
  date: string;
  description: string;
  amountMinor: number;
  balanceMinor: number;
}

export interface AccountSpec {
  currency: CurrencyCode;
  pool: PoolName;
  bankName: string;
  bankAddress: string[];
  holderName: string;
  holderAddress: string[];
  accountNumber: string;
  /** Number of calendar months covered (1 or 2). */
  months: number;
  rowCount: [number, number];
  openingRange: [number, number];
  /** Lets the balance go below zero (the rent is paid before the salary arrives). */
  overdraft?: boolean;
}

export interface StatementData {
  account: AccountSpec;
  periodStart: string;
  periodEnd: string;
  openingMinor: number;
  closingMinor: number;
  /** Oldest first. */
  transactions: Transaction[];
}

export function buildStatement(account: AccountSpec, random: Random): StatementData {
  const pool = pools[account.pool];
  const year = 2024;
  const month = random.int(1, 12 - account.months + 1);
  const periodStart = `${year}-${String(month).padStart(2, '0')}-01`;
  const periodEnd = lastDayOfMonth(year, month + account.months - 1);
  const drafts: Array<{ date: string; description: string; amountMinor: number; order: number }> = [];
  const draw = (template: readonly [string, number, number], sign: 1 | -1, date: string): void => {
    const [description, min, max] = template;
    drafts.push({ date, description, amountMinor: sign * random.int(min, max), order: drafts.length });
  };
  for (let m = 0; m < account.months; m++) {
    const monthPrefix = `${year}-${String(month + m).padStart(2, '0')}`;
    draw(pool.rent, -1, `${monthPrefix}-0${random.int(1, 3)}`);
    draw(pool.salary, 1, `${monthPrefix}-${random.int(24, 28)}`);
    draw(pool.fee, -1, lastDayOfMonth(year, month + m));
  }
  const count = random.int(account.rowCount[0], account.rowCount[1]);
  while (drafts.length < count) {
    const credit = random.chance(0.22);
    draw(random.pick(credit ? pool.credits : pool.debits), credit ? 1 : -1, dateBetween(random, periodStart, periodEnd));
  }
  drafts.sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? -1 : 1));
  let openingMinor = random.int(account.openingRange[0], account.openingRange[1]);
  let running = openingMinor;
  let lowest = openingMinor;
  for (const draft of drafts) {
    running += draft.amountMinor;
    lowest = Math.min(lowest, running);
  }
  if (!account.overdraft && lowest < 0) openingMinor += -lowest + random.int(10000, 60000);
  let balance = openingMinor;
  const transactions = drafts.map((draft): Transaction => {
    balance += draft.amountMinor;
    return { date: draft.date, description: draft.description, amountMinor: draft.amountMinor, balanceMinor: balance };
  });
  return { account, periodStart, periodEnd, openingMinor, closingMinor: balance, transactions };
}

export function lastFour(accountNumber: string): string {
  return accountNumber.replace(/\D/g, '').slice(-4);
}
