/** Banking: money accounts and their transactions, with filters, search and cursor pages. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { apiGet, type Page } from '@/api';
import { PageHead } from '@/components/page-head';
import { selectedEntity } from '@/entity';
import { formatMoney } from '@/money';
import { currentSession } from '@/session';

export const metadata: Metadata = { title: 'Banking' };

interface Account {
  id: string;
  name: string;
  type: string;
  currency: string;
  mask: string | null;
  institution: string | null;
}
interface Transaction {
  id: string;
  accountId: string;
  date: string;
  description: string;
  amountMinor: number;
  currency: string;
  categoryId: string | null;
  documentId: string | null;
}
interface Category {
  id: string;
  name: string;
}

type Search = { entity?: string; account?: string; from?: string; to?: string; q?: string; uncategorized?: string; cursor?: string };

const isDate = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export default async function BankingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await currentSession();
  if (session.status !== 'signed-in') redirect('/sign-in');
  const search = await searchParams;
  const entity = selectedEntity(session.user, search.entity);
  if (!entity) redirect('/overview');
  const filters = {
    entityId: entity.id,
    accountId: search.account,
    from: isDate(search.from),
    to: isDate(search.to),
    q: search.q?.trim() || undefined,
    uncategorized: search.uncategorized === 'true' ? 'true' : undefined,
  };
  const [accounts, transactions, categories] = await Promise.all([
    apiGet<Page<Account>>('/api/banking/accounts', { entityId: entity.id, limit: 100 }),
    apiGet<Page<Transaction>>('/api/banking/transactions', { ...filters, limit: 50, cursor: search.cursor }),
    apiGet<Page<Category>>('/api/accounting/categories', { entityId: entity.id, limit: 100 }),
  ]);
  const accountName = new Map(accounts.items.map((account) => [account.id, account.name]));
  const categoryName = new Map(categories.items.map((category) => [category.id, category.name]));
  const keep = new URLSearchParams(
    Object.entries({ ...search, cursor: undefined }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const nextHref = transactions.nextCursor
    ? `/banking?${new URLSearchParams({ ...Object.fromEntries(keep), cursor: transactions.nextCursor })}`
    : null;
  const filtered = Boolean(filters.accountId || filters.from || filters.to || filters.q || filters.uncategorized);

  return (
    <section aria-labelledby="banking-title" className="stack">
      <PageHead id="banking-title" title="Banking" entities={session.user.entities} selected={entity.id} />
      <ul className="account-cards" aria-label="Accounts">
        {accounts.items.map((account) => (
          <li key={account.id} className="card">
            <Link
              href={`/banking?entity=${entity.id}&account=${account.id}`}
              aria-current={search.account === account.id ? 'true' : undefined}
            >
              {account.name}
            </Link>
            <p className="muted">
              {account.type.toLowerCase()} · {account.currency}
              {account.mask ? ` · ••${account.mask}` : ''}
            </p>
          </li>
        ))}
      </ul>
      <form action="/banking" className="filters" aria-label="Filter transactions">
        <input type="hidden" name="entity" value={entity.id} />
        <label>
          Account
          <select name="account" defaultValue={search.account ?? ''}>
            <option value="">All accounts</option>
            {accounts.items.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={filters.from ?? ''} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={filters.to ?? ''} />
        </label>
        <label>
          Search
          <input type="search" name="q" defaultValue={filters.q ?? ''} placeholder="Description" />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="uncategorized" value="true" defaultChecked={filters.uncategorized === 'true'} /> Uncategorized only
        </label>
        <button type="submit" className="button">
          Apply
        </button>
        {filtered && (
          <Link href={`/banking?entity=${entity.id}`} className="button button-secondary">
            Clear
          </Link>
        )}
      </form>
      {transactions.items.length === 0 ? (
        <div className="notice">
          <p className="notice-title">{filtered ? 'No transactions match these filters.' : 'No transactions yet.'}</p>
          <p className="muted">
            {filtered ? 'Try a wider date range or clear the search.' : 'Upload a receipt or a bank statement in Services to get started.'}
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Transactions</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Description</th>
                <th scope="col">Account</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {transactions.items.map((transaction) => (
                <tr key={transaction.id}>
                  <td>{transaction.date}</td>
                  <td>
                    {transaction.description}
                    {transaction.documentId && (
                      <>
                        {' '}
                        <Link href={`/services/documents/${transaction.documentId}`} className="muted">
                          (source document)
                        </Link>
                      </>
                    )}
                  </td>
                  <td>{accountName.get(transaction.accountId) ?? '—'}</td>
                  <td>
                    {transaction.categoryId ? (
                      (categoryName.get(transaction.categoryId) ?? '—')
                    ) : (
                      <span className="tag">Uncategorized</span>
                    )}
                  </td>
                  <td className={`num ${transaction.amountMinor < 0 ? 'negative' : 'positive'}`}>
                    {formatMoney(transaction.amountMinor, transaction.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {search.cursor && <Link href={`/banking?${keep}`}>First page</Link>}
        {nextHref && <Link href={nextHref}>Next page</Link>}
      </nav>
    </section>
  );
}
