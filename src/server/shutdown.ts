/**
 * Graceful shutdown on SIGTERM (orchestrators) and SIGINT (Ctrl-C): the steps run once, in order; if
 * they take longer than the deadline the process exits anyway with status 1 (a stuck request must not
 * keep a rolling deploy waiting forever), and a second signal exits at once.
 */
import type { Logger } from 'pino';
import { shutdownMessage } from './api-cluster.ts';

export function onShutdownSignals(log: Pick<Logger, 'info' | 'error'>, deadlineMs: number, steps: () => Promise<void>): void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log.error({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    shuttingDown = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests and jobs');
    const deadline = setTimeout(() => {
      log.error({ deadlineMs }, 'shutdown took too long: exiting');
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    steps().then(() => {
      log.info('shut down cleanly');
      process.exit(0);
    }, (error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  // An API process of a cluster (api-cluster.ts) is told by its primary; a Ctrl-C may also have reached
  // it directly, so the message never counts as a second signal.
  process.on('message', (message: { type?: unknown } | null) => {
    if (message?.type === shutdownMessage && !shuttingDown) handler('SIGTERM');
  });
}
