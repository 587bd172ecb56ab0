import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAuditLog, verifyAuditChain } from '../../src/adapters/db/audit-log.repository.ts';
import type { DbExecutor } from '../../src/adapters/db/open-database.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let db: DbExecutor;
beforeAll(async () => {
  t = await createTestDatabase();
  db = t.database.db;
});
afterAll(async () => t?.destroy());

async function appendRows(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await t.database.db.transaction((tx) => new DrizzleAuditLog(tx as unknown as DbExecutor).append({
      at: new Date(Date.UTC(2026, 10, 26, 10, 0, i)), actorKind: 'user', actorId: 'u1', action: 'case.updated', entityType: 'case',
      entityId: `c${i}`, data: { field: 'principal', from: 100 * i, to: 100 * i + 1, nested: { b: 1, a: [1, 'x'] } },
    }));
  }
}

/** Tampering needs the owner's power to disable the append-only trigger: exactly what the chain guards against. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await db.execute(sql`alter table audit_log disable trigger user`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_log enable trigger user`);
  }
}

async function resetLog(): Promise<void> {
  await tamper(sql`delete from audit_log`);
  await db.execute(sql`update audit_head set last_seq = 0, last_hash = repeat('0', 64), row_count = 0`);
}

describe('hash-chained audit log', () => {
  it('verifies an intact chain', async () => {
    await resetLog();
    await appendRows(5);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5 });
  });

  it('refuses updates, deletes and truncation through the database itself', async () => {
    await expect(db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  it('detects a modified row and names it', async () => {
    await resetLog();
    await appendRows(5);
    const [third] = await db.execute(sql`select seq from audit_log order by seq offset 2 limit 1`).then((r) => (r as unknown as { rows: { seq: number }[] }).rows);
    await tamper(sql`update audit_log set data = jsonb_set(data, '{to}', '999999') where seq = ${third!.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: third!.seq, reason: expect.stringMatching(/modified/) });
  });

  it('detects a deleted row in the middle', async () => {
    await resetLog();
    await appendRows(5);
    const rows = (await db.execute(sql`select seq from audit_log order by seq`) as unknown as { rows: { seq: number }[] }).rows;
    await tamper(sql`delete from audit_log where seq = ${rows[1]!.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: rows[2]!.seq, reason: expect.stringMatching(/link/) });
  });

  it('detects deleted rows at the end of the chain', async () => {
    await resetLog();
    await appendRows(4);
    const rows = (await db.execute(sql`select seq from audit_log order by seq`) as unknown as { rows: { seq: number }[] }).rows;
    await tamper(sql`delete from audit_log where seq = ${rows[3]!.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, reason: expect.stringMatching(/deleted at the end/) });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await resetLog();
    await Promise.all(Array.from({ length: 4 }, () => appendRows(5)));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 20 });
  });
});
