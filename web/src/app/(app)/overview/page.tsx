/** Overview: cash by account, income against expense by month, top categories, and what needs attention. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { apiGet } from '@/api';
import { IncomeExpenseChart, type MonthBar } from '@/components/bar-chart';
import { PageHead } from '@/components/page-head';
import { selectedEntity } from '@/entity';
import { formatMoney } from '@/money';
import { currentSession } from '@/session';

export const metadata: Metadata = { title: 'Overview' };

interface Overview {
  currency: string;
  cashByAccount: { accountId: string; name: string; type: string; currency: string; balanceMinor: number }[];
  byMonth: MonthBar[];
  byCategory: { categoryId: string | null; name: string; kind: 'INCOME' | 'EXPENSE'; totalMinor: number }[];
  uncategorizedCount: number;
  documentsAwaitingReview: number;
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ entity?: string }> }) {
  const session = await currentSession();
  if (session.status !== 'signed-in') redirect('/sign-in');
  const entity = selectedEntity(session.user, (await searchParams).entity);
  if (!entity) {
    return (
      <section className="stack">
        <h1>Overview</h1>
        <p className="notice">Your account has no business set up yet.</p>
      </section>
    );
  }
  const overview = await apiGet<Overview>('/api/overview', { entityId: entity.id });
  const recentMonths = overview.byMonth.slice(-6);
  const topExpenses = overview.byCategory.filter((row) => row.kind === 'EXPENSE').slice(0, 5);
  const totalCash = overview.cashByAccount
    .filter((row) => row.currency === overview.currency)
    .reduce((sum, row) => sum + row.balanceMinor, 0);

  return (
    <section aria-labelledby="overview-title" className="stack">
      <PageHead id="overview-title" title="Overview" entities={session.user.entities} selected={entity.id} />
      <div className="grid">
        <article className="card" aria-labelledby="cash-title">
          <h2 id="cash-title">Cash</h2>
          <p className="figure">{formatMoney(totalCash, overview.currency)}</p>
          <ul className="plain-list">
            {overview.cashByAccount.map((account) => (
              <li key={account.accountId}>
                <Link href={`/banking?entity=${entity.id}&account=${account.accountId}`}>{account.name}</Link>
                <span className="amount">{formatMoney(account.balanceMinor, account.currency)}</span>
              </li>
            ))}
          </ul>
        </article>
        <article className="card" aria-labelledby="attention-title">
          <h2 id="attention-title">Needs attention</h2>
          <ul className="plain-list">
            <li>
              <Link href={`/banking?entity=${entity.id}&uncategorized=true`}>Transactions without a category</Link>
              <span className="amount">{overview.uncategorizedCount}</span>
            </li>
            <li>
              <Link href="/services">Documents awaiting review</Link>
              <span className="amount">{overview.documentsAwaitingReview}</span>
            </li>
          </ul>
        </article>
      </div>
      <article className="card" aria-labelledby="trend-title">
        <h2 id="trend-title">Income and expense</h2>
        {recentMonths.length > 0 ? (
          <IncomeExpenseChart months={recentMonths} currency={overview.currency} />
        ) : (
          <p className="muted">No transactions yet. Record one in Banking, or upload a receipt in Services.</p>
        )}
      </article>
      <article className="card" aria-labelledby="categories-title">
        <h2 id="categories-title">Top spending categories</h2>
        {topExpenses.length > 0 ? (
          <ul className="plain-list">
            {topExpenses.map((row) => (
              <li key={row.categoryId ?? 'none'}>
                <span>{row.name}</span>
                <span className="amount">{formatMoney(row.totalMinor, overview.currency)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No spending recorded yet.</p>
        )}
      </article>
    </section>
  );
}
