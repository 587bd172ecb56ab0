import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAuditLog } from '../../src/adapters/db/audit-log.repository.ts';
import { queryRows, type DbExecutor } from '../../src/adapters/db/open-database.ts';
import { projectRoot } from '../../src/server/compose.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let tamperedSeq = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.database.db;
  for (let i = 0; i < 3; i++) {
    await db.transaction((tx) => new DrizzleAuditLog(tx as unknown as DbExecutor).append({
      at: new Date(Date.UTC(2026, 10, 26, 9, i)), actorKind: 'system', actorId: 'test', action: 'case.updated', entityType: 'case', entityId: `c${i}`, data: { i },
    }));
  }
  const rows = await queryRows<{ seq: number }>(db, sql`select seq from audit_log order by seq`);
  tamperedSeq = rows[1]!.seq;
  await db.execute(sql`alter table audit_log disable trigger user`);
  await db.execute(sql`update audit_log set action = 'case.viewed' where seq = ${tamperedSeq}`);
  await db.execute(sql`alter table audit_log enable trigger user`);
  // The CLI opens the database itself (the embedded directory admits one process).
  await t.database.close();
});
afterAll(async () => t?.destroy().catch(() => {}));

describe('amiable audit verify', () => {
  it('names the first broken row and exits non-zero', () => {
    const run = spawnSync(process.execPath, [path.join(projectRoot, 'bin/amiable.mjs'), 'audit', 'verify', '--json'], {
      cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ...t.env },
    });
    expect(run.status).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, brokenAtSeq: tamperedSeq, reason: expect.stringMatching(/modified/) });
  });
});
