/**
 * What a job handler is built from, and the shape of one registry entry: a definition (name, version,
 * payload schema, idempotency key, retry policy, schedule — src/application/jobs/job-definition.ts) and
 * a function binding its handler to the process's adapters.
 */
import type { Logger } from 'pino';
import type { JobDefinition } from '../../application/jobs/job-definition.ts';
import type { MessagingDeps } from '../../application/messaging/messaging-deps.ts';
import type { JobScanRepository } from '../../application/ports/job-scans.ts';
import type { Database } from '../../adapters/db/open-database.ts';
import type { JobHandler } from '../../adapters/jobs/pg-boss.job-runner.ts';
import type { PrometheusMetrics } from '../../adapters/observability/prometheus.metrics.ts';
import type { Config } from '../config.ts';

export interface JobContext {
  readonly config: Config;
  readonly database: Database;
  readonly messaging: MessagingDeps;
  readonly scans: JobScanRepository;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly metrics?: PrometheusMetrics;
}

export interface RegisteredJob {
  readonly definition: JobDefinition;
  /** Binds the handler to this process's adapters; it must be idempotent (see the definition's description). */
  handler(context: JobContext): JobHandler;
  /**
   * Sub-minute periodic work (cron's finest grain is a minute): every `seconds` the worker enqueues the
   * payload of the current time slot; the slot is the idempotency key, so several workers enqueue one job.
   */
  readonly every?: { readonly seconds: (config: Config) => number; readonly payload: (slot: number) => Record<string, unknown> };
}

/** The agency's time zone: daily jobs run on its calendar (and DST) whatever the server's TZ. */
export const agencyTimeZone = 'Europe/Paris';

/** A background job acts as the system, named after the job, in case events and audit rows. */
export const jobActor = (name: string) => ({ kind: 'system' as const, name: `job:${name}` });
