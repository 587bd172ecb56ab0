/**
 * Workers on PostgreSQL: a worker killed (SIGKILL) in the middle of a job → the job runs again once it
 * expires, and its effect happens once; several worker processes at once and duplicate enqueues (a
 * client retrying, a webhook delivered twice) → each job runs once; SIGTERM lets a running job finish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/open-database.ts';
import { PgBossJobRunner } from '../../src/adapters/jobs/pg-boss.job-runner.ts';
import { projectRoot } from '../../src/server/compose.ts';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';
import { effectJob } from './support/crash-worker-job.ts';

let server: PrivatePostgres;
let database: Database;
let queue: PgBossJobRunner;
let sql: pg.Pool;
const children: ChildProcess[] = [];

interface Worker { readonly child: ChildProcess; readonly exited: Promise<number | null>; output(): string }

function spawnWorker(env: Record<string, string>): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/resilience/support/crash-worker.ts')], {
    cwd: projectRoot, env: { ...process.env, DATABASE_URL: server.url, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) {
        clearTimeout(timer);
        resolve({ child, exited, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`worker exited ${code}:\n${output}`)));
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = async (query: string, values: unknown[] = []) => Number((await sql.query<{ n: string }>(query, values)).rows[0]!.n);

beforeAll(async () => {
  server = await startPrivatePostgres();
  database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 4 });
  sql = new pg.Pool({ connectionString: server.url, max: 2 });
  await sql.query('create table resilience_effects (key text primary key, pid int not null)');
  await sql.query('create table resilience_attempts (key text not null, pid int not null, attempt int not null, at timestamptz not null default now())');
  queue = new PgBossJobRunner(database, [effectJob.definition], { supervise: false, logger: pino({ level: 'silent' }) });
  await queue.start({ schedules: false });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await queue?.stop(1_000);
  await sql?.end();
  await database?.close();
  server?.destroy();
});

describe('a worker killed mid-job', () => {
  it('the job runs again after it expires, in another worker, and its effect happens once', async () => {
    const doomed = await spawnWorker({ HANG_AFTER_EFFECT: '1' });
    const id = await queue.enqueue('test.effect', { key: 'crash-1' });
    expect(id).toEqual(expect.any(String));
    await until(async () => (await count("select count(*) n from resilience_attempts where key = 'crash-1'")) === 1);
    // Killed without warning, its job still marked active.
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect(await count("select count(*) n from pgboss.job where id = $1 and state = 'active'", [id])).toBe(1);

    const survivor = await spawnWorker({});
    await until(async () => (await count("select count(*) n from pgboss.job where id = $1 and state = 'completed'", [id])) === 1);
    const attempts = (await sql.query<{ pid: number; attempt: number }>("select pid, attempt from resilience_attempts where key = 'crash-1' order by at")).rows;
    expect(attempts.map((a) => a.pid)).toEqual([doomed.child.pid, survivor.child.pid]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(await count("select count(*) n from resilience_effects where key = 'crash-1'")).toBe(1);
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
  }, 120_000);
});

describe('several workers, duplicate deliveries', () => {
  it('runs each job once across two worker processes, however many times it is enqueued', async () => {
    const workers = await Promise.all([spawnWorker({ JOB_MS: '20' }), spawnWorker({ JOB_MS: '20' })]);
    const keys = Array.from({ length: 40 }, (_, i) => `dup-${i}`);
    // Every key enqueued three times, concurrently: the first by "the webhook", then its two redeliveries.
    const ids = await Promise.all(keys.flatMap((key) => [0, 1, 2].map(() => queue.enqueue('test.effect', { key }))));
    expect(ids.filter((id) => id !== null)).toHaveLength(keys.length);
    await until(async () => (await count("select count(*) n from pgboss.job where name = 'test.effect' and state = 'completed' and data->'payload'->>'key' like 'dup-%'")) === keys.length);
    expect(await count("select count(*) n from resilience_attempts where key like 'dup-%'")).toBe(keys.length);
    expect(await count("select count(*) n from resilience_effects where key like 'dup-%'")).toBe(keys.length);
    // Both processes took work: claims were shared, not serialised through one.
    const byPid = (await sql.query<{ pid: number }>("select distinct pid from resilience_attempts where key like 'dup-%'")).rows.map((r) => r.pid);
    expect(byPid.sort()).toEqual(workers.map((w) => w.child.pid).sort());
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
  }, 120_000);
});

describe('graceful stop of a worker', () => {
  it('on SIGTERM, a running job finishes before the process exits; nothing is left active', async () => {
    const worker = await spawnWorker({ JOB_MS: '1500' });
    const id = await queue.enqueue('test.effect', { key: 'graceful-1' });
    await until(async () => (await count("select count(*) n from resilience_attempts where key = 'graceful-1'")) === 1);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await count("select count(*) n from pgboss.job where id = $1 and state = 'completed'", [id])).toBe(1);
    expect(await count("select count(*) n from resilience_effects where key = 'graceful-1'")).toBe(1);
  }, 60_000);
});
