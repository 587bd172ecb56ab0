/**
 * A job kind (DESIGN.md §3.7): a name, a version, a validated payload, an idempotency key, a retry
 * policy and, for periodic work, a schedule. Handlers are plain use-case calls bound by the composition
 * root; every handler must be idempotent (a job may run again after a crash), which each job's
 * documentation says how it achieves.
 */
import type { TSchema } from 'typebox';

export interface RetryPolicy {
  /** Attempts after the first one. */
  readonly limit: number;
  /** Delay before the first retry; doubled at each retry when `backoff` (pg-boss exponential backoff). */
  readonly delaySeconds: number;
  readonly backoff: boolean;
}

export interface JobDefinition {
  readonly name: string;
  /** Bumped when the payload shape changes: a worker refuses payloads of another version. */
  readonly version: number;
  readonly payload: TSchema;
  /** Same key, same job: a second enqueue is ignored while the first is known. */
  idempotencyKey(payload: unknown): string;
  readonly retry: RetryPolicy;
  /** A run taking longer is considered dead and retried. */
  readonly expireInSeconds: number;
  /** Periodic work: cron in the agency's time zone, with the payload of each run. */
  readonly schedule?: { readonly cron: string; readonly timeZone: string; readonly payload: Readonly<Record<string, unknown>> };
  /** What it does and why running it twice is harmless. */
  readonly description: string;
}

/** The envelope stored with each job: the payload and the version it was written for. */
export interface JobEnvelope {
  readonly v: number;
  readonly payload: unknown;
}
