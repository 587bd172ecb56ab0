import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { cases, payments } from '../../src/adapters/db/schema.ts';
import { rfReferenceForCase } from '../../src/domain/letters/rf-reference.ts';
import { projectRoot } from '../../src/server/compose.ts';
import { camt053 } from '../support/camt.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let caseId = '';
let file = '';
beforeAll(async () => {
  t = await createTestDatabase();
  const parties = await insertReachableCase(t.database.db, { case: { principalCents: 9_000 } });
  caseId = parties.case.id!;
  await t.database.db.update(cases).set({ rfReference: rfReferenceForCase(caseId) }).where(eq(cases.id, caseId));
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-bank-')), 'releve.xml');
  fs.writeFileSync(file, camt053('CLI-1', [{ id: 'S', entries: [{ amount: '12.34', acctSvcrRef: `CLI-${caseId}`, txs: [{ amount: '12.34', rf: rfReferenceForCase(caseId) }] }] }]));
  // The CLI opens the database itself (the embedded directory admits one process).
  await t.database.close();
});
afterAll(async () => t?.destroy().catch(() => {}));

const cli = () => spawnSync(process.execPath, [path.join(projectRoot, 'bin/amiable.mjs'), 'bank', 'import', file], {
  cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ...t.env, NODE_ENV: 'test', AMIABLE_PORTAL_URL: 'https://portail.amiable.example' },
});

describe('amiable bank import', () => {
  it('imports and books a statement, and changes nothing the second time', async () => {
    const first = cli();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/releve\.xml: imported \(camt\.053, 1 statement\(s\), 1 transaction\(s\): 1 booked/);
    const second = cli();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/already imported, nothing changed/);
    const database = await openDatabase(t.env.DATABASE_URL ? { kind: 'postgres', url: t.env.DATABASE_URL } : { kind: 'embedded', dataDir: t.env.AMIABLE_DATA_DIR! });
    try {
      const rows = await database.db.select().from(payments).where(eq(payments.caseId, caseId));
      expect(rows.map((r) => r.amountCents)).toEqual([1_234]);
    } finally {
      await database.close();
    }
  }, 180_000); // two CLI processes each opening the embedded database: slow on a loaded machine
});
