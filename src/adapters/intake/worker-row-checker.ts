/**
 * Row validation in a worker thread (the machine has two cores): the main thread reads the file and
 * writes batches to the database while the worker checks the next batch. The worker runs the same
 * TypeScript sources through tsx, as the main process does (bin/amiable.mjs).
 */
import { Worker } from 'node:worker_threads';
import type { CheckResult, RowChecker } from '../../application/intake/import-portfolio.ts';
import type { SourceRecord } from '../../application/ports/intake.ts';
import type { CivilDate } from '../../domain/time/index.ts';

const workerUrl = new URL('./check-worker.ts', import.meta.url).href;
const bootstrap = `
  const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
  register();
  await import(${JSON.stringify(workerUrl)});
`;

export class WorkerRowChecker implements RowChecker {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (results: CheckResult[]) => void; reject: (error: Error) => void }>();

  constructor() {
    // A data: URL runs the bootstrap as an ES module (top-level await), wherever this file is.
    this.worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`));
    this.worker.on('message', (message: { id: number; results?: CheckResult[]; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (message.error !== undefined) waiter.reject(new Error(`row check failed in the worker: ${message.error}`));
      else waiter.resolve(message.results!);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the row-check worker exited (${code})`)));
    // An idle worker must not keep the process alive; a busy one must (see check).
    this.worker.unref();
  }

  check(records: readonly SourceRecord[], keys: readonly (string | null)[], asOf: CivilDate): Promise<CheckResult[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // While a batch is being checked, the worker holds the event loop: nothing else may, and an
      // unreferenced worker would let the process exit in the middle of an import.
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, records, keys, asOf });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
