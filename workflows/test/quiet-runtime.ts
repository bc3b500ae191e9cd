/**
 * Imported first by workflow tests: keeps the SDK's own logging at WARN so a
 * test run shows test results, not worker state changes. The Temporal runtime
 * is per process; a second install in the same process is a no-op.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this process
}
