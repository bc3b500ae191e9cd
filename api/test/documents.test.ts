/**
 * Document upload and reads on real PostgreSQL, the local storage folder and the Temporal dev
 * server: what an upload accepts and refuses (and that a refusal leaves nothing staged), the
 * duplicate rule, the workflow it starts, lists, reads, file links and their download route,
 * roles, tenant isolation, the AI rate tier and an unreachable scanner. No worker polls this
 * file's task queue: the scans it starts stay queued and are terminated at the end.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSearchAttributes } from '../src/domains/services/document-scans';
import { encryptedPdf, jpegFile, pdfFile, pngFile, sha256, upload } from './fixtures/documents';
import { createTenant, createTestApi, multipartForm, type TenantFixture, type TestApi } from './support';

const maxBytes = 150_000;
let api: TestApi;
let a: TenantFixture;
let b: TenantFixture;
const started = new Set<string>();

beforeAll(async () => {
  api = await createTestApi({
    TEMPORAL_TASK_QUEUE: `documents-test-${randomUUID()}`,
    UPLOAD_MAX_BYTES: String(maxBytes),
    DOCUMENT_MAX_PAGES: '3',
    RATE_LIMIT_AI_PER_MINUTE: '1000',
  });
  a = await createTenant(api.database, 'Uploads');
  b = await createTenant(api.database, 'Elsewhere');
});

afterAll(async () => {
  await Promise.allSettled(
    [...started].map((id) => api.temporal.client.workflow.getHandle(`document-scan/${id}`).terminate('test finished')),
  );
  await api.close();
});

const staged = (t: TenantFixture) => api.storage.list(`${t.tenantId}/${t.entityId}/staging/`);
const documentsOf = (t: TenantFixture) => api.database.forTenant(t.tenantId).document;

async function accepted(t: TenantFixture, file: Awaited<ReturnType<typeof pngFile>>, fields: Record<string, string> = {}) {
  const response = await upload(api, t.accountant, file, fields);
  expect(response.statusCode, response.body).toBe(202);
  const id: string = response.json().documentId;
  started.add(id);
  return id;
}

describe('upload', () => {
  it('accepts a PNG, a JPEG and a PDF: queued row, staged bytes, and a scan workflow with its search attributes', async () => {
    for (const [file, mimeType, pages] of [
      [await pngFile(), 'image/png', null],
      [await jpegFile(), 'image/jpeg', null],
      [await pdfFile({ pages: 2 }), 'application/pdf', 2],
    ] as const) {
      const response = await upload(api, a.accountant, file);
      expect(response.statusCode, response.body).toBe(202);
      const body = response.json();
      started.add(body.documentId);
      expect(body).toEqual({
        documentId: body.documentId,
        status: 'QUEUED',
        statusUrl: `/api/services/documents/${body.documentId}/status`,
      });

      const row = await documentsOf(a).findFirstOrThrow({ where: { id: body.documentId } });
      expect(row).toMatchObject({
        entityId: a.entityId,
        mimeType,
        sizeBytes: file.bytes.length,
        sha256: sha256(file.bytes),
        pageCount: pages,
      });
      expect(row.workflowId).toBe(`document-scan/${row.id}`);
      expect(row.storageKey.startsWith(`${a.tenantId}/${a.entityId}/staging/${row.id}-`)).toBe(true);
      const created = await api.database
        .forTenant(a.tenantId)
        .auditLog.findFirstOrThrow({ where: { resourceId: row.id, action: 'create' } });
      expect(created.after).toMatchObject({ status: 'QUEUED' });
      expect(await api.storage.stat(row.storageKey)).toMatchObject({ size: file.bytes.length, sha256: row.sha256, contentType: mimeType });

      const description = await api.temporal.client.workflow.getHandle(`document-scan/${row.id}`).describe();
      expect(description.type).toBe('documentScanWorkflow');
      expect(description.taskQueue).toBe(api.config.TEMPORAL_TASK_QUEUE);
      expect(description.typedSearchAttributes.get(scanSearchAttributes.tenantId)).toBe(a.tenantId);
      expect(description.typedSearchAttributes.get(scanSearchAttributes.entityId)).toBe(a.entityId);
      expect(description.typedSearchAttributes.get(scanSearchAttributes.documentId)).toBe(row.id);
      expect(description.typedSearchAttributes.get(scanSearchAttributes.status)).toBe('QUEUED');
    }
  });

  it('refuses the same bytes again for the same business with 409 and the first document id; another tenant may upload them', async () => {
    const file = await pngFile('twice.png');
    const first = await accepted(a, file);
    const before = await staged(a);
    const again = await upload(api, a.owner, { ...file, fileName: 'renamed.png' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE_DOCUMENT', details: { existingDocumentId: first } });
    expect(await staged(a)).toEqual(before);
    await accepted(b, file);
  });

  it('decides the type from the bytes, not the name: text called .pdf, or a .txt, is 415 and nothing is staged', async () => {
    const before = await staged(a);
    const text = Buffer.from('Total 12.00\nThank you for shopping\n'.repeat(20));
    for (const fileName of ['receipt.pdf', 'notes.txt']) {
      const response = await upload(api, a.accountant, { fileName, contentType: 'application/pdf', bytes: text });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const png = await pngFile('really-a-png.pdf');
    expect((await upload(api, a.accountant, png)).statusCode).toBe(202);
    expect((await staged(a)).length).toBe(before.length + 1);
  });

  it('refuses an empty file (400), a missing file (400) and a file over the limit (413), leaving nothing behind', async () => {
    const before = await staged(a);
    const empty = await upload(api, a.accountant, { fileName: 'empty.png', bytes: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/empty/);
    expect((await upload(api, a.accountant, undefined, { entityId: a.entityId })).statusCode).toBe(400);

    const png = await pngFile();
    const huge = { fileName: 'huge-scan.png', bytes: Buffer.concat([png.bytes, Buffer.alloc(maxBytes, 7)]) };
    const tooLarge = await upload(api, a.accountant, huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes } });
    expect(await staged(a)).toEqual(before);
    expect(await documentsOf(a).count({ where: { fileName: 'huge-scan.png' } })).toBe(0);
  });

  it('refuses encrypted PDFs and PDFs over the page limit with 422 and the reason', async () => {
    const before = await staged(a);
    const locked = await upload(api, a.accountant, encryptedPdf());
    expect(locked.statusCode).toBe(422);
    expect(locked.json().error).toMatchObject({ code: 'UNPROCESSABLE', details: { reason: 'ENCRYPTED_PDF' } });
    expect(locked.json().error.message).toMatch(/password/);
    const long = await upload(api, a.accountant, await pdfFile({ pages: 4 }));
    expect(long.statusCode).toBe(422);
    expect(long.json().error).toMatchObject({ details: { reason: 'TOO_MANY_PAGES' } });
    expect(long.json().error.message).toContain('4 pages');
    expect(await staged(a)).toEqual(before);
  });

  it('needs the entity when the tenant has several, checks entity and account, and wants fields before the file', async () => {
    const second = await api.database
      .forTenant(b.tenantId)
      .entity.create({ data: { tenantId: b.tenantId, name: 'Second LLC', functionalCurrency: 'USD', country: 'US' } });
    const file = await pngFile();
    const ambiguous = await upload(api, b.accountant, file);
    expect(ambiguous.statusCode).toBe(422);
    expect(ambiguous.json().error.message).toMatch(/entityId/);
    expect((await upload(api, b.accountant, file, { entityId: a.entityId })).statusCode).toBe(404);
    expect((await upload(api, b.accountant, file, { entityId: second.id, accountId: b.accountId })).statusCode).toBe(422);
    expect((await upload(api, b.accountant, file, { entityId: 'not-a-uuid' })).statusCode).toBe(400);

    const form = multipartForm({ entityId: second.id }, file, { accountId: b.accountId });
    const fieldAfterFile = await api.as(b.accountant, { method: 'POST', url: '/api/services/documents/upload', ...form });
    expect(fieldAfterFile.statusCode).toBe(400);
    expect(fieldAfterFile.json().error.message).toMatch(/before the file/);
    expect(await api.storage.list(`${b.tenantId}/${second.id}/`)).toEqual([]);

    const id = await accepted(b, file, { entityId: second.id });
    expect(await documentsOf(b).findFirstOrThrow({ where: { id } })).toMatchObject({ entityId: second.id, accountId: null });
  });

  it('is not for viewers, and counts against the AI tier', async () => {
    const viewer = await upload(api, a.viewer, await pngFile());
    expect(viewer.statusCode).toBe(403);

    const limited = await createTestApi({ TEMPORAL_TASK_QUEUE: `documents-test-${randomUUID()}`, RATE_LIMIT_AI_PER_MINUTE: '2' });
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 3; n += 1)
        statuses.push((await upload(limited, a.accountant, { fileName: 'x.png', bytes: Buffer.alloc(0) })).statusCode);
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });

  it('answers 503 and keeps nothing when Temporal cannot start the scan; the same file is accepted later', async () => {
    const down = await createTestApi({ TEMPORAL_NAMESPACE: `missing-${randomUUID()}` });
    const file = await pngFile('while-down.png');
    try {
      const before = await staged(a);
      const response = await upload(down, a.accountant, file);
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('SERVICE_UNAVAILABLE');
      expect(await staged(a)).toEqual(before);
      const withdrawn = await documentsOf(a).findFirstOrThrow({ where: { fileName: 'while-down.png' } });
      expect(withdrawn.status).toBe('CANCELLED');
      expect(withdrawn.deletedAt).not.toBeNull();
    } finally {
      await down.close();
    }
    await accepted(a, file);
  });
});
