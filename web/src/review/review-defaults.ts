/**
 * What the review form starts from: the values as read (the extraction, the document's suggested
 * category and account, the entity's currency when none was read) and the category suggestion
 * explained in words.
 */
import type { ReviewOriginal } from './draft';
import type { CategoryOption, DocumentDetail } from './types';

const decidedBy: Record<string, string> = {
  rule: 'one of your rules',
  vendor: 'this vendor’s history',
  keyword: 'a keyword',
  mistral: 'the AI',
};

export function originalOf(document: DocumentDetail, entityCurrency: string): ReviewOriginal {
  const data = document.extraction?.data;
  const total = data?.total?.value;
  return {
    docType: data?.docType.value ?? document.docType ?? 'receipt',
    vendorName: data?.vendorName?.value ?? '',
    date: data?.date?.value ?? '',
    amountMinor: total?.amountMinor ?? null,
    currency: total?.currency ?? data?.currency?.value ?? entityCurrency,
    description: '',
    categoryId: document.categoryId ?? '',
    accountId: document.accountId ?? '',
    excludeRows: [],
  };
}

export function categorySuggestion(document: DocumentDetail, categories: CategoryOption[]): string {
  const suggested = categories.find((category) => category.id === document.categoryId);
  const reason = document.categorizationReason;
  if (!suggested || !document.categorizedBy || document.categorizedBy === 'none') return `No suggestion${reason ? `: ${reason}` : ''}.`;
  return `Suggested: ${suggested.name}, by ${decidedBy[document.categorizedBy] ?? document.categorizedBy}${reason ? ` (${reason})` : ''}.`;
}
