/**
 * virusScan: streams the staged upload from storage to clamd (never through memory whole) and
 * answers the verdict. Infected is a verdict, not a failure: the workflow rejects the document and
 * discards the bytes. Without a configured clamd (allowed outside production only) the scan is
 * reported as skipped. Never promotes, deletes or changes the Document row.
 */
import type { ScanRef, VirusScanResult } from '@akount/contracts';
import { scopedToTenant } from '../storage';
import { scanStream } from '../virus-scan/clamd';
import type { DocumentActivityDeps } from './deps';
import { loadDocument } from './document-row';
import { runActivity } from './run';

export function virusScanActivity(deps: DocumentActivityDeps) {
  return (ref: ScanRef): Promise<VirusScanResult> =>
    runActivity(deps, 'virusScan', ref, async ({ log, attempt }) => {
      const clamd = deps.clamd;
      if (!clamd) {
        log.warn('no clamd configured: the upload was not scanned');
        return { attempt, verdict: 'skipped', scanner: 'no scanner configured' };
      }
      const document = await loadDocument(deps.database, ref);
      const body = await scopedToTenant(deps.storage, ref.tenantId).get(document.storageKey);
      let verdict;
      try {
        verdict = await scanStream(clamd, body);
      } finally {
        body.destroy();
      }
      if (!verdict.infected) return { attempt, verdict: 'clean', scanner: 'clamd' };
      log.warn({ signature: verdict.signature }, 'infected upload');
      return { attempt, verdict: 'infected', signature: verdict.signature, scanner: 'clamd' };
    });
}
