/**
 * Runs inside the workflow sandbox (registered with `interceptors.workflowModules`): when a
 * workflow ends in failure — not a cancellation, and not NEEDS_ATTENTION, which is a waiting state —
 * it tells the worker over the `errors` sink, which reports it (errors.ts).
 */
import { isCancellation, proxySinks, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

export interface ErrorSinks extends Sinks {
  errors: {
    workflowFailed(failure: { name: string; message: string; stack?: string }): void;
  };
}

const { errors } = proxySinks<ErrorSinks>();

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (error) {
          if (!isCancellation(error)) {
            const failure = error instanceof Error ? error : new Error(String(error));
            errors.workflowFailed({ name: failure.name, message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}) });
          }
          throw error;
        }
      },
    },
  ],
});
