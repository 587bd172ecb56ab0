/** The job of the crash tests: its effect is a row keyed by the job's idempotency key; every run logs an attempt. */
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { RegisteredJob } from '../../../src/server/jobs/job-context.ts';

export const effectJob: RegisteredJob = {
  definition: {
    name: 'test.effect', version: 1, payload: Type.Object({ key: Type.String() }),
    idempotencyKey: (p) => (p as { key: string }).key,
    retry: { limit: 3, delaySeconds: 1, backoff: false },
    // A run that takes longer is presumed dead (its worker was killed) and runs again.
    expireInSeconds: 5,
    description: 'Idempotent: the effect row is keyed by the job key (insert … on conflict do nothing).',
  },
  handler: (ctx) => async (payload, meta) => {
    const { key } = payload as { key: string };
    const db = ctx.database.db;
    await db.execute(sql`insert into resilience_attempts (key, pid, attempt) values (${key}, ${process.pid}, ${meta.attempt})`);
    await db.execute(sql`insert into resilience_effects (key, pid) values (${key}, ${process.pid}) on conflict (key) do nothing`);
    if (process.env.HANG_AFTER_EFFECT === '1') await new Promise(() => {});
    if (process.env.JOB_MS) await new Promise((r) => setTimeout(r, Number(process.env.JOB_MS)));
    return { key };
  },
};

