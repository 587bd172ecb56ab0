/**
 * A duplicate bank file: the same statement imported by three processes at the same moment (an
 * operator double-clicking, a cron and a human), then the same entry again inside another file (the
 * day's camt.054, then the camt.053) → the payment is booked once. PostgreSQL (private cluster), since
 * only there can several processes share the database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/open-database.ts';
import { cases, payments } from '../../src/adapters/db/schema.ts';
import { rfReferenceForCase } from '../../src/domain/letters/rf-reference.ts';
import { projectRoot } from '../../src/server/compose.ts';
import { camt053 } from '../support/camt.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';

let server: PrivatePostgres;
let database: Database;
let caseId = '';
let dir = '';

beforeAll(async () => {
  server = await startPrivatePostgres();
  database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 });
  const parties = await insertReachableCase(database.db, { case: { principalCents: 9_000 } });
  caseId = parties.case.id!;
  await database.db.update(cases).set({ rfReference: rfReferenceForCase(caseId) }).where(eq(cases.id, caseId));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-dupbank-'));
  const entry = { amount: '12.34', acctSvcrRef: `DUP-${caseId}`, txs: [{ amount: '12.34', rf: rfReferenceForCase(caseId) }] };
  fs.writeFileSync(path.join(dir, 'releve.xml'), camt053('DUP-1', [{ id: 'S1', entries: [entry] }]));
  // Another file (another message id) carrying the same bank entry.
  fs.writeFileSync(path.join(dir, 'releve-bis.xml'), camt053('DUP-2', [{ id: 'S1', entries: [entry] }]));
}, 120_000);
afterAll(async () => {
  await database?.close();
  server?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function bankImport(file: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/amiable.mjs'), 'bank', 'import', file], {
    cwd: projectRoot, env: { ...process.env, DATABASE_URL: server.url, NODE_ENV: 'test', AMIABLE_PORTAL_URL: 'https://portail.amiable.example' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('a duplicate bank file', () => {
  it('imported by three processes at once, then inside another file: one payment', async () => {
    const runs = await Promise.all([0, 1, 2].map(() => bankImport(path.join(dir, 'releve.xml'))));
    expect(runs.some((r) => r.code === 0 && /imported \(camt\.053/.test(r.output)), runs.map((r) => r.output).join('\n---\n')).toBe(true);
    const again = await bankImport(path.join(dir, 'releve.xml'));
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/already imported, nothing changed/);
    const other = await bankImport(path.join(dir, 'releve-bis.xml'));
    expect(other.code, other.output).toBe(0);
    const rows = await database.db.select().from(payments).where(eq(payments.caseId, caseId));
    expect(rows.map((r) => r.amountCents)).toEqual([1_234]);
    const [kase] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(kase!.paidPrincipalCents + kase!.paidInterestCents + kase!.paidAccessoriesCents).toBe(1_234);
  }, 180_000);
});
