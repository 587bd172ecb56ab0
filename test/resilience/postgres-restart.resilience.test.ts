/**
 * PostgreSQL restarted mid-run (a private cluster, `pg_ctl restart -m fast`: every connection is cut):
 * the running server reconnects by itself — readiness comes back, sessions and data committed before
 * the restart are there, new writes succeed — and jobs in flight are neither lost nor done twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/open-database.ts';
import { projectRoot } from '../../src/server/compose.ts';
import { loadConfig } from '../../src/server/config.ts';
import { startJobWorkers, type JobWorkers } from '../../src/server/jobs/job-workers.ts';
import { freePort, spawnServer, waitForOk, type ServerProcess } from '../support/spawn-server.ts';
import { effectJob } from './support/crash-worker-job.ts';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';

let server: PrivatePostgres;
let app: ServerProcess;
let database: Database;
let workers: JobWorkers;
let sql: pg.Pool;

async function until(condition: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!(await condition().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  server = await startPrivatePostgres();
  app = spawnServer({ DATABASE_URL: server.url, AMIABLE_WORKERS: 'inline', AMIABLE_OUTBOX_INTERVAL_SECONDS: '5' }, await freePort());
  await waitForOk(`${app.url}/readyz`, 90_000, app);
  database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 4 });
  sql = new pg.Pool({ connectionString: server.url, max: 2 });
  sql.on('error', () => {});
  await sql.query('create table resilience_effects (key text primary key, pid int not null)');
  await sql.query('create table resilience_attempts (key text not null, pid int not null, attempt int not null, at timestamptz not null default now())');
  process.env.JOB_MS = '150';
  workers = await startJobWorkers({
    config: loadConfig({ NODE_ENV: 'test', AMIABLE_OUTBOX_INTERVAL_SECONDS: '0' }), database, log: pino({ level: 'silent' }),
    registry: [effectJob], schedules: false, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1,
  });
}, 180_000);
afterAll(async () => {
  delete process.env.JOB_MS;
  await workers?.stop(2_000).catch(() => {});
  await app?.stop();
  await sql?.end().catch(() => {});
  await database?.close().catch(() => {});
  server?.destroy();
});

async function logIn(): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${app.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'manager@demo.amiable.fr', password: 'demo-manager-2026' }),
  });
  expect(response.status).toBe(200);
  const body = await response.json() as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

async function importFile(session: { cookie: string; csrf: string }, creditorId: string, key: string, content: string) {
  const response = await fetch(`${app.url}/api/v1/imports?creditorId=${creditorId}&fileName=${key}.csv`, {
    method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'text/csv', 'idempotency-key': key }, body: content,
  });
  expect([200, 202]).toContain(response.status);
  const { id } = await response.json() as { id: string };
  await until(async () => {
    const state = await (await fetch(`${app.url}/api/v1/imports/${id}`, { headers: { cookie: session.cookie } })).json() as { status: string };
    return state.status === 'completed';
  });
  return id;
}

describe('PostgreSQL restarted while the application runs', () => {
  it('the server reconnects and keeps its data; jobs in flight all run, each effect once', async () => {
    const session = await logIn();
    const creditors = await (await fetch(`${app.url}/api/v1/creditors`, { headers: { cookie: session.cookie } })).json() as { items: { id: string }[] };
    const creditorId = creditors.items[0]!.id;
    const sample = fs.readFileSync(path.join(projectRoot, 'docs/samples/portfolio-sample.csv'), 'utf8');
    const before = await importFile(session, creditorId, 'before-restart', sample);
    const casesBefore = Number((await sql.query<{ n: string }>('select count(*) n from cases')).rows[0]!.n);

    // Jobs running while the database goes away.
    const keys = Array.from({ length: 30 }, (_, i) => `restart-${i}`);
    for (const key of keys) await workers.runner.enqueue('test.effect', { key });
    await until(async () => Number((await sql.query<{ n: string }>('select count(*) n from resilience_effects')).rows[0]!.n) >= 5);

    server.restart();

    // Readiness comes back without restarting the application.
    await until(async () => (await fetch(`${app.url}/readyz`)).status === 200);
    expect(app.child.exitCode).toBeNull();
    // The session made before the restart is still valid; the import and its cases are there.
    const again = await fetch(`${app.url}/api/v1/auth/session`, { headers: { cookie: session.cookie } });
    expect(again.status).toBe(200);
    const record = await (await fetch(`${app.url}/api/v1/imports/${before}`, { headers: { cookie: session.cookie } })).json() as { status: string; counts: { created: number } };
    expect(record.status).toBe('completed');
    expect(Number((await sql.query<{ n: string }>('select count(*) n from cases')).rows[0]!.n)).toBe(casesBefore);
    // New writes go through.
    const after = await importFile(session, creditorId, 'after-restart', sample.replace(/HT-2026-/g, 'HT-2027-'));
    expect(after).not.toBe(before);
    expect(Number((await sql.query<{ n: string }>('select count(*) n from cases')).rows[0]!.n)).toBeGreaterThan(casesBefore);

    // Every job enqueued before the restart ran to completion, and each effect happened once.
    await until(async () => Number((await sql.query<{ n: string }>("select count(*) n from pgboss.job where name = 'test.effect' and state = 'completed'")).rows[0]!.n) === keys.length);
    const effects = (await sql.query<{ key: string }>('select key from resilience_effects order by key')).rows.map((r) => r.key);
    expect(effects).toEqual([...keys].sort());
  }, 240_000);
});
