/**
 * Every plain resource route, driven the same way: its happy path, a
 * validation error, 401 without a token, 403 for a role that may not write,
 * and 404 for another tenant's ids (never 403). Then the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApi, type TenantFixture, type TestApi } from './support';

let api: TestApi;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  api = await createTestApi();
  a = await createTenant(api.database, 'Alpha');
  b = await createTenant(api.database, 'Bravo');
});

afterAll(async () => {
  await api.close();
});

interface Case {
  path: string;
  writer: 'owner' | 'accountant';
  forbidden: 'viewer' | 'accountant';
  create: (t: TenantFixture) => Record<string, unknown>;
  update: Record<string, unknown>;
  invalid: (t: TenantFixture) => Record<string, unknown>;
  invalidPath: string;
}

const cases: Record<string, Case> = {
  entities: {
    path: '/api/system/entities',
    writer: 'owner',
    forbidden: 'accountant',
    create: () => ({ name: 'Side Project', functionalCurrency: 'EUR', country: 'DE' }),
    update: { name: 'Side Project GmbH' },
    invalid: () => ({ name: 'x', functionalCurrency: 'euro', country: 'DE' }),
    invalidPath: 'body.functionalCurrency',
  },
  accounts: {
    path: '/api/banking/accounts',
    writer: 'owner',
    forbidden: 'accountant',
    create: (t) => ({
      entityId: t.entityId,
      glAccountId: t.bankGlId,
      name: `Savings ${Math.random()}`,
      type: 'BANK',
      currency: 'USD',
      mask: '1234',
    }),
    update: { name: 'Rainy day savings' },
    invalid: (t) => ({ entityId: t.entityId, glAccountId: t.bankGlId, name: 'Bad', type: 'SHOEBOX', currency: 'USD' }),
    invalidPath: 'body.type',
  },
  'gl-accounts': {
    path: '/api/accounting/gl-accounts',
    writer: 'owner',
    forbidden: 'viewer',
    create: (t) => ({ entityId: t.entityId, code: `7${Math.floor(Math.random() * 1e5)}`, name: 'Insurance', type: 'EXPENSE' }),
    update: { name: 'Business insurance' },
    invalid: (t) => ({ entityId: t.entityId, code: 'has spaces!', name: 'Insurance', type: 'EXPENSE' }),
    invalidPath: 'body.code',
  },
  categories: {
    path: '/api/accounting/categories',
    writer: 'accountant',
    forbidden: 'viewer',
    create: (t) => ({ entityId: t.entityId, glAccountId: t.expenseGlId, name: `Coffee ${Math.random()}` }),
    update: { name: 'Coffee meetings' },
    invalid: (t) => ({ entityId: t.entityId, glAccountId: t.expenseGlId, name: '' }),
    invalidPath: 'body.name',
  },
  vendors: {
    path: '/api/business/vendors',
    writer: 'accountant',
    forbidden: 'viewer',
    create: (t) => ({ entityId: t.entityId, name: `Blue Bottle ${Math.random()}`, defaultCategoryId: t.categoryId }),
    update: { taxId: 'EIN 12-3456789' },
    invalid: (t) => ({ entityId: t.entityId, name: 'Blue Bottle', unexpected: true }),
    invalidPath: 'body',
  },
};

describe.each(Object.entries(cases))('%s', (_name, c) => {
  it('creates, reads, lists, updates and deletes', async () => {
    const created = await api.as(a[c.writer], { method: 'POST', url: c.path, payload: c.create(a) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    const read = await api.as(a.viewer, { method: 'GET', url: `${c.path}/${id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id });

    const list = await api.as(a.viewer, { method: 'GET', url: `${c.path}?limit=100` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(id);

    const updated = await api.as(a[c.writer], { method: 'PATCH', url: `${c.path}/${id}`, payload: c.update });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject(c.update);

    const deleted = await api.as(a[c.writer], { method: 'DELETE', url: `${c.path}/${id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await api.as(a.viewer, { method: 'GET', url: `${c.path}/${id}` })).statusCode).toBe(404);
  });

  it('answers 400 naming the invalid field', async () => {
    const response = await api.as(a[c.writer], { method: 'POST', url: c.path, payload: c.invalid(a) });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.requestId).toBeTruthy();
    expect(error.details.map((detail: { path: string }) => detail.path)).toContain(c.invalidPath);
  });

  it('answers 401 without a token', async () => {
    const response = await api.app.inject({ method: 'GET', url: c.path });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it(`answers 403 when a ${c.forbidden} tries to write`, async () => {
    const response = await api.as(a[c.forbidden], { method: 'POST', url: c.path, payload: c.create(a) });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });

  it("answers 404 for another tenant's ids, never 403", async () => {
    const theirs = await api.as(b[c.writer], { method: 'POST', url: c.path, payload: c.create(b) });
    expect(theirs.statusCode).toBe(201);
    const id = theirs.json().id as string;
    for (const request of [
      { method: 'GET' as const, url: `${c.path}/${id}` },
      { method: 'PATCH' as const, url: `${c.path}/${id}`, payload: c.update },
      { method: 'DELETE' as const, url: `${c.path}/${id}` },
    ]) {
      const response = await api.as(a.owner, request);
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
    }
    const list = await api.as(a.owner, { method: 'GET', url: `${c.path}?limit=100` });
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect((await api.as(b.viewer, { method: 'GET', url: `${c.path}/${id}` })).statusCode).toBe(200);
  });
});

describe('entity references', () => {
  it("refuses to create rows in another tenant's entity (404)", async () => {
    const response = await api.as(a.owner, {
      method: 'POST',
      url: '/api/business/vendors',
      payload: { entityId: b.entityId, name: 'Sneaky' },
    });
    expect(response.statusCode).toBe(404);
  });

  it("refuses to point at another tenant's GL account (422)", async () => {
    const response = await api.as(a.owner, {
      method: 'POST',
      url: '/api/accounting/categories',
      payload: { entityId: a.entityId, glAccountId: b.expenseGlId, name: 'Borrowed' },
    });
    expect(response.statusCode).toBe(422);
  });

  it('answers 409 for a duplicate GL code', async () => {
    const payload = { entityId: a.entityId, code: '1010', name: 'Another checking', type: 'ASSET' };
    const response = await api.as(a.owner, { method: 'POST', url: '/api/accounting/gl-accounts', payload });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CONFLICT');
  });
});

describe('audit log', () => {
  it('records every mutation with before and after', async () => {
    const created = await api.as(a.accountant, {
      method: 'POST',
      url: '/api/business/vendors',
      payload: { entityId: a.entityId, name: 'Audited Co' },
    });
    const id = created.json().id as string;
    await api.as(a.accountant, { method: 'PATCH', url: `/api/business/vendors/${id}`, payload: { name: 'Audited Company' } });
    await api.as(a.accountant, { method: 'DELETE', url: `/api/business/vendors/${id}` });
    const logs = await api.database.forTenant(a.tenantId).auditLog.findMany({ where: { resourceId: id }, orderBy: { createdAt: 'asc' } });
    expect(logs.map((log) => log.action)).toEqual(['create', 'update', 'delete']);
    expect(logs[1]?.before).toMatchObject({ name: 'Audited Co' });
    expect(logs[1]?.after).toMatchObject({ name: 'Audited Company' });
    expect(logs.every((log) => log.requestId && log.userId)).toBe(true);
  });
});
