/** Background work (DESIGN.md §3.7): use cases enqueue jobs by name; a worker runs them. */
export interface EnqueueOptions {
  /** Run no earlier than this instant. */
  readonly startAfter?: Date;
}

export interface JobQueue {
  /**
   * Enqueues a job of a catalogued kind. The payload is validated against the job's schema; the same
   * idempotency key (derived from the payload by the job's definition) enqueues once: the second call
   * returns null.
   */
  enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<string | null>;
}
