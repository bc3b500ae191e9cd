/**
 * Builds a fresh tenant with its own entity, chart line, bank account and
 * transactions through the scoped client, so each test owns its rows; and,
 * for the document activities, books on the default chart with documents
 * and their extractions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createChartOfAccounts, type Database } from '../src/index';

export interface TenantFixture {
  tenantId: string;
  entityId: string;
  glAccountId: string;
  accountId: string;
  transactionIds: string[];
}

export async function createTenantFixture(database: Database, label: string, transactions = 3): Promise<TenantFixture> {
  const tenantId = randomUUID();
  const db = database.forTenant(tenantId);
  return db.$tenantTransaction(async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: `${label} ${tenantId.slice(0, 8)}` } });
    const entity = await tx.entity.create({ data: { tenantId, name: `${label} LLC`, functionalCurrency: 'USD', country: 'US' } });
    const gl = await tx.gLAccount.create({ data: { tenantId, entityId: entity.id, code: '1010', name: 'Checking', type: 'ASSET' } });
    const account = await tx.account.create({
      data: { tenantId, entityId: entity.id, glAccountId: gl.id, name: 'Checking', type: 'BANK', currency: 'USD' },
    });
    const transactionIds: string[] = [];
    for (let n = 0; n < transactions; n += 1) {
      const row = await tx.transaction.create({
        data: {
          tenantId,
          entityId: entity.id,
          accountId: account.id,
          date: new Date(Date.UTC(2026, 0, n + 1)),
          description: `${label} purchase ${n}`,
          amountMinor: BigInt(-(n + 1) * 1000),
          currency: 'USD',
        },
      });
      transactionIds.push(row.id);
    }
    return { tenantId, entityId: entity.id, glAccountId: gl.id, accountId: account.id, transactionIds };
  });
}

export interface BooksFixture {
  tenantId: string;
  entityId: string;
  /** A member of the tenant (uploads documents, approves them). */
  userId: string;
  /** Category ids of the default chart, by name ("Meals", "Travel", …). */
  categoryIds: Map<string, string>;
  glByCode: Map<string, string>;
  /** A USD bank account backed by GL 1010. */
  bankAccountId: string;
}

/** A tenant with a member, an entity on the default chart of accounts and categories, and a USD bank account. */
export async function createBooksFixture(database: Database, label: string): Promise<BooksFixture> {
  const tenantId = randomUUID();
  const userId = randomUUID();
  await database.forUser({ userId }).user.create({
    data: { id: userId, clerkUserId: `user_${userId}`, email: `${userId.slice(0, 8)}@books.example`, name: `${label} owner` },
  });
  return database.forTenant(tenantId).$tenantTransaction(async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: `${label} ${tenantId.slice(0, 8)}` } });
    await tx.tenantUser.create({ data: { tenantId, userId, role: 'OWNER' } });
    const entity = await tx.entity.create({ data: { tenantId, name: `${label} LLC`, functionalCurrency: 'USD', country: 'US' } });
    const { glByCode, categoryByName } = await createChartOfAccounts(tx, tenantId, entity.id);
    const account = await tx.account.create({
      data: { tenantId, entityId: entity.id, glAccountId: glByCode.get('1010')!, name: 'Checking', type: 'BANK', currency: 'USD' },
    });
    const categoryIds = new Map([...categoryByName].map(([name, category]) => [name, category.id]));
    return { tenantId, entityId: entity.id, userId, categoryIds, glByCode, bankAccountId: account.id };
  });
}

/** Another money account of the books' entity; card accounts post to the credit-card GL line. */
export async function createAccountFixture(
  database: Database,
  books: BooksFixture,
  account: { type: 'BANK' | 'CARD' | 'CASH'; currency: string; name?: string; mask?: string },
): Promise<string> {
  const code = account.type === 'CARD' ? '2100' : account.type === 'CASH' ? '1000' : '1010';
  const row = await database.forTenant(books.tenantId).account.create({
    data: {
      tenantId: books.tenantId,
      entityId: books.entityId,
      glAccountId: books.glByCode.get(code)!,
      name: account.name ?? `${account.type} ${account.currency}`,
      type: account.type,
      currency: account.currency,
      mask: account.mask ?? null,
    },
  });
  return row.id;
}

export interface DocumentFixture {
  documentId: string;
  extractionId: string;
}

/** An uploaded document that reached extraction: the Document row and version 1 of its extraction JSON (DESIGN §8). */
export async function createDocumentFixture(
  database: Database,
  books: BooksFixture,
  extraction: object,
  document: { fileName?: string; accountId?: string; categoryId?: string } = {},
): Promise<DocumentFixture> {
  const { tenantId, entityId } = books;
  return database.forTenant(tenantId).$tenantTransaction(async (tx) => {
    const documentId = randomUUID();
    const fileName = document.fileName ?? 'receipt.jpg';
    await tx.document.create({
      data: {
        id: documentId,
        tenantId,
        entityId,
        uploadedById: books.userId,
        fileName,
        mimeType: 'image/jpeg',
        sizeBytes: 1024,
        sha256: randomBytes(32).toString('hex'),
        storageKey: `${tenantId}/${entityId}/documents/2026/${documentId}-${fileName}`,
        status: 'CATEGORIZING',
        accountId: document.accountId ?? null,
        categoryId: document.categoryId ?? null,
      },
    });
    const row = await tx.documentExtraction.create({
      data: { tenantId, documentId, version: 1, engine: 'local', data: extraction, confidence: 0.9 },
    });
    return { documentId, extractionId: row.id };
  });
}
