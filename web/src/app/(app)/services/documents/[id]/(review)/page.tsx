/**
 * Review one scanned document (/services/documents/:id): the server loads the document with its
 * latest extraction, the entity's categories and accounts, the scan's live stages when it is not
 * settled, the neighbours awaiting review, and — once completed — the transactions it posted.
 * Whether the document exists for this tenant was decided by the layout (a real 404).
 */
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { apiGet, type Page } from '@/api';
import { loadDocument } from '@/review/load-document';
import { ReviewScreen } from '@/review/review-screen';
import { isInFlight } from '@/documents/status';
import type { AccountOption, CategoryOption, DocumentDetail, PostedTransaction, PostedView, ReviewQueue, ScanStatus } from '@/review/types';
import { currentSession } from '@/session';

interface ReviewPageProps {
  params: Promise<{ id: string }>;
}

async function reviewQueue(id: string): Promise<ReviewQueue> {
  const waiting = await apiGet<Page<{ id: string }>>('/api/services/documents', { status: 'AWAITING_REVIEW', limit: 100 });
  const ids = waiting.items.map((item) => item.id);
  const at = ids.indexOf(id);
  const others = ids.filter((item) => item !== id).length;
  if (at < 0) return { previousId: null, nextId: ids[0] ?? null, waiting: others };
  return { previousId: ids[at - 1] ?? null, nextId: ids[at + 1] ?? null, waiting: others };
}

/** The posted transactions, found where the posting put them: the document's account, on the reviewed dates. */
async function postedView(document: DocumentDetail): Promise<PostedView | null> {
  if (document.status !== 'COMPLETED' || !document.accountId) return null;
  const data = document.extraction?.data;
  const dates = (data?.statement?.rows.map((row) => row.date.value) ?? (data?.date ? [data.date.value] : [])).sort();
  const [from, to] = [dates[0], dates.at(-1)];
  const filters = { entity: document.entityId, account: document.accountId, ...(from && to ? { from, to } : {}) };
  const bankingHref = `/banking?${new URLSearchParams(filters)}`;
  if (!from || !to) return { transactions: [], bankingHref };
  const page = await apiGet<Page<PostedTransaction & { documentId: string | null }>>('/api/banking/transactions', {
    entityId: document.entityId,
    accountId: document.accountId,
    from,
    to,
    limit: 100,
  });
  return { transactions: page.items.filter((item) => item.documentId === document.id), bankingHref };
}

export async function generateMetadata({ params }: ReviewPageProps): Promise<Metadata> {
  const document = await loadDocument((await params).id);
  return { title: `Review ${document.fileName}` };
}

export default async function DocumentReviewPage({ params }: ReviewPageProps) {
  const session = await currentSession();
  if (session.status !== 'signed-in') redirect('/sign-in');
  const document = await loadDocument((await params).id);
  const entity = session.user.entities.find((item) => item.id === document.entityId);
  const unsettled = isInFlight(document.status) || document.status === 'NEEDS_ATTENTION';
  const [categories, accounts, queue, status, posted] = await Promise.all([
    apiGet<Page<CategoryOption>>('/api/accounting/categories', { entityId: document.entityId, limit: 100 }),
    apiGet<Page<AccountOption>>('/api/banking/accounts', { entityId: document.entityId, limit: 100 }),
    reviewQueue(document.id),
    unsettled ? apiGet<ScanStatus>(`/api/services/documents/${document.id}/status`) : Promise.resolve(null),
    postedView(document),
  ]);
  return (
    <ReviewScreen
      key={`${document.status}:${document.extraction?.version ?? 0}`}
      document={document}
      status={status}
      categories={categories.items}
      accounts={accounts.items}
      entityCurrency={entity?.functionalCurrency ?? 'USD'}
      queue={queue}
      posted={posted}
    />
  );
}
