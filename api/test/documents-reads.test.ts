/**
 * Reading documents: the list (filters, newest first, cursor pages), one document with its latest
 * extraction, the one-hour file link and the download route behind it, and tenant walls — another
 * tenant's document is 404 on every route and absent from every list. No worker polls this
 * file's task queue; the scans it starts are terminated at the end.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegFile, pdfFile, pngFile, upload } from './fixtures/documents';
import { createTenant, createTestApi, type TenantFixture, type TestApi } from './support';

let api: TestApi;
let a: TenantFixture;
let b: TenantFixture;
const ids: string[] = [];

const list = (who: string, query = '') => api.as(who, { method: 'GET', url: `/api/services/documents${query}` });

beforeAll(async () => {
  api = await createTestApi({ TEMPORAL_TASK_QUEUE: `documents-reads-${randomUUID()}`, RATE_LIMIT_AI_PER_MINUTE: '1000' });
  a = await createTenant(api.database, 'Reader');
  b = await createTenant(api.database, 'Outsider');
  for (const file of [await pngFile('coffee-receipt.png'), await jpegFile('taxi.jpg'), await pdfFile({ fileName: 'march-invoice.pdf' })]) {
    const response = await upload(api, a.accountant, file);
    expect(response.statusCode, response.body).toBe(202);
    ids.push(response.json().documentId);
  }
});

afterAll(async () => {
  await Promise.allSettled(ids.map((id) => api.temporal.client.workflow.getHandle(`document-scan/${id}`).terminate('test finished')));
  await api.close();
});

describe('list', () => {
  it('pages newest first with a cursor', async () => {
    const first = await list(a.viewer, '?limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    const second = await list(a.viewer, `?limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json()).toEqual({ items: [expect.objectContaining({ id: ids[0], fileName: 'coffee-receipt.png' })], nextCursor: null });
    expect((await list(a.viewer, '?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
  });

  it('filters by status (one or several), type, entity, upload date and file name', async () => {
    const db = api.database.forTenant(a.tenantId).document;
    await db.update({ where: { id: ids[0] }, data: { status: 'AWAITING_REVIEW', docType: 'RECEIPT' } });
    await db.update({ where: { id: ids[1] }, data: { status: 'COMPLETED', docType: 'RECEIPT' } });
    const names = async (query: string) => {
      const response = await list(a.viewer, query);
      expect(response.statusCode, response.body).toBe(200);
      return response
        .json()
        .items.map((item: { fileName: string }) => item.fileName)
        .sort();
    };
    expect(await names('?status=AWAITING_REVIEW')).toEqual(['coffee-receipt.png']);
    expect(await names('?status=AWAITING_REVIEW,COMPLETED')).toEqual(['coffee-receipt.png', 'taxi.jpg']);
    expect(await names('?docType=receipt&status=COMPLETED')).toEqual(['taxi.jpg']);
    expect(await names('?q=INVOICE')).toEqual(['march-invoice.pdf']);
    expect(await names(`?entityId=${a.entityId}`)).toHaveLength(3);
    const today = new Date().toISOString().slice(0, 10);
    expect(await names(`?from=${today}&to=${today}`)).toHaveLength(3);
    expect(await names('?to=2020-01-01')).toEqual([]);
    expect((await list(a.viewer, '?status=SHREDDED')).statusCode).toBe(400);
  });
});

describe('one document', () => {
  it('shows the row with its latest extraction and categorization', async () => {
    const tx = api.database.forTenant(a.tenantId);
    const documentId = ids[2]!;
    for (const version of [1, 2]) {
      await tx.documentExtraction.create({
        data: {
          tenantId: a.tenantId,
          documentId,
          version,
          engine: 'local',
          confidence: 0.5 + version / 10,
          data: { engine: 'local', version },
        },
      });
    }
    await tx.document.update({
      where: { id: documentId },
      data: { categoryId: a.categoryId, categorizedBy: 'rule', categorizationReason: 'rule #1: vendor contains "cafe"' },
    });
    const response = await api.as(a.viewer, { method: 'GET', url: `/api/services/documents/${documentId}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: documentId,
      mimeType: 'application/pdf',
      pageCount: 1,
      categoryId: a.categoryId,
      categorizedBy: 'rule',
      extraction: { version: 2, engine: 'local', confidence: 0.7, data: { engine: 'local', version: 2 } },
    });
  });

  it('gives a one-hour link whose download route serves the same bytes, and refuses a tampered token', async () => {
    const file = await pngFile('Café receipt.png');
    const uploaded = await upload(api, a.accountant, file);
    const documentId: string = uploaded.json().documentId;
    ids.push(documentId);
    const link = await api.as(a.viewer, { method: 'GET', url: `/api/services/documents/${documentId}/file` });
    expect(link.statusCode).toBe(200);
    const { url, expiresAt } = link.json();
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    const target = new URL(url);
    expect(target.pathname).toBe('/api/services/documents/download');

    const download = await api.app.inject({ method: 'GET', url: target.pathname + target.search });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(file.bytes)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Caf%C3%A9%20receipt.png");
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const token = target.searchParams.get('token')!;
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const refused = await api.app.inject({ method: 'GET', url: `${target.pathname}?token=${tampered}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect((await api.app.inject({ method: 'GET', url: target.pathname })).statusCode).toBe(400);
  });
});

describe('tenant walls', () => {
  it("never shows another tenant's document: 404 on every route, absent from lists", async () => {
    const documentId = ids[0]!;
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/status'],
      ['GET', '/file'],
      ['POST', '/approve'],
      ['POST', '/reject'],
      ['POST', '/retry'],
      ['POST', '/cancel'],
    ] as const) {
      const response = await api.as(b.owner, {
        method,
        url: `/api/services/documents/${documentId}${path}`,
        ...(path === '/approve' ? { payload: { edits: {} } } : {}),
      });
      expect(response.statusCode, `${method} ${path}`).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    const theirs = await list(b.owner, '?limit=100');
    expect(theirs.json().items.map((item: { id: string }) => item.id)).not.toContain(documentId);
    expect((await api.as(a.owner, { method: 'GET', url: `/api/services/documents/${documentId}` })).statusCode).toBe(200);
  });

  it('lets viewers read but not act', async () => {
    const documentId = ids[0]!;
    expect((await api.as(a.viewer, { method: 'GET', url: `/api/services/documents/${documentId}/status` })).statusCode).toBe(200);
    for (const action of ['approve', 'reject', 'retry', 'cancel']) {
      const response = await api.as(a.viewer, {
        method: 'POST',
        url: `/api/services/documents/${documentId}/${action}`,
        ...(action === 'approve' ? { payload: { edits: {} } } : {}),
      });
      expect(response.statusCode, action).toBe(403);
    }
  });
});

describe('OpenAPI', () => {
  it('documents every document route, the upload as a multipart form', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of [
      '',
      '/upload',
      '/{id}',
      '/{id}/status',
      '/{id}/file',
      '/{id}/approve',
      '/{id}/reject',
      '/{id}/retry',
      '/{id}/cancel',
      '/download',
    ]) {
      expect(doc.paths[`/api/services/documents${path}`], path).toBeDefined();
    }
    const form = doc.paths['/api/services/documents/upload'].post.requestBody.content['multipart/form-data'].schema;
    expect(form.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(doc.paths['/api/services/documents/download'].get.security).toEqual([]);
  });
});
