/**
 * `AMIABLE_API_PROCESSES=N` (PostgreSQL only): `amiable serve` runs N API processes on one port with
 * node:cluster, so one host uses its cores (the pages are Node-bound, docs/scale.md). This primary
 * process only supervises: it opens no database and serves nothing.
 *
 * - The first process boots alone (migrations, demo seed, web build), the others once it listens, so
 *   nothing at boot runs twice at once.
 * - A process that dies after it listened is replaced; one that dies before (a bad database URL, a port
 *   in use) stops the whole server with its exit code instead of restarting in a loop.
 * - SIGTERM/SIGINT: each process is told to shut down gracefully (by message: a Ctrl-C also reaches
 *   every process of the terminal's group, and a second signal would make them exit at once); the
 *   primary exits when they all have, with 1 if one failed to shut down cleanly.
 * - `GET /metrics` on any process answers for all of them: the primary sums the processes' registries
 *   (prom-client's AggregatorRegistry) when asked by message.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from 'pino';

export const shutdownMessage = 'amiable:shutdown';
const metricsRequest = 'amiable:metrics-request';
const metricsResponse = 'amiable:metrics-response';
const restartDelayMs = 1_000;

interface MetricsRequest { readonly type: typeof metricsRequest; readonly id: number }
interface MetricsResponse { readonly type: typeof metricsResponse; readonly id: number; readonly text?: string; readonly error?: string }

/** Runs in the primary until every API process has exited; resolves with the exit code. */
export function runApiCluster(processes: number, log: Pick<Logger, 'info' | 'error'>): Promise<number> {
  const aggregator = new AggregatorRegistry();
  let shuttingDown = false;
  let failedShutdown = false;
  const listened = new WeakSet<Worker>();
  let othersStarted = false;

  return new Promise<number>((resolve) => {
    const finishIfDone = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failedShutdown ? 1 : 0);
    };
    const stopAll = (reason: string) => {
      if (shuttingDown) return;
      shuttingDown = true;
      log.info({ reason }, 'API processes: shutting down');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ type: shutdownMessage });
      finishIfDone();
    };

    const fork = (): Worker => {
      const worker = cluster.fork();
      worker.on('message', (message: MetricsRequest) => {
        if (message?.type !== metricsRequest) return;
        aggregator.clusterMetrics().then(
          (text) => worker.send({ type: metricsResponse, id: message.id, text } satisfies MetricsResponse),
          (error: unknown) => worker.send({ type: metricsResponse, id: message.id, error: (error as Error).message } satisfies MetricsResponse),
        );
      });
      return worker;
    };

    cluster.on('listening', (worker) => {
      listened.add(worker);
      log.info({ pid: worker.process.pid }, 'API process listening');
      // The first one has migrated and seeded: start the others.
      if (!othersStarted && !shuttingDown) {
        othersStarted = true;
        for (let i = 1; i < processes; i++) fork();
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      if (shuttingDown) {
        if (code !== 0) failedShutdown = true;
        finishIfDone();
        return;
      }
      if (!listened.has(worker)) {
        log.error({ pid: worker.process.pid, code, signal }, 'API process failed to start: stopping');
        stopAll('a process failed to start');
        failedShutdown = true;
        finishIfDone();
        return;
      }
      log.error({ pid: worker.process.pid, code, signal }, 'API process died: starting another');
      setTimeout(() => { if (!shuttingDown) fork(); }, restartDelayMs).unref();
    });
    process.on('SIGTERM', () => stopAll('SIGTERM'));
    process.on('SIGINT', () => stopAll('SIGINT'));
    fork();
  });
}

/** Matches each metrics answer to its request in this API process. */
let lastRequestId = 0;

/** In an API process of a cluster: the metrics of every process, summed by the primary. */
export function clusterMetricsFromPrimary(timeoutMs = 5_000): Promise<string> {
  const id = ++lastRequestId;
  return new Promise<string>((resolve, reject) => {
    const onMessage = (message: MetricsResponse) => {
      if (message?.type !== metricsResponse || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(`metrics of the API processes: ${message.error ?? 'no answer'}`));
    };
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('metrics of the API processes: the primary did not answer'));
    }, timeoutMs);
    process.on('message', onMessage);
    process.send!({ type: metricsRequest, id } satisfies MetricsRequest);
  });
}

/** In an API process of a cluster: answer the primary's requests with this registry's metrics. */
export function joinClusterMetrics(registry: Registry): void {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

export function isClusterProcess(): boolean {
  return cluster.isWorker;
}
