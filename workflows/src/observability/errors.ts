/**
 * Failure reporting for the worker (DESIGN §6): activity failures through an activity interceptor,
 * workflow failures through a workflow interceptor (workflow-interceptors.ts) that reaches this
 * process over a sink, since workflow code runs sandboxed and may not do I/O. Both hand a
 * `FailureReport` to one `report` function: Sentry in the worker (sentry.ts), a collector in tests.
 */
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { ErrorSinks } from './workflow-interceptors';

export interface FailureReport {
  error: unknown;
  kind: 'activity' | 'workflow';
  workflowId?: string;
  runId?: string;
  workflowType?: string;
  activityType?: string;
  activityId?: string;
  attempt?: number;
  /** The document scan's ids, when the workflow id names one. */
  documentId?: string;
}

export type ReportFailure = (report: FailureReport) => void;

const documentIdOf = (workflowId: string) => /^document-scan\/(.+)$/.exec(workflowId)?.[1];

/**
 * Transient failures are Temporal's to retry; one report on the third attempt and one per ten after
 * that says "this is not clearing up" without an event per retry during an outage.
 */
export function worthReporting(error: unknown, attempt: number): boolean {
  if (error instanceof CancelledFailure) return false;
  if (error instanceof ApplicationFailure && error.nonRetryable) return true;
  return attempt === 3 || (attempt > 3 && attempt % 10 === 0);
}

export function activityFailureInterceptor(report: ReportFailure): ActivityInterceptorsFactory {
  return (context) => ({
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (error) {
          const { info } = context;
          if (worthReporting(error, info.attempt)) {
            const workflowId = info.workflowExecution?.workflowId;
            report({
              error,
              kind: 'activity',
              workflowId,
              runId: info.workflowExecution?.runId,
              workflowType: info.workflowType,
              activityType: info.activityType,
              activityId: info.activityId,
              attempt: info.attempt,
              documentId: workflowId ? documentIdOf(workflowId) : undefined,
            });
          }
          throw error;
        }
      },
    },
  });
}

/** The worker side of the workflow interceptor's sink. Not called during replay: one report per failure. */
export function errorSinks(report: ReportFailure): InjectedSinks<ErrorSinks> {
  return {
    errors: {
      workflowFailed: {
        fn(info, failure) {
          const error = Object.assign(new Error(failure.message), { name: failure.name, stack: failure.stack });
          report({
            error,
            kind: 'workflow',
            workflowId: info.workflowId,
            runId: info.runId,
            workflowType: info.workflowType,
            documentId: documentIdOf(info.workflowId),
          });
        },
        callDuringReplay: false,
      },
    },
  };
}
