/**
 * extractDocument: turns the stored text into the extraction JSON (DESIGN §8) and saves it as the
 * document's next DocumentExtraction version. The engine follows the text: local text goes to the
 * rule-based extractor (the same merge of looks the local reader does), Mistral text to the chat
 * model. A retry must not add a second version for the same text, and the extraction row carries
 * no text id, so the test is by time: the latest version already comes from this text when it was
 * made by the same engine after the text was saved (OCR replaces its row, with a new creation
 * time, on every run).
 */
import type { ExtractResult, Extraction, ScanRef } from '@akount/contracts';
import type { Prisma } from '@akount/db';
import { extractFromLooks, type DocumentKind, type TextLook } from '@akount/ocr';
import type { DocumentActivityDeps } from './deps';
import { loadDocument } from './document-row';
import { permanent } from './failures';
import { documentHints, type DocumentHints } from './hints';
import { extractWithMistral } from './mistral-engine';
import { heartbeating, runActivity } from './run';

const docTypes = { receipt: 'RECEIPT', invoice: 'INVOICE', bank_statement: 'BANK_STATEMENT', other: 'OTHER' } as const;

/** Local extraction with the statement hints when the document turns out to be a statement. */
export function extractLocally(kind: DocumentKind, looks: readonly TextLook[], hints: DocumentHints): Extraction {
  const asDocument = extractFromLooks(kind, looks, hints.document);
  if (asDocument.docType.value !== 'bank_statement' || hints.statement === hints.document) return asDocument;
  return extractFromLooks(kind, looks, hints.statement);
}

/**
 * One number for list views and review triage: how sure the fields a posting needs are. Receipts
 * and invoices: the mean of total, date and vendor (a missing one counts 0); statements: the mean
 * of the row amounts (none read: 0). Scaled by how sure the document type is.
 */
export function extractionConfidence(extraction: Extraction): number {
  const values =
    extraction.docType.value === 'bank_statement'
      ? (extraction.statement?.rows ?? []).map((row) => row.amount.confidence)
      : [extraction.total, extraction.date, extraction.vendorName].map((found) => found?.confidence ?? 0);
  const mean = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return Math.round(mean * extraction.docType.confidence * 100) / 100;
}

export function extractDocumentActivity(deps: DocumentActivityDeps) {
  return (ref: ScanRef & { textId: string }): Promise<ExtractResult> =>
    runActivity(deps, 'extractDocument', ref, async ({ log, attempt, context }) => {
      const db = deps.database.forTenant(ref.tenantId);
      const text = await db.documentText.findFirst({ where: { id: ref.textId, documentId: ref.documentId } });
      if (!text) throw permanent('TEXT_MISSING', 'The text read from this document is gone. Retry the scan to read it again.');
      const latest = await db.documentExtraction.findFirst({ where: { documentId: ref.documentId }, orderBy: { version: 'desc' } });
      if (latest && latest.engine === text.engine && latest.createdAt >= text.createdAt) {
        log.info({ extractionId: latest.id, version: latest.version }, 'this text was already extracted; returning that version');
        const saved = latest.data as unknown as Extraction;
        return { attempt, extractionId: latest.id, docType: saved.docType.value, confidence: latest.confidence ?? 0 };
      }
      const document = await loadDocument(deps.database, ref);
      const hints = await documentHints(deps.database, ref, document);
      const looks = text.looks as unknown as TextLook[];
      const extraction =
        text.engine === 'mistral'
          ? await heartbeating(context, (signal) => extractWithMistral(deps, ref, log, looks[0] ?? { pages: [] }, hints, signal))
          : extractLocally(text.kind as DocumentKind, looks, hints);
      const confidence = extractionConfidence(extraction);
      const saved = await db.$tenantTransaction(async (tx) => {
        const last = await tx.documentExtraction.aggregate({ where: { documentId: ref.documentId }, _max: { version: true } });
        const row = await tx.documentExtraction.create({
          data: {
            tenantId: ref.tenantId,
            documentId: ref.documentId,
            version: (last._max.version ?? 0) + 1,
            engine: extraction.engine,
            data: extraction as unknown as Prisma.InputJsonValue,
            confidence,
          },
        });
        await tx.document.update({ where: { id: ref.documentId }, data: { docType: docTypes[extraction.docType.value] } });
        return row;
      });
      log.info({ extractionId: saved.id, version: saved.version, docType: extraction.docType.value, confidence }, 'extraction saved');
      return { attempt, extractionId: saved.id, docType: extraction.docType.value, confidence };
    });
}
