/**
 * `amiable worker` as a real process: on PostgreSQL it runs the registered jobs (and serves its own
 * metrics); on the embedded database it is refused with a clear message, since `amiable serve` runs the
 * jobs itself (PGlite allows one process).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cases, promises } from '../../src/adapters/db/schema.ts';
import { buildPromise } from '../../src/adapters/db/seed/factories.ts';
import { projectRoot } from '../../src/server/compose.ts';
import { openJobQueue } from '../../src/server/jobs/job-workers.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { freePort } from '../support/spawn-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const kind = inject('testDb').kind;
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

function spawnWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'amiable.mjs'), 'worker'], {
    cwd: projectRoot, env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe(`amiable worker on the ${kind} database`, () => {
  it(kind === 'postgres'
    ? 'runs enqueued jobs, serves its metrics with the token, and stops cleanly on SIGTERM'
    : 'is refused: amiable serve runs the jobs on the embedded database', async () => {
    if (kind === 'embedded') {
      // Without DATABASE_URL the worker has no database it may share.
      const worker = spawnWorker({ ...t.env, DATABASE_URL: '' });
      expect(await worker.exited).toBe(1);
      expect(worker.output()).toContain('`amiable worker` needs PostgreSQL (DATABASE_URL)');
      return;
    }
    const parties = await insertReachableCase(t.database.db, { case: { status: 'promise' } });
    await t.database.db.insert(promises).values(buildPromise(parties.creditor.id!, parties.case.id!, { dueOn: '2027-05-01' }));
    const port = await freePort();
    const token = 'worker-metrics-token-0123456789';
    const worker = spawnWorker({ ...t.env, AMIABLE_WORKER_METRICS_PORT: String(port), METRICS_TOKEN: token, AMIABLE_OUTBOX_INTERVAL_SECONDS: '0' });
    try {
      const started = Date.now();
      while (!worker.output().includes('Amiable worker running')) {
        if (worker.child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`worker did not start:\n${worker.output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const queue = await openJobQueue(t.database, pino({ level: 'silent' }));
      try {
        expect(await queue.enqueue('arrangements.track', { day: '2027-05-20' })).toEqual(expect.any(String));
      } finally {
        await queue.stop(1_000);
      }
      while ((await t.database.db.select().from(cases).where(eq(cases.id, parties.case.id!)))[0]!.status !== 'active') {
        if (Date.now() - started > 60_000) throw new Error(`the worker did not run the job:\n${worker.output()}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
      expect(metrics).toMatch(/^amiable_jobs_total\{job="arrangements\.track",outcome="completed",process="worker"\} 1$/m);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited).toBe(0);
  }, 120_000);
});
