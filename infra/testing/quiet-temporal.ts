// Keeps the Temporal SDK's per-worker INFO lines ("Worker state changed ...") out of the test log,
// where they buried the results; warnings and errors still show. Each test file runs in its own
// process, so this installs the runtime before any test creates a worker or a client.
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process: its logger stays.
}
