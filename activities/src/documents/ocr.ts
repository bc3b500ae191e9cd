/**
 * ocrDocument: reads the stored file's text into one DocumentText row (a re-run replaces it) and
 * records the page count and engine on the Document. PDFs and photos go to Mistral OCR when the
 * Mistral engine is on, else to the local engines (text layer, Tesseract, a second look at unsure
 * photos); CSV/OFX statements and text files need no OCR and are kept as their text either way.
 * The activity heartbeats while it reads and stops between pages when the scan is cancelled.
 */
import { buffer } from 'node:stream/consumers';
import type { OcrResult, ScanRef } from '@akount/contracts';
import type { Prisma } from '@akount/db';
import { sniffDocument, type DocumentKind, type TextLook } from '@akount/ocr';
import { scopedToTenant } from '../storage';
import type { DocumentActivityDeps } from './deps';
import { loadDocument, type DocumentRow } from './document-row';
import { documentHints } from './hints';
import { readWithMistral } from './mistral-engine';
import { heartbeating, runActivity, type ActivityRun } from './run';

/** The text an engine read, as the DocumentText row keeps it. */
export interface ReadText {
  engine: 'local' | 'mistral';
  kind: DocumentKind;
  looks: TextLook[];
}

const byMistral = new Set<DocumentKind>(['pdf', 'png', 'jpeg']);

export function ocrDocumentActivity(deps: DocumentActivityDeps) {
  return (ref: ScanRef): Promise<OcrResult> =>
    runActivity(deps, 'ocrDocument', ref, async (run) => {
      const document = await loadDocument(deps.database, ref);
      const bytes = await buffer(await scopedToTenant(deps.storage, ref.tenantId).get(document.storageKey));
      const kind = sniffDocument(bytes, document.fileName);
      const read =
        deps.mistral && byMistral.has(kind)
          ? await heartbeating(run.context, (signal) =>
              readWithMistral(deps, ref, run.log, { kind, bytes, fileName: document.fileName }, signal),
            )
          : await readLocally(deps, ref, run, document, bytes);
      const saved = await saveText(deps, ref, read);
      run.log.info({ engine: read.engine, kind: read.kind, pageCount: saved.pageCount, looks: read.looks.length }, 'text read');
      return { attempt: run.attempt, engine: read.engine, kind: read.kind, pageCount: saved.pageCount, textId: saved.id };
    });
}

async function readLocally(
  deps: DocumentActivityDeps,
  ref: ScanRef,
  run: ActivityRun,
  document: DocumentRow,
  bytes: Buffer,
): Promise<ReadText> {
  const hints = await documentHints(deps.database, ref, document);
  const read = await heartbeating(run.context, (signal) =>
    deps.reader.readLooks(bytes, document.fileName, hints.document, {
      signal,
      onPage: (page) => run.context.heartbeat({ page: page.page, method: page.method }),
    }),
  );
  return { engine: 'local', kind: read.kind, looks: read.looks };
}

async function saveText(deps: DocumentActivityDeps, ref: ScanRef, read: ReadText) {
  const pageCount = read.looks[0]?.pages.length ?? 0;
  return deps.database.forTenant(ref.tenantId).$tenantTransaction(async (tx) => {
    // Replaced, not updated: a new row has a new id and creation time, which extract keys its retries on.
    await tx.documentText.deleteMany({ where: { documentId: ref.documentId } });
    const saved = await tx.documentText.create({
      data: {
        tenantId: ref.tenantId,
        documentId: ref.documentId,
        engine: read.engine,
        kind: read.kind,
        pageCount,
        looks: read.looks as unknown as Prisma.InputJsonValue,
      },
    });
    await tx.document.update({ where: { id: ref.documentId }, data: { pageCount, engine: read.engine } });
    return saved;
  });
}
