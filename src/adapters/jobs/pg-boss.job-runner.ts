/**
 * Jobs on pg-boss (STACK_NOTES §4): the queue lives in the database (its own `pgboss` schema), so the
 * embedded and PostgreSQL setups run the same job code. On PGlite pg-boss runs in the one process
 * through a small `executeSql` adapter (pg-boss 10.4.2 is engine-clean on Node 20; its custom `db` must
 * return the rows of every statement of a multi-statement query). On PostgreSQL separate worker
 * processes claim jobs with `FOR UPDATE SKIP LOCKED`.
 *
 * Exactly once, in two layers: a job's id is derived from its idempotency key, so enqueueing the same
 * work twice inserts one job; and every handler is idempotent, so a job that runs again after a crash
 * or a lost lease changes nothing the second time.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import { Value } from 'typebox/value';
import type { Logger } from 'pino';
import type { DeadLetterView, JobAdmin } from '../../application/jobs/dead-letters.ts';
import type { JobDefinition, JobEnvelope } from '../../application/jobs/job-definition.ts';
import type { EnqueueOptions, JobQueue } from '../../application/ports/job-queue.ts';
import type { Database } from '../db/open-database.ts';

export type JobHandler = (payload: unknown, context: { readonly jobId: string; readonly attempt: number }) => Promise<unknown>;

export interface JobRunnerOptions {
  /** Poll interval of workers (pg-boss minimum 0.5 s). */
  readonly pollingIntervalSeconds?: number;
  /** How many jobs of one kind a process runs at once. */
  readonly batchSize?: number;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * Run pg-boss maintenance (expiring runs of dead workers, archiving) and cron scheduling in this
   * process. Worker processes do; an HTTP-only process (which only enqueues and reads dead letters) does not.
   */
  readonly supervise?: boolean;
  /** How often maintenance runs (pg-boss default 120 s): how soon the job of a killed worker is retried after it expires. */
  readonly maintenanceIntervalSeconds?: number;
}

export const jobSchema = 'pgboss';
export const deadLetterSuffix = '__dead';

/**
 * pg-boss 10.4.2 records a job's completion or failure without awaiting it (manager.js `watch` →
 * `this.complete(…)` / `this.fail(…)` unawaited): if the database is unreachable at that moment (a
 * restart, a failover) the rejection is unhandled and Node ends the process. Those two statements are
 * therefore retried here for up to a minute, then given up with a warning: the job stays `active`, expires
 * and runs again, which is harmless because every job is idempotent.
 */
const bossPlans = createRequire(import.meta.url)('pg-boss/src/plans.js') as { completeJobs(schema: string): string; failJobsById(schema: string): string };
const settleCommands = new Set([bossPlans.completeJobs(jobSchema), bossPlans.failJobsById(jobSchema)]);
const settleRetryMs = 60_000;

type Logged = Pick<Logger, 'warn'> | undefined;

