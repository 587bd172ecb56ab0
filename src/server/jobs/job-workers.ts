/**
 * The process model's job half. `startJobWorkers` runs every registered job in this process: the
 * embedded database's one process (`amiable serve`), or each `amiable worker` on PostgreSQL (several
 * may run at once: pg-boss claims jobs with FOR UPDATE SKIP LOCKED). `openJobQueue` is the HTTP-only
 * view of the same queue (enqueue, dead letters) for `amiable serve` on PostgreSQL.
 */
import type { Logger } from 'pino';
import type { Database } from '../../adapters/db/open-database.ts';
import { DrizzleJobScanRepository } from '../../adapters/db/job-scan.repository.ts';
import { PgBossJobRunner } from '../../adapters/jobs/pg-boss.job-runner.ts';
import type { PrometheusMetrics } from '../../adapters/observability/prometheus.metrics.ts';
import type { Config } from '../config.ts';
import { buildMessagingDeps, type MessagingOverrides } from '../messaging.ts';
import type { JobContext, RegisteredJob } from './job-context.ts';
import { jobRegistry } from './registry.ts';

export interface JobWorkersOptions {
  readonly config: Config;
  readonly database: Database;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly metrics?: PrometheusMetrics;
  /** Defaults to the application's registry; tests pass their own jobs. */
  readonly registry?: readonly RegisteredJob[];
  readonly messaging?: MessagingOverrides;
  readonly pollingIntervalSeconds?: number;
  readonly maintenanceIntervalSeconds?: number;
  /** Create the cron schedules (default true). */
  readonly schedules?: boolean;
}

export interface JobWorkers {
  readonly runner: PgBossJobRunner;
  /** Stops fetching, lets running jobs finish up to `timeoutMs`, then releases the rest (failed → retried elsewhere). */
  stop(timeoutMs?: number): Promise<void>;
}

export async function startJobWorkers(options: JobWorkersOptions): Promise<JobWorkers> {
  const registry = options.registry ?? jobRegistry;
  const runner = new PgBossJobRunner(options.database, registry.map((j) => j.definition), {
    logger: options.log, supervise: true,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
  });
  await runner.start({ schedules: options.schedules ?? true });
  const context = buildJobContext(options);
  for (const job of registry) {
    const handler = job.handler(context);
    const name = job.definition.name;
    await runner.work(name, async (payload, meta) => {
      const started = performance.now();
      try {
        const result = await handler(payload, meta);
        options.metrics?.observeJob(name, 'completed', (performance.now() - started) / 1000);
        return result;
      } catch (error) {
        options.metrics?.observeJob(name, 'failed', (performance.now() - started) / 1000);
        options.log.warn({ err: error, job: name, jobId: meta.jobId, attempt: meta.attempt }, 'job failed (it will be retried until its limit, then kept as a dead letter)');
        throw error;
      }
    });
  }
  const timers = registry.filter((j) => j.every && j.every.seconds(options.config) > 0).map((job) => {
    const seconds = job.every!.seconds(options.config);
    const tick = () => {
      const slot = Math.floor(Date.now() / (seconds * 1000));
      runner.enqueue(job.definition.name, job.every!.payload(slot))
        .catch((error: unknown) => options.log.warn({ err: error, job: job.definition.name }, 'could not enqueue periodic job'));
    };
    tick();
    const timer = setInterval(tick, seconds * 1000);
    timer.unref();
    return timer;
  });
  return {
    runner,
    async stop(timeoutMs = 20_000) {
      for (const timer of timers) clearInterval(timer);
      await runner.stop(timeoutMs);
    },
  };
}

/** What handlers are bound to: this process's adapters. */
export function buildJobContext(options: Pick<JobWorkersOptions, 'config' | 'database' | 'log' | 'metrics' | 'messaging'>): JobContext {
  return {
    config: options.config, database: options.database, log: options.log,
    messaging: buildMessagingDeps(options.config, options.database, options.messaging ?? {}),
    scans: new DrizzleJobScanRepository(options.database.db),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
}

/** The queue without workers: enqueue and dead letters, for an HTTP-only process. */
export async function openJobQueue(database: Database, log: Pick<Logger, 'info' | 'warn' | 'error'>, registry: readonly RegisteredJob[] = jobRegistry): Promise<PgBossJobRunner> {
  const runner = new PgBossJobRunner(database, registry.map((j) => j.definition), { logger: log, supervise: false });
  await runner.start({ schedules: false });
  return runner;
}
