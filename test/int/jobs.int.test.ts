/**
 * The job queue (pg-boss) on the embedded database and on PostgreSQL: the same work enqueued twice
 * runs once; a payload is validated; a failing job is retried, then kept as a dead letter with its error,
 * and can be put back.
 */
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossJobRunner } from '../../src/adapters/jobs/pg-boss.job-runner.ts';
import type { JobDefinition } from '../../src/application/jobs/job-definition.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const echo: JobDefinition = {
  name: 'test.echo', version: 1, payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  idempotencyKey: (p) => `echo:${(p as { n: number }).n}`, retry: { limit: 2, delaySeconds: 1, backoff: false }, expireInSeconds: 60,
  description: 'Records n.',
};
const flaky: JobDefinition = {
  name: 'test.flaky', version: 1, payload: Type.Object({ id: Type.String() }),
  idempotencyKey: (p) => (p as { id: string }).id, retry: { limit: 1, delaySeconds: 1, backoff: false }, expireInSeconds: 60,
  description: 'Fails until told otherwise.',
};

let t: TestDatabase;
let runner: PgBossJobRunner;
const seen: number[] = [];
const flakyAttempts: number[] = [];
let flakyShouldFail = true;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  runner = new PgBossJobRunner(t.database, [echo, flaky], { pollingIntervalSeconds: 0.5 });
  await runner.start({ schedules: false });
  await runner.work('test.echo', async (payload) => {
    seen.push((payload as { n: number }).n);
  });
  await runner.work('test.flaky', async (_payload, context) => {
    flakyAttempts.push(context.attempt);
    if (flakyShouldFail) throw new Error(`provider unavailable (attempt ${context.attempt})`);
  });
});
afterAll(async () => {
  await runner?.stop(2_000);
  await t?.destroy();
});

describe('jobs', () => {
  it('runs the same work once however many times it is enqueued', async () => {
    const first = await runner.enqueue('test.echo', { n: 7 });
    const second = await runner.enqueue('test.echo', { n: 7 });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    await runner.enqueue('test.echo', { n: 8 });
    await until(() => seen.includes(7) && seen.includes(8));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(seen.filter((n) => n === 7)).toHaveLength(1);
  });

  it('refuses an invalid payload at enqueue time', async () => {
    await expect(runner.enqueue('test.echo', { n: 'seven' })).rejects.toThrow(/invalid payload at \/n/);
    await expect(runner.enqueue('test.unknown', {})).rejects.toThrow(/Unknown job kind/);
  });

  it('retries a failing job, then keeps it as a dead letter with its error, and can put it back', async () => {
    const id = await runner.enqueue('test.flaky', { id: 'f1' });
    await until(async () => (await runner.deadLetters()).some((d) => d.id === id));
    expect(flakyAttempts).toEqual([1, 2]);
    const [dead] = (await runner.deadLetters()).filter((d) => d.id === id);
    expect(dead).toMatchObject({ name: 'test.flaky', payload: { id: 'f1' }, attempts: 2, error: expect.stringContaining('provider unavailable (attempt 2)') });

    flakyShouldFail = false;
    await runner.retryDead('test.flaky', id!);
    await until(() => flakyAttempts.length === 3);
    await until(async () => !(await runner.deadLetters()).some((d) => d.id === id));
  });
});
