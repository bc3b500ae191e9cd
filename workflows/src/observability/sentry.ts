/**
 * Sentry for the worker: each FailureReport (errors.ts) becomes one event tagged with the workflow,
 * run, activity and document ids, so a failed scan can be found in the Temporal UI from its event.
 * Off unless SENTRY_DSN is set. Document contents never reach it: activities fail with messages
 * and codes, not with the text they read.
 */
import * as Sentry from '@sentry/node';
import type { FailureReport } from './errors';

export function initWorkerSentry(settings: { dsn: string; environment: string }): void {
  Sentry.init({ dsn: settings.dsn, environment: settings.environment, tracesSampleRate: 0 });
}

export function reportToSentry(report: FailureReport): void {
  Sentry.withScope((scope) => {
    scope.setTag('failure_kind', report.kind);
    for (const [tag, value] of Object.entries({
      workflow_id: report.workflowId,
      run_id: report.runId,
      workflow_type: report.workflowType,
    })) {
      if (value) scope.setTag(tag, value);
    }
    if (report.activityType) scope.setTag('activity_type', report.activityType);
    if (report.attempt !== undefined) scope.setTag('attempt', String(report.attempt));
    if (report.documentId) scope.setTag('document_id', report.documentId);
    Sentry.captureException(report.error);
  });
}

export const flushSentry = (timeoutMs = 2000) => Sentry.flush(timeoutMs);