function settling(run: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>, log: Logged) {
  return async (text: string, values?: unknown[]) => {
    if (!settleCommands.has(text)) return run(text, values);
    const started = Date.now();
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        return await run(text, values);
      } catch (error) {
        if (Date.now() - started > settleRetryMs) {
          log?.warn({ err: error }, 'could not record a job\'s outcome: it will expire and run again');
          return { rows: [{ count: '0' }] };
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };
}

/** pg-boss's custom database: every statement's rows, on the embedded database too. */
function bossDb(database: Database, log: Logged): PgBoss.Db {
  if (database.driver.kind === 'postgres') {
    const pool = database.driver.pool;
    return { executeSql: settling(async (text, values) => pool.query(text, values) as unknown as { rows: unknown[] }, log) };
  }
  const pglite = database.driver.pglite;
  return {
    executeSql: settling(async (text, values) => {
      if (values && values.length > 0) return pglite.query(text, values);
      const results = await pglite.exec(text);
      return { rows: results.flatMap((r) => r.rows) };
    }, log),
  };
}

/** A UUID derived from the job name and its idempotency key: the same work has the same job id. */
export function jobIdFor(name: string, idempotencyKey: string): string {
  const hex = createHash('sha256').update(`${name}\u0000${idempotencyKey}`).digest('hex');
  // Shaped as a version-8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type DeadLetter = DeadLetterView;

/** Dead letters stay visible in the back office for 30 days before pg-boss archives them. */
const deadLetterRetentionSeconds = 30 * 24 * 3600;

function errorText(output: unknown): string {
  if (output && typeof output === 'object' && 'message' in output) return String((output as { message: unknown }).message);
  return output === null || output === undefined ? '' : JSON.stringify(output);
}

export class PgBossJobRunner implements JobQueue, JobAdmin {
  private readonly boss: PgBoss;
  private readonly db: PgBoss.Db;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly handlers = new Map<string, JobHandler>();
  private started = false;

  constructor(database: Database, definitions: readonly JobDefinition[], private readonly options: JobRunnerOptions = {}) {
    for (const definition of definitions) this.definitions.set(definition.name, definition);
    this.db = bossDb(database, options.logger);
    this.boss = new PgBoss({
      db: this.db,
      schema: jobSchema,
      // Maintenance (expiring dead runs, archiving) runs in whichever worker process gets its turn.
      supervise: options.supervise ?? true,
      migrate: true,
      schedule: options.supervise ?? true,
      archiveFailedAfterSeconds: deadLetterRetentionSeconds,
      ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
    });
    this.boss.on('error', (error) => this.options.logger?.error({ err: error }, 'job queue error'));
  }

  /** Creates the queues (and their dead-letter queues) and, when asked, the periodic schedules. */
  async start(options: { readonly schedules: boolean }): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const definition of this.definitions.values()) {
      const deadLetter = `${definition.name}${deadLetterSuffix}`;
      await this.boss.createQueue(deadLetter, { name: deadLetter, retentionMinutes: 60 * 24 * 30 } as PgBoss.Queue);
      await this.boss.createQueue(definition.name, {
        name: definition.name, policy: 'standard', retryLimit: definition.retry.limit, retryDelay: definition.retry.delaySeconds,
        retryBackoff: definition.retry.backoff, expireInSeconds: definition.expireInSeconds, deadLetter,
      });
      if (options.schedules && definition.schedule) {
        await this.boss.schedule(definition.name, definition.schedule.cron, { v: definition.version, payload: definition.schedule.payload } satisfies JobEnvelope, {
          tz: definition.schedule.timeZone,
          singletonKey: definition.idempotencyKey(definition.schedule.payload),
        });
      }
    }
  }

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string | null> {
    const definition = this.definitionOf(name);
    this.assertValid(definition, payload);
    const envelope: JobEnvelope = { v: definition.version, payload };
    return this.boss.send(name, envelope as object, {
      id: jobIdFor(name, definition.idempotencyKey(payload)),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
  }

  /** Runs jobs of this kind in this process. */
  async work(name: string, handler: JobHandler): Promise<void> {
    const definition = this.definitionOf(name);
    this.handlers.set(name, handler);
    await this.boss.work<JobEnvelope>(name, {
      includeMetadata: true, batchSize: this.options.batchSize ?? 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2,
    }, async (jobs) => {
      for (const job of jobs) {
        const envelope = job.data;
        if (envelope?.v !== definition.version) {
          throw new Error(`${name}: job ${job.id} has payload version ${String(envelope?.v)}, this worker runs version ${definition.version}`);
        }
        this.assertValid(definition, envelope.payload);
        await handler(envelope.payload, { jobId: job.id, attempt: job.retryCount + 1 });
      }
    });
  }

  /** Stops fetching, lets running jobs finish (up to the timeout), then releases the rest for another worker. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await new Promise<void>((resolve) => {
      this.boss.once('stopped', () => resolve());
      void this.boss.stop({ graceful: true, timeout: timeoutMs, close: false, wait: false });
    });
  }

  /** Jobs that used up their retries, newest first, with their last error: the back office's dead-letter view. */
  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const { rows } = await this.db.executeSql(
      `select id, name, data, retry_count, created_on, completed_on, output from ${jobSchema}.job
        where state = 'failed' and name = any($1::text[]) order by completed_on desc nulls last limit $2`,
      [[...this.definitions.keys()], limit],
    );
    return (rows as { id: string; name: string; data: JobEnvelope; retry_count: number; created_on: Date; completed_on: Date | null; output: unknown }[])
      .map((r) => ({
        id: r.id, name: r.name, payload: r.data?.payload, attempts: r.retry_count + 1, createdOn: new Date(r.created_on),
        failedOn: r.completed_on ? new Date(r.completed_on) : null, error: errorText(r.output),
      }));
  }

  /** The kinds this runner knows. */
  get definitionList(): readonly JobDefinition[] {
    return [...this.definitions.values()];
  }

  /** Puts the dead job with this id back in its queue; false when there is none. */
  async retryDeadById(id: string): Promise<boolean> {
    const { rows } = await this.db.executeSql(
      `select name from ${jobSchema}.job where id = $1 and state = 'failed' and name = any($2::text[])`, [id, [...this.definitions.keys()]],
    );
    const name = (rows as { name: string }[])[0]?.name;
    if (!name) return false;
    await this.retryDead(name, id);
    return true;
  }

  /** Puts a dead job back in its queue for another round of attempts. */
  async retryDead(name: string, id: string): Promise<void> {
    this.definitionOf(name);
    await this.boss.retry(name, id);
  }

  private definitionOf(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`Unknown job kind "${name}"`);
    return definition;
  }

  private assertValid(definition: JobDefinition, payload: unknown): void {
    if (!Value.Check(definition.payload, payload)) {
      const first = [...Value.Errors(definition.payload, payload)][0];
      throw new Error(`${definition.name}: invalid payload${first ? ` at ${first.instancePath || '/'}: ${first.message}` : ''}`);
    }
  }
}
