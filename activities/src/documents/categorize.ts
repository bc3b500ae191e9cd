/**
 * The categorize stage (DESIGN §2, step 5): decides a category for a scanned document, in order —
 * the user's rules, the vendor's history, the built-in keyword map, and Mistral when it is on —
 * and records on the Document which one decided and why, in words, for the review screen.
 * Bank statements are decided row by row with the deterministic part of the chain (no Mistral:
 * one paid call per bank line is not worth it); the document shows the most common row category.
 * The posting stage runs the same chain again for the rows (see post.ts), so it only suggests here;
 * it never writes transactions.
 */
import { extraction, type CategorizedBy, type CategorizeResult, type Extraction, type ScanRef } from '@akount/contracts';
import { normalizeVendorName, uncategorizedCode, type TenantTransaction } from '@akount/db';
import type { Logger } from '@akount/logger';
import { MistralError } from '@akount/mistral';
import type { DocumentActivityDeps } from './deps';
import { permanent } from './failures';
import { matchKeywords } from './keyword-map';
import { runActivity } from './run';
import type { DocumentActivities } from './types';
import { mistralClientFor } from './usage';

/** The document and the extraction (DESIGN §8 JSON) the stage works on; a missing or unreadable one is permanent. */
export async function loadExtraction(tx: TenantTransaction, ref: ScanRef, extractionId: string) {
  const document = await tx.document.findFirst({ where: { id: ref.documentId, entityId: ref.entityId, deletedAt: null } });
  if (!document) throw permanent('DOCUMENT_NOT_FOUND', 'This document no longer exists in this business.');
  const row = await tx.documentExtraction.findFirst({ where: { id: extractionId, documentId: document.id } });
  if (!row) throw permanent('EXTRACTION_NOT_FOUND', 'The extracted data of this document is missing; retry the scan from extraction.');
  const parsed = extraction.safeParse(row.data);
  if (!parsed.success)
    throw permanent('EXTRACTION_INVALID', 'The extracted data of this document could not be read; retry the scan from extraction.');
  return { document, row, data: parsed.data };
}

/** What one decision is about: a receipt or invoice, or one bank statement row. */
export interface Subject {
  vendorName: string | null;
  /** The description its transaction would get. */
  description: string;
  /** The amount's magnitude in minor units, for rules with an amount range. */
  amountMinor: bigint | null;
  currency: string | null;
  /** Further words to look for keywords in (line items). */
  details: string[];
}

export interface Decision {
  categoryId: string | null;
  decidedBy: CategorizedBy;
  reason: string;
}

interface CategoryRow {
  id: string;
  name: string;
  glAccount: { code: string };
}

type Rule = Awaited<ReturnType<typeof loadRules>>[number];

const abs = (value: bigint) => (value < 0n ? -value : value);

/** "12.50 USD": minor units shown in the currency's own decimals (no float arithmetic). */
function formatMinor(minor: bigint, currency: string | null): string {
  const digits = currency ? (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2) : 2;
  const text = abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const major = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return `${minor < 0n ? '-' : ''}${major}${currency ? ` ${currency}` : ''}`;
}

