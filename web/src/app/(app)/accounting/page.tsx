/** Accounting: the chart of accounts by type, and the latest journal entries with their lines. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { apiGet, type Page } from '@/api';
import { PageHead } from '@/components/page-head';
import { selectedEntity } from '@/entity';
import { formatMoney } from '@/money';
import { currentSession } from '@/session';

export const metadata: Metadata = { title: 'Accounting' };

interface GlAccount {
  id: string;
  code: string;
  name: string;
  type: 'ASSET' | 'LIABILITY' | 'EQUITY' | 'INCOME' | 'EXPENSE';
}
interface JournalEntry {
  id: string;
  date: string;
  memo: string;
  lines: { id: string; glAccountId: string; debitMinor: number; creditMinor: number; currency: string }[];
}

const typeOrder = ['ASSET', 'LIABILITY', 'EQUITY', 'INCOME', 'EXPENSE'] as const;
const typeLabel: Record<GlAccount['type'], string> = {
  ASSET: 'Assets',
  LIABILITY: 'Liabilities',
  EQUITY: 'Equity',
  INCOME: 'Income',
  EXPENSE: 'Expenses',
};

export default async function AccountingPage({ searchParams }: { searchParams: Promise<{ entity?: string; cursor?: string }> }) {
  const session = await currentSession();
  if (session.status !== 'signed-in') redirect('/sign-in');
  const search = await searchParams;
  const entity = selectedEntity(session.user, search.entity);
  if (!entity) redirect('/overview');
  const [chart, journal] = await Promise.all([
    apiGet<Page<GlAccount>>('/api/accounting/gl-accounts', { entityId: entity.id, limit: 100 }),
    apiGet<Page<JournalEntry>>('/api/accounting/journal-entries', { entityId: entity.id, limit: 20, cursor: search.cursor }),
  ]);
  const glName = new Map(chart.items.map((gl) => [gl.id, `${gl.code} ${gl.name}`]));

  return (
    <section aria-labelledby="accounting-title" className="stack">
      <PageHead id="accounting-title" title="Accounting" entities={session.user.entities} selected={entity.id} />
      <article className="card" aria-labelledby="chart-title">
        <h2 id="chart-title">Chart of accounts</h2>
        <div className="columns">
          {typeOrder.map((type) => (
            <section key={type} aria-label={typeLabel[type]}>
              <h3>{typeLabel[type]}</h3>
              <ul className="plain-list">
                {chart.items
                  .filter((gl) => gl.type === type)
                  .map((gl) => (
                    <li key={gl.id}>
                      <span className="code">{gl.code}</span> {gl.name}
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      </article>
      <article className="card" aria-labelledby="journal-title">
        <h2 id="journal-title">Journal entries</h2>
        {journal.items.length === 0 ? (
          <p className="muted">No journal entries yet: they are posted when transactions are recorded.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Journal entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Memo / account</th>
                  <th scope="col" className="num">
                    Debit
                  </th>
                  <th scope="col" className="num">
                    Credit
                  </th>
                </tr>
              </thead>
              {journal.items.map((entry) => (
                <tbody key={entry.id} className="entry">
                  <tr>
                    <td>{entry.date}</td>
                    <td colSpan={3}>
                      <strong>{entry.memo}</strong>
                    </td>
                  </tr>
                  {entry.lines.map((line) => (
                    <tr key={line.id}>
                      <td />
                      <td className="indent">{glName.get(line.glAccountId) ?? line.glAccountId}</td>
                      <td className="num">{line.debitMinor ? formatMoney(line.debitMinor, line.currency) : ''}</td>
                      <td className="num">{line.creditMinor ? formatMoney(line.creditMinor, line.currency) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        )}
        <nav className="pager" aria-label="Pages">
          {search.cursor && <Link href={`/accounting?entity=${entity.id}`}>Newest</Link>}
          {journal.nextCursor && <Link href={`/accounting?entity=${entity.id}&cursor=${journal.nextCursor}`}>Older entries</Link>}
        </nav>
      </article>
    </section>
  );
}
