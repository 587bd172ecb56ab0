/**
 * The back office's dead-letter view: jobs that used up their retries, with their last error, and
 * putting one back in its queue once the cause is fixed (a provider outage over, a configuration set).
 * Putting a job back is safe because every job is idempotent (docs/jobs.md).
 */
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';

export interface DeadLetterView {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly createdOn: Date;
  readonly failedOn: Date | null;
  readonly error: string;
}

/** The job queue as the back office sees it (implemented by the pg-boss runner). */
export interface JobAdmin {
  deadLetters(limit: number): Promise<DeadLetterView[]>;
  /** Puts a dead job back in its queue; false when no dead job has this id. */
  retryDeadById(id: string): Promise<boolean>;
}

const canManageJobs = (actor: Actor) => actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'manager'));

export async function listDeadLetters(jobs: JobAdmin, actor: Actor, limit = 100): Promise<DeadLetterView[]> {
  if (!canManageJobs(actor)) throw new AppError('forbidden', 'Only administrators and managers see the job queue');
  return jobs.deadLetters(limit);
}

export async function retryDeadLetter(jobs: JobAdmin, actor: Actor, id: string): Promise<void> {
  if (!canManageJobs(actor)) throw new AppError('forbidden', 'Only administrators and managers retry jobs');
  if (!(await jobs.retryDeadById(id))) throw notFound('Dead job');
}
