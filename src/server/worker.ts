/**
 * `amiable worker`: runs the background jobs (docs/jobs.md) against PostgreSQL, as many processes as
 * needed (pg-boss claims each job with FOR UPDATE SKIP LOCKED). On the embedded database `amiable serve`
 * runs them itself: PGlite allows one process. Optionally serves `/metrics` and `/healthz` on
 * AMIABLE_WORKER_METRICS_PORT for Prometheus and the orchestrator.
 */
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { pino } from 'pino';
import { openDatabase } from '../adapters/db/open-database.ts';
import { loggerOptions } from '../adapters/http/logger.ts';
import { PrometheusMetrics } from '../adapters/observability/prometheus.metrics.ts';
import { loadConfigOrExplain, type Config } from './config.ts';
import { startJobWorkers } from './jobs/job-workers.ts';
import { onShutdownSignals } from './shutdown.ts';

export async function startWorker(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 1;
  if (!config.databaseUrl) {
    process.stderr.write('amiable: `amiable worker` needs PostgreSQL (DATABASE_URL). On the embedded database `amiable serve` runs the jobs itself (one process only).\n');
    return 1;
  }
  const log = pino(loggerOptions(config.logLevel, config.mode === 'development' && process.stdout.isTTY === true));
  let database;
  try {
    database = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
  } catch (error) {
    process.stderr.write(`amiable: cannot open the database: ${(error as Error).message}\n`);
    return 1;
  }
  const metrics = new PrometheusMetrics({ labels: { process: 'worker' } });
  const workers = await startJobWorkers({ config, database, log, metrics });
  const server = config.workerMetricsPort === null ? null : await serveWorkerMetrics(config, metrics, config.workerMetricsPort);
  const timeoutMs = config.shutdownTimeoutSeconds * 1000;
  onShutdownSignals(log, timeoutMs + 10_000, async () => {
    await Promise.all([workers.stop(timeoutMs), new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))]);
    await database.close();
  });
  const address = server?.address();
  const port = typeof address === 'object' && address ? address.port : null;
  process.stdout.write(`Amiable worker running ${workers.runner.definitionList.length} job kinds on ${database.description}${port !== null ? `; metrics on http://${config.host}:${port}/metrics` : ''}\n`);
  return new Promise<number>(() => {});
}

function serveWorkerMetrics(config: Config, metrics: PrometheusMetrics, port: number): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const url = (request.url ?? '/').split('?')[0];
    if (url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (url !== '/metrics' || request.method !== 'GET') {
      response.writeHead(404).end();
      return;
    }
    const sent = Buffer.from(/^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(config.metricsToken ?? '');
    // The worker has no sessions: without METRICS_TOKEN its metrics are not served at all.
    if (expected.length === 0 || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      response.writeHead(401, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'urn:amiable:problem:unauthenticated', title: 'Authentication required', status: 401, code: 'unauthenticated' }));
      return;
    }
    metrics.render().then((text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text), () => response.writeHead(500).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve(server));
  });
}
