/**
 * Staging a bank file writes each transaction once, already matched by RF reference (the rule of
 * `matchByRfReference`, applied as the rows are inserted), and skips, as a whole, every entry that
 * another import brought — while the entries of the file itself, sent in several statements, all land.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CamtReader } from '../../src/adapters/payments/camt.reader.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { bankImports, bankTransactions, cases } from '../../src/adapters/db/schema.ts';
import type { MessagingDeps } from '../../src/application/messaging/messaging-deps.ts';
import { importBankStatement, matchImport, stageBankFile } from '../../src/application/payments/import-bank-statement.ts';
import { rfReferenceForCase } from '../../src/domain/letters/rf-reference.ts';
import { loadConfig } from '../../src/server/config.ts';
import { buildMessagingDeps } from '../../src/server/messaging.ts';
import { camt053, camt054 } from '../support/camt.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { TestClock } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let deps: MessagingDeps;
const reader = new CamtReader();
const clock = new TestClock(new Date('2027-03-05T10:00:00Z'));
const system = { kind: 'system', name: 'bank-import' } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: t.env.AMIABLE_DATA_DIR ?? '/tmp/amiable-bank-staging-test', AMIABLE_PORTAL_URL: 'https://portail.amiable.example' });
  deps = buildMessagingDeps(config, t.database, { clock });
});
afterAll(async () => t?.destroy());

async function stage(fileName: string, xml: string) {
  const content = Buffer.from(xml);
  const staged = await stageBankFile(deps, system, { fileName, sha256: createHash('sha256').update(content).digest('hex'), parsed: reader.read(content) });
  return staged!;
}

const rowsOf = (importId: string) => t.database.db.select().from(bankTransactions).where(eq(bankTransactions.importId, importId)).orderBy(bankTransactions.entryKey);

describe('staging a bank file', () => {
  it('writes the RF match with each transaction, only where matching by RF reference would', async () => {
    const parties = await insertReachableCase(t.database.db, { case: { principalCents: 9_000 } });
    const caseId = parties.case.id!;
    const rf = rfReferenceForCase(caseId);
    await t.database.db.update(cases).set({ rfReference: rf }).where(eq(cases.id, caseId));
    const unknownRf = rfReferenceForCase('01900000-0000-7000-8000-00000000dead');
    const staged = await stage('rf.xml', camt053(`RF-${caseId}`, [{ id: 'S1', entries: [
      { amount: '20.00', acctSvcrRef: `RF-${caseId}-credit`, txs: [{ amount: '20.00', rf, payerName: 'CAMILLE LEFEVRE' }] },
      { amount: '20.00', acctSvcrRef: `RF-${caseId}-unknown`, txs: [{ amount: '20.00', rf: unknownRf }] },
      { amount: '20.00', currency: 'CHF', acctSvcrRef: `RF-${caseId}-chf`, txs: [{ amount: '20.00', rf }] },
      { amount: '20.00', status: 'PDNG', acctSvcrRef: `RF-${caseId}-pending`, txs: [{ amount: '20.00', rf }] },
      { amount: '20.00', direction: 'DBIT', acctSvcrRef: `RF-${caseId}-debit`, txs: [{ amount: '20.00', rf }] },
      { amount: '20.00', direction: 'DBIT', acctSvcrRef: `RF-${caseId}-return`, txs: [{ amount: '20.00', rf, returnReason: 'AC04', endToEndId: `E2E-${caseId}` }] },
    ] }]));
    const matched = (await rowsOf(staged.importId)).map((r) => ({ ref: r.accountServicerRef?.split('-').at(-1), caseId: r.caseId, creditorId: r.creditorId, method: r.matchMethod, confidence: r.confidence }))
      .sort((x, y) => String(x.ref).localeCompare(String(y.ref)));
    const none = { caseId: null, creditorId: null, method: null, confidence: null };
    expect(matched).toEqual([
      { ref: 'chf', ...none },
      { ref: 'credit', caseId, creditorId: parties.creditor.id, method: 'rf_reference', confidence: 100 },
      { ref: 'debit', ...none },
      { ref: 'pending', ...none },
      { ref: 'return', ...none },
      { ref: 'unknown', ...none },
    ]);
    // The matching pass finds nothing left to match by RF reference.
    expect(await matchImport(deps, staged.importId)).toMatchObject({ byRf: 0 });
  });

  it('skips, as a whole, an entry another import brought, and keeps every transaction of an entry sent in several statements', async () => {
    const tag = createHash('sha256').update(String(Date.now())).digest('hex').slice(0, 8);
    const notification = await stage('avis.xml', camt054(`NTF-${tag}`, [{ id: 'N1', entries: [
      { amount: '30.00', acctSvcrRef: `BATCH-${tag}`, batched: true, txs: [{ amount: '10.00', payerName: 'A' }, { amount: '20.00', payerName: 'B' }] },
    ] }]));
    expect(notification.duplicates).toBe(0);
    // The statement brings the same entry with a third transaction (a new entry key, a known entry) and a new entry.
    const statement = await stage('releve.xml', camt053(`STMT-${tag}`, [{ id: 'S1', entries: [
      { amount: '35.00', acctSvcrRef: `BATCH-${tag}`, batched: true, txs: [{ amount: '10.00', payerName: 'A' }, { amount: '20.00', payerName: 'B' }, { amount: '5.00', payerName: 'C' }] },
      { amount: '7.00', acctSvcrRef: `NEW-${tag}`, txs: [{ amount: '7.00', payerName: 'D' }] },
    ] }]));
    expect(statement.duplicates).toBe(3);
    expect((await rowsOf(statement.importId)).map((r) => r.amountCents)).toEqual([700]);

    // One entry of 10,005 transactions is staged in three chunks (5,000 rows each at most): all land.
    const many = Array.from({ length: 10_005 }, (_, i) => ({ amount: '1.00', payerName: `P${i}` }));
    const large = await stage('lot.xml', camt053(`LOT-${tag}`, [{ id: 'S1', entries: [{ amount: '10005.00', acctSvcrRef: `LOT-${tag}`, batched: true, txs: many }] }]));
    expect(large.duplicates).toBe(0);
    expect(await rowsOf(large.importId)).toHaveLength(10_005);
  });

  // importBankStatement stages while it reads: the reader hands over each slice of the file (1 MiB), the
  // rows go to the database in chunks of 5,000 as they come. A file of 6,000 entries (3.5 MiB) is thus
  // staged over several slices and two chunks.
  const bigFile = (tag: string, unreadableAt: number | null) => camt053(`BIG-${tag}`, [{ id: 'S1', entries: Array.from({ length: 6_000 }, (_, i) => ({
    amount: '1.00', currency: i === unreadableAt ? 'euro' : 'EUR', acctSvcrRef: `BIG-${tag}-${String(i)}`, txs: [{ amount: '1.00', ustrd: `virement ${String(i)} ${'x'.repeat(300)}` }],
  })) }]);

  it('stages a file read in slices once, every transaction; the same entries in another file are skipped', async () => {
    const tag = newId().slice(-8);
    const xml = bigFile(tag, null);
    expect(xml.length).toBeGreaterThan(3 << 20);
    const deps2 = { ...deps, reader };
    const first = await importBankStatement(deps2, system, { fileName: 'big.xml', content: Buffer.from(xml) });
    expect(first.import).toMatchObject({ transactionCount: 6_000, duplicateCount: 0, unmatchedCount: 6_000, statementCount: 1, format: 'camt.053', messageId: `BIG-${tag}` });
    const rows = await rowsOf(first.import.id);
    expect(new Set(rows.map((r) => r.accountServicerRef)).size).toBe(6_000);
    // Another file bringing the same entries: all known, none staged.
    const again = await importBankStatement(deps2, system, { fileName: 'big-again.xml', content: Buffer.from(xml.replace(`BIG-${tag}</MsgId>`, `BIG-${tag}-2</MsgId>`)) });
    expect(again.alreadyImported).toBe(false);
    expect(again.import).toMatchObject({ transactionCount: 6_000, duplicateCount: 6_000 });
    expect(await rowsOf(again.import.id)).toEqual([]);
  });

  it('stages nothing from a file that turns out unreadable after the first chunks were staged', async () => {
    const tag = newId().slice(-8);
    const broken = Buffer.from(bigFile(tag, 5_900));
    await expect(importBankStatement({ ...deps, reader }, system, { fileName: 'broken.xml', content: broken })).rejects.toMatchObject({ code: 'validation_failed' });
    const sha = createHash('sha256').update(broken).digest('hex');
    expect(await t.database.db.select().from(bankImports).where(eq(bankImports.fileSha256, sha))).toEqual([]);
    expect(await t.database.db.select({ id: bankTransactions.id }).from(bankTransactions).where(eq(bankTransactions.accountServicerRef, `BIG-${tag}-0`))).toEqual([]);
  });
});

describe('a bank transaction names an existing import (statement triggers, migration 0014)', () => {
  const row = (importId: string) => ({
    id: newId(), importId, entryKey: `REF-${newId()}|0`, entryIdentity: `REF-${newId()}`, account: 'FR76', direction: 'credit' as const, amountText: '1.00', currency: 'EUR',
  });
  const failure = async (work: () => Promise<unknown>) => {
    try {
      await work();
      return null;
    } catch (error) {
      return ((error as { cause?: unknown }).cause ?? error) as { code?: string };
    }
  };

  it('refuses a transaction of no import, and an import deleted while a transaction names it', async () => {
    expect(await failure(() => t.database.db.insert(bankTransactions).values(row(newId())))).toMatchObject({ code: '23503' });
    const staged = await stage('ref.xml', camt053(`REF-${newId()}`, [{ id: 'S', entries: [{ amount: '1.00', acctSvcrRef: `REF-${newId()}`, txs: [] }] }]));
    expect(await failure(() => t.database.db.delete(bankImports).where(eq(bankImports.id, staged.importId)))).toMatchObject({ code: '23503' });
    expect(await failure(() => t.database.db.update(bankTransactions).set({ importId: newId() }).where(eq(bankTransactions.importId, staged.importId)))).toMatchObject({ code: '23503' });
    expect(await rowsOf(staged.importId)).toHaveLength(1);
  });
});
