/**
 * Exactly once: `amiable import` killed with SIGKILL once its checkpoint has advanced, then run again
 * with the same file and key, ends with every accepted row present once, the right counts, and no
 * case event written twice. On PostgreSQL the test watches the imports table while the CLI runs; on the
 * embedded database only one process may hold the data directory, so it watches the CLI's per-batch
 * progress lines instead (each is printed after its batch has committed) and reopens the data afterwards.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../src/adapters/db/open-database.ts';
import { caseEvents, cases, debtors, importRejects, imports } from '../../src/adapters/db/schema.ts';
import { projectRoot } from '../../src/server/compose.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { insertCreditor, tempDir } from '../support/intake.ts';
import { writeSyntheticPortfolio } from '../support/synthetic-portfolio.ts';

const kind = inject('testDb').kind;
const ROWS = 8_000;
const BAD_EVERY = 97;
const BATCH = 200;
/** Rows imported once beforehand with other amounts, so the killed import updates them (case events). */
const PRE_IMPORTED = 300;

let t: TestDatabase;
let creditorId: string;
const files = tempDir();
let database: Database | null = null;

function reopen(): Promise<Database> {
  const env = t.env;
  return openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 2 } : { kind: 'embedded', dataDir: env.AMIABLE_DATA_DIR! });
}

function runCli(args: string[]) {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'amiable.mjs'), 'import', ...args], {
    cwd: projectRoot, env: { ...process.env, ...t.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await insertCreditor(t.database, 'Exactly Once');
  // The CLI opens the database itself: release this process's handle (and the embedded lock).
  await t.database.close();
});
afterAll(async () => {
  await database?.close();
  files.remove();
  await t?.destroy().catch(() => {});
});

describe(`an import killed mid-way on the ${kind} database`, () => {
  it('resumes from its checkpoint: every accepted row once, counts right, no event twice', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const earlier = files.dir + '/earlier.csv';
    await writeSyntheticPortfolio(earlier, { rows: PRE_IMPORTED, today, badEvery: BAD_EVERY, principalOf: () => 99_999 });
    const first = runCli([earlier, '--creditor', creditorId, '--key', 'earlier', '--json']);
    expect((await first.exited).code, first.stderr()).toBe(0);

    const file = files.dir + '/portfolio.csv';
    await writeSyntheticPortfolio(file, { rows: ROWS, today, badEvery: BAD_EVERY });
    const args = [file, '--creditor', creditorId, '--key', 'nightly-2026-11-26', '--batch-size', String(BATCH), '--json', '--progress'];
    const killed = runCli(args);
    if (kind === 'postgres') {
      const watcher = await reopen();
      try {
        for (;;) {
          const [row] = await watcher.db.select({ checkpoint: imports.checkpointLine }).from(imports).where(and(eq(imports.creditorId, creditorId), eq(imports.idempotencyKey, 'nightly-2026-11-26')));
          if (row && row.checkpoint > 0) break;
          if (killed.child.exitCode !== null) throw new Error(`import ended before it could be killed:\n${killed.stderr()}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        await watcher.close();
      }
    } else {
      while (!/progress: /.test(killed.stderr())) {
        if (killed.child.exitCode !== null) throw new Error(`import ended before it could be killed:\n${killed.stderr()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');

    // Killed mid-way: some batches committed, not all.
    database = await reopen();
    const [interrupted] = await database.db.select().from(imports).where(eq(imports.idempotencyKey, 'nightly-2026-11-26'));
    expect(interrupted!.status).toBe('running');
    expect(interrupted!.checkpointLine).toBeGreaterThan(1);
    expect(interrupted!.rowsSeen).toBeLessThan(ROWS);
    await database.close();
    database = null;

    const rerun = runCli(args);
    expect((await rerun.exited).code, rerun.stderr()).toBe(0);
    const summary = JSON.parse(rerun.stdout()) as { status: string; resumedFromLine: number; counts: Record<string, number> };
    expect(summary.status).toBe('completed');
    expect(summary.resumedFromLine).toBe(interrupted!.checkpointLine);

    database = await reopen();
    const bad = Math.floor(ROWS / BAD_EVERY);
    const accepted = ROWS - bad;
    const preAccepted = PRE_IMPORTED - Math.floor(PRE_IMPORTED / BAD_EVERY);
    expect(summary.counts).toMatchObject({ rowsSeen: ROWS, refused: bad, created: accepted - preAccepted, updated: preAccepted, unchanged: 0 });
    const stored = await database.db.select({ reference: cases.creditorReference }).from(cases).where(eq(cases.creditorId, creditorId));
    expect(stored).toHaveLength(accepted);
    expect(new Set(stored.map((s) => s.reference)).size).toBe(accepted);
    // One debtor per person, one rejected row per bad line; one case.created per stored case and one
    // case.updated per case the earlier import had made, none of them twice across the resume.
    expect(await database.db.select({ id: debtors.id }).from(debtors)).toHaveLength(accepted);
    expect(await database.db.select({ line: importRejects.line }).from(importRejects).where(eq(importRejects.importId, interrupted!.id))).toHaveLength(bad);
    const eventCounts = await queryRows<{ type: string; n: number }>(database.db, sql`select ${caseEvents.type} as type, count(*)::int as n from ${caseEvents}
      where ${caseEvents.creditorId} = ${creditorId} group by ${caseEvents.caseId}, ${caseEvents.type}`);
    const createdEvents = eventCounts.filter((e) => e.type === 'case.created');
    const updatedEvents = eventCounts.filter((e) => e.type === 'case.updated');
    expect(createdEvents).toHaveLength(accepted);
    expect(updatedEvents).toHaveLength(preAccepted);
    expect(eventCounts).toHaveLength(accepted + preAccepted);
    expect(eventCounts.every((e) => Number(e.n) === 1)).toBe(true);
    const points = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from contact_points`);
    expect(Number(points[0]!.n)).toBe(accepted * 3);
  }, 300_000);
});