function loadRules(tx: TenantTransaction, entityId: string) {
  return tx.categorizationRule.findMany({
    where: { entityId, deletedAt: null, category: { deletedAt: null } },
    include: { category: { select: { name: true } } },
    orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
}

function ruleMatches(rule: Rule, subject: Subject): boolean {
  const text = rule.field === 'VENDOR' ? subject.vendorName : subject.description;
  if (text === null) return false;
  const value = normalizeVendorName(text);
  const pattern = normalizeVendorName(rule.pattern);
  const textMatches =
    rule.match === 'EQUALS' ? value === pattern : rule.match === 'STARTS_WITH' ? value.startsWith(pattern) : value.includes(pattern);
  if (!textMatches) return false;
  if (rule.minAmountMinor === null && rule.maxAmountMinor === null) return true;
  if (subject.amountMinor === null) return false;
  return (
    (rule.minAmountMinor === null || subject.amountMinor >= rule.minAmountMinor) &&
    (rule.maxAmountMinor === null || subject.amountMinor <= rule.maxAmountMinor)
  );
}

function describeRule(rule: Rule, currency: string | null): string {
  const match = { CONTAINS: 'contains', EQUALS: 'equals', STARTS_WITH: 'starts with' }[rule.match];
  const range = [
    rule.minAmountMinor === null ? null : `at least ${formatMinor(rule.minAmountMinor, currency)}`,
    rule.maxAmountMinor === null ? null : `at most ${formatMinor(rule.maxAmountMinor, currency)}`,
  ].filter(Boolean);
  const amount = range.length > 0 ? `, amount ${range.join(' and ')}` : '';
  return `rule (priority ${rule.priority}): ${rule.field.toLowerCase()} ${match} "${rule.pattern}"${amount} → ${rule.category.name}`;
}

/** Per normalized vendor name: its default category, else the most frequent category of its transactions. */
async function loadVendorHistory(tx: TenantTransaction, entityId: string, names: string[], categories: Map<string, CategoryRow>) {
  const history = new Map<string, Decision>();
  if (names.length === 0) return history;
  const vendors = await tx.vendor.findMany({ where: { entityId, deletedAt: null, normalizedName: { in: names } } });
  const withoutDefault: typeof vendors = [];
  for (const vendor of vendors) {
    const category = vendor.defaultCategoryId ? categories.get(vendor.defaultCategoryId) : undefined;
    if (category) {
      history.set(vendor.normalizedName, {
        categoryId: category.id,
        decidedBy: 'vendor',
        reason: `vendor "${vendor.name}": its default category is ${category.name}`,
      });
    } else withoutDefault.push(vendor);
  }
  if (withoutDefault.length === 0) return history;
  const counts = await tx.transaction.groupBy({
    by: ['vendorId', 'categoryId'],
    where: { entityId, deletedAt: null, vendorId: { in: withoutDefault.map((vendor) => vendor.id) }, categoryId: { not: null } },
    _count: { _all: true },
    _max: { date: true },
  });
  for (const vendor of withoutDefault) {
    const mine = counts.filter((row) => row.vendorId === vendor.id && row.categoryId !== null && categories.has(row.categoryId));
    const total = mine.reduce((sum, row) => sum + row._count._all, 0);
    const top = mine.sort((a, b) => b._count._all - a._count._all || (b._max.date?.getTime() ?? 0) - (a._max.date?.getTime() ?? 0))[0];
    if (!top) continue;
    const category = categories.get(top.categoryId!)!;
    history.set(vendor.normalizedName, {
      categoryId: category.id,
      decidedBy: 'vendor',
      reason: `vendor "${vendor.name}": ${top._count._all} of ${total} earlier transactions were ${category.name}`,
    });
  }
  return history;
}

function loadCategories(tx: TenantTransaction, entityId: string): Promise<CategoryRow[]> {
  return tx.category.findMany({
    where: { entityId, deletedAt: null },
    select: { id: true, name: true, glAccount: { select: { code: true } } },
    orderBy: { name: 'asc' },
  });
}

/** Rules → vendor history → keyword map for each subject; null where none of them decided. */
export async function decideCategories(tx: TenantTransaction, entityId: string, subjects: Subject[]): Promise<(Decision | null)[]> {
  const categories = await loadCategories(tx, entityId);
  const byId = new Map(categories.map((category) => [category.id, category]));
  const byName = new Map(categories.map((category) => [category.name, category]));
  const rules = await loadRules(tx, entityId);
  const names = [...new Set(subjects.flatMap((subject) => (subject.vendorName ? [normalizeVendorName(subject.vendorName)] : [])))];
  const vendors = await loadVendorHistory(tx, entityId, names, byId);
  return subjects.map((subject) => {
    const rule = rules.find((candidate) => ruleMatches(candidate, subject));
    if (rule) return { categoryId: rule.categoryId, decidedBy: 'rule', reason: describeRule(rule, subject.currency) };
    const vendor = subject.vendorName ? vendors.get(normalizeVendorName(subject.vendorName)) : undefined;
    if (vendor) return vendor;
    const strong = [subject.vendorName ?? subject.description];
    const keyword = matchKeywords({ strong, weak: subject.details }, [...byName.keys()]);
    if (!keyword) return null;
    return {
      categoryId: byName.get(keyword.category)!.id,
      decidedBy: 'keyword',
      reason: `keyword "${keyword.keyword}" → ${keyword.category}`,
    };
  });
}

/** The receipt or invoice as one subject; `fallbackDescription` is the file name. */
export function documentSubject(data: Extraction, fallbackDescription: string): Subject {
  const vendorName = data.vendorName?.value ?? null;
  const total = data.total?.value;
  return {
    vendorName,
    description: vendorName ?? fallbackDescription,
    amountMinor: total ? abs(BigInt(total.amountMinor)) : null,
    currency: total?.currency ?? data.currency?.value ?? null,
    details: (data.lineItems ?? []).map((item) => item.description.value),
  };
}

/** A statement row as a subject: a bank line's description is the closest thing it has to a vendor name. */
export function rowSubject(row: NonNullable<Extraction['statement']>['rows'][number]): Subject {
  return {
    vendorName: row.description.value,
    description: row.description.value,
    amountMinor: abs(BigInt(row.amount.value.amountMinor)),
    currency: row.amount.value.currency,
    details: [],
  };
}

/** The statement's category is its rows' most common one. */
function summarizeRows(decisions: (Decision | null)[], categories: CategoryRow[]): Decision {
  const decided = decisions.filter((decision): decision is Decision & { categoryId: string } => decision?.categoryId != null);
  const tally = new Map<string, Decision[]>();
  for (const decision of decided) tally.set(decision.categoryId, [...(tally.get(decision.categoryId) ?? []), decision]);
  const [categoryId, rows] = [...tally.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!categoryId || !rows)
    return {
      categoryId: null,
      decidedBy: 'none',
      reason: `none of the ${decisions.length} statement rows matched a rule, vendor or keyword`,
    };
  const byWhom = new Map<CategorizedBy, number>();
  for (const row of rows) byWhom.set(row.decidedBy, (byWhom.get(row.decidedBy) ?? 0) + 1);
  const decidedBy = [...byWhom.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const name = categories.find((category) => category.id === categoryId)?.name ?? categoryId;
  return {
    categoryId,
    decidedBy,
    reason: `most common of the statement rows: ${rows.length} of ${decisions.length} are ${name} (${decided.length} rows categorized)`,
  };
}

const answerSchema = (names: string[]) => ({
  type: 'object',
  properties: {
    category: { type: 'string', enum: [...names, 'none'] },
    reason: { type: 'string', description: 'One short sentence: why this category.' },
  },
  required: ['category', 'reason'],
  additionalProperties: false,
});

const instructions =
  'You categorize a business expense document for bookkeeping. Pick the one category from the allowed list that fits ' +
  'what was bought, or "none" when nothing fits or you cannot tell. Give a one-sentence reason.';

async function askMistral(
  deps: Pick<DocumentActivityDeps, 'mistral' | 'database'>,
  ref: ScanRef,
  log: Logger,
  data: Extraction,
  subject: Subject,
  categories: CategoryRow[],
): Promise<Decision | null> {
  const settings = deps.mistral;
  const names = categories.filter((category) => category.glAccount.code !== uncategorizedCode).map((category) => category.name);
  if (!settings || names.length === 0) return null;
  const facts = {
    docType: data.docType.value,
    vendor: subject.vendorName,
    total: subject.amountMinor === null ? null : formatMinor(subject.amountMinor, subject.currency),
    lineItems: subject.details.slice(0, 40),
    categories: names,
  };
  try {
    const { value } = await mistralClientFor(deps, ref, 'categorize', log).chatJson<{ category: string; reason: string }>({
      model: settings.chatModel,
      name: 'category_choice',
      schema: answerSchema(names),
      messages: [
        { role: 'system', content: instructions },
        { role: 'user', content: JSON.stringify(facts) },
      ],
    });
    const reason = value.reason.trim().slice(0, 300);
    const chosen = categories.find((category) => category.name === value.category && names.includes(category.name));
    if (!chosen)
      return { categoryId: null, decidedBy: 'none', reason: `no rule, vendor or keyword matched, and Mistral found none: ${reason}` };
    return { categoryId: chosen.id, decidedBy: 'mistral', reason: `Mistral chose ${chosen.name}: ${reason}` };
  } catch (error) {
    // An answer outside the schema is no suggestion; anything else is classified by runActivity.
    if (error instanceof MistralError && error.code === 'invalid_output') return null;
    throw error;
  }
}

export function categorizeDocumentActivity(
  deps: Pick<DocumentActivityDeps, 'database' | 'logger' | 'mistral'>,
): DocumentActivities['categorizeDocument'] {
  return (ref) =>
    runActivity(deps, 'categorizeDocument', ref, async ({ log, attempt }) => {
      const db = deps.database.forTenant(ref.tenantId);
      const loaded = await db.$tenantTransaction(async (tx) => {
        const { document, data } = await loadExtraction(tx, ref, ref.extractionId);
        const categories = await loadCategories(tx, ref.entityId);
        if (data.docType.value === 'bank_statement') {
          const decisions = await decideCategories(tx, ref.entityId, (data.statement?.rows ?? []).map(rowSubject));
          return { data, categories, subject: null, decision: summarizeRows(decisions, categories) };
        }
        const subject = documentSubject(data, document.fileName);
        const [decision] = await decideCategories(tx, ref.entityId, [subject]);
        return { data, categories, subject, decision: decision ?? null };
      });
      // Mistral is asked outside the transaction: no connection is held while it thinks.
      const suggested =
        loaded.decision ?? (loaded.subject && (await askMistral(deps, ref, log, loaded.data, loaded.subject, loaded.categories)));
      const decision: Decision = suggested ?? {
        categoryId: null,
        decidedBy: 'none',
        reason: deps.mistral ? 'no rule, vendor, keyword or AI suggestion matched' : 'no rule, vendor or keyword matched',
      };
      await db.document.update({
        where: { id: ref.documentId },
        data: { categoryId: decision.categoryId, categorizedBy: decision.decidedBy, categorizationReason: decision.reason },
      });
      log.info({ decidedBy: decision.decidedBy, attempt }, 'document categorized');
      return { attempt, ...decision } satisfies CategorizeResult;
    });
}
