/**
 * createDocumentActivities: the document-scan activities (types.ts) bound to one process's
 * dependencies. The worker registers the returned functions by name; tests and the pipeline
 * benchmark call them inside an activity context.
 */
import { categorizeDocumentActivity } from './categorize';
import type { DocumentActivityDeps } from './deps';
import { extractDocumentActivity } from './extract';
import { ocrDocumentActivity } from './ocr';
import { createTransactionsActivity } from './post';
import { discardStagedDocumentActivity, setDocumentStatusActivity } from './status';
import { storeDocumentActivity } from './store';
import type { DocumentActivities } from './types';
import { virusScanActivity } from './virus-scan';

export function createDocumentActivities(deps: DocumentActivityDeps): DocumentActivities {
  return {
    virusScan: virusScanActivity(deps),
    storeDocument: storeDocumentActivity(deps),
    ocrDocument: ocrDocumentActivity(deps),
    extractDocument: extractDocumentActivity(deps),
    categorizeDocument: categorizeDocumentActivity(deps),
    createTransactions: createTransactionsActivity(deps),
    setDocumentStatus: setDocumentStatusActivity(deps),
    discardStagedDocument: discardStagedDocumentActivity(deps),
  };
}
