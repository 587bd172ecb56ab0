import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CamtReader } from '../../src/adapters/payments/camt.reader.ts';
import { bankTransactions, caseEvents, cases, certificates, contactPoints, outbox, payments, promises } from '../../src/adapters/db/schema.ts';
import { buildPromise } from '../../src/adapters/db/seed/factories.ts';
import { AppError } from '../../src/application/errors.ts';
import type { MessagingDeps } from '../../src/application/messaging/messaging-deps.ts';
import { bookPayment } from '../../src/application/payments/book-payment.ts';
import { importBankStatement, resolveBankTransaction } from '../../src/application/payments/import-bank-statement.ts';
import { reversePayment } from '../../src/application/payments/reverse-payment.ts';
import { rfReferenceForCase } from '../../src/domain/letters/rf-reference.ts';
import { loadConfig } from '../../src/server/config.ts';
import { buildMessagingDeps } from '../../src/server/messaging.ts';
import { camt053, camt054, insertPendingReminder, insertPostedFirstLetter } from '../support/camt.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { TestClock } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let deps: MessagingDeps & { reader: CamtReader };
const clock = new TestClock(new Date('2027-03-05T10:00:00Z'));
const agent = { kind: 'user', userId: '01900000-0000-7000-8000-000000000001', role: 'agent', creditorId: null, teamId: null } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: t.env.AMIABLE_DATA_DIR ?? '/tmp/amiable-payments-test', AMIABLE_PORTAL_URL: 'https://portail.amiable.example' });
  deps = { ...buildMessagingDeps(config, t.database, { clock }), reader: new CamtReader() };
});
afterAll(async () => t?.destroy());

async function reachable(overrides: { principalCents?: number; interestCents?: number; status?: 'active' | 'promise' | 'plan'; lastName?: string; firstName?: string } = {}) {
  const parties = await insertReachableCase(t.database.db, { case: { principalCents: overrides.principalCents ?? 12_345, interestCents: overrides.interestCents ?? 0, status: overrides.status ?? 'active' } });
  const caseId = parties.case.id!;
  const rf = rfReferenceForCase(caseId);
  await t.database.db.update(cases).set({ rfReference: rf }).where(eq(cases.id, caseId));
  const c = { caseId, creditorId: parties.creditor.id!, rf, debtorId: parties.debtor.id! };
  await insertPostedFirstLetter(t.database.db, c);
  return c;
}

const caseRow = async (caseId: string) => (await t.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!;
const paymentsOf = (caseId: string) => t.database.db.select().from(payments).where(eq(payments.caseId, caseId));
const eventsOf = async (caseId: string) => (await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => e.type);

describe('booking a payment', () => {
  it('allocates interest first, stores where each cent went, queues a receipt and cancels pending reminders at once', async () => {
    const c = await reachable({ principalCents: 10_000, interestCents: 1_500 });
    const reminderId = await insertPendingReminder(t.database.db, c);
    const result = await bookPayment(deps, agent, { caseId: c.caseId, amountCents: 4_000, valueDate: '2027-03-05', method: 'cheque', source: 'agent', externalRef: 'CHQ-1' });
    expect(result).toMatchObject({ created: true, warnings: [] });
    expect(result.payment.allocation).toEqual({
      applications: [{ itemId: c.caseId, component: 'interest', amount: 1_500 }, { itemId: c.caseId, component: 'principal', amount: 2_500 }],
      unappliedCents: 0, balanceAfterCents: 7_500,
    });
    const row = await caseRow(c.caseId);
    expect([row.paidInterestCents, row.paidPrincipalCents, row.lastPaymentDate]).toEqual([1_500, 2_500, '2027-03-05']);
    expect(result.cancelledMessages).toEqual([reminderId]);
    const [cancelled] = await t.database.db.select().from(outbox).where(eq(outbox.id, reminderId));
    expect(cancelled?.status).toBe('cancelled');
    const [receipt] = await t.database.db.select().from(outbox).where(eq(outbox.id, result.receiptId!));
    expect(receipt).toMatchObject({ template: 'payment-receipt', channel: 'letter', purpose: 'information', status: 'pending' });
    expect(await eventsOf(c.caseId)).toEqual(expect.arrayContaining(['payment.received', 'messages.cancelled', 'message.enqueued']));

    // The same cheque reported again books nothing more.
    const again = await bookPayment(deps, agent, { caseId: c.caseId, amountCents: 4_000, valueDate: '2027-03-05', method: 'cheque', source: 'agent', externalRef: 'CHQ-1' });
    expect(again).toMatchObject({ created: false, payment: { id: result.payment.id } });
    expect(await paymentsOf(c.caseId)).toHaveLength(1);
  });

  it('books the payment of a debtor with no address and says in the history why no receipt went out', async () => {
    const c = await reachable({ principalCents: 10_000 });
    await t.database.db.delete(contactPoints).where(eq(contactPoints.debtorId, c.debtorId));
    const result = await bookPayment(deps, agent, { caseId: c.caseId, amountCents: 1_000, valueDate: '2027-03-05', method: 'transfer', source: 'agent', externalRef: null });
    expect(result).toMatchObject({ created: true, receiptId: null, warnings: ['receipt: The debtor has no usable e-mail address'] });
    expect(await paymentsOf(c.caseId)).toHaveLength(1);
    const notQueued = await t.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.caseId), eq(caseEvents.type, 'receipt.not_queued')));
    expect(notQueued.map((e) => e.data)).toEqual([{ paymentId: result.payment.id, reason: 'The debtor has no usable e-mail address' }]);
    expect(await t.database.db.select().from(outbox).where(and(eq(outbox.caseId, c.caseId), eq(outbox.template, 'payment-receipt')))).toEqual([]);
  });

  it('keeps a promise, and closes a case paid in full with a settlement certificate', async () => {
    const c = await reachable({ principalCents: 9_000, status: 'promise' });
    await t.database.db.insert(promises).values(buildPromise(c.creditorId, c.caseId, { amountCents: 3_000, madeOn: '2027-03-01', dueOn: '2027-03-10' }));
    const first = await bookPayment(deps, agent, { caseId: c.caseId, amountCents: 3_000, valueDate: '2027-03-05', method: 'transfer', source: 'agent', externalRef: null });
    expect(first.statusAfter).toBe('active');
    expect(await eventsOf(c.caseId)).toContain('promise.kept');
    const last = await bookPayment(deps, agent, { caseId: c.caseId, amountCents: 7_000, valueDate: '2027-03-05', method: 'card', source: 'agent', externalRef: null });
    expect(last.statusAfter).toBe('closed_paid');
    expect(last.payment.allocation.unappliedCents).toBe(1_000);
    expect(last.certificateId).not.toBeNull();
    const [certificate] = await t.database.db.select().from(certificates).where(eq(certificates.caseId, c.caseId));
    expect(certificate?.data).toMatchObject({ totalPaidCents: 10_000 });
    await expect(bookPayment(deps, agent, { caseId: c.caseId, amountCents: 100, valueDate: '2027-03-06', method: 'cash', source: 'agent', externalRef: null }))
      .rejects.toMatchObject({ code: 'conflict' });
  });

  it('reverses a payment: the allocation is undone and the history says so', async () => {
    const c = await reachable({ principalCents: 10_000 });
    const { payment } = await bookPayment(deps, agent, { caseId: c.caseId, amountCents: 2_500, valueDate: '2027-03-05', method: 'direct_debit', source: 'agent', externalRef: null });
    const reversed = await reversePayment(deps, agent, { paymentId: payment.id, reason: 'MD06 refund', returnCode: 'MD06' });
    expect(reversed.reversed).toBe(true);
    expect((await caseRow(c.caseId)).paidPrincipalCents).toBe(0);
    expect((await reversePayment(deps, agent, { paymentId: payment.id, reason: 'again' })).reversed).toBe(false);
    expect(await eventsOf(c.caseId)).toContain('payment.reversed');
  });

  it('hides another creditor\'s case from a creditor user', async () => {
    const c = await reachable();
    const other = { kind: 'user', userId: agent.userId, role: 'creditor', creditorId: '01900000-0000-7000-8000-00000000dead', teamId: null } as const;
    await expect(bookPayment(deps, other, { caseId: c.caseId, amountCents: 100, valueDate: '2027-03-05', method: 'creditor_direct', source: 'creditor', externalRef: null }))
      .rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('bank statements (camt.053 / camt.054)', () => {
  it('matches by RF reference, splits batched entries, matches by name + amount, queues the rest; the same file twice changes nothing', async () => {
    const a = await reachable({ principalCents: 5_000 });
    const b = await reachable({ principalCents: 8_000 });
    const d = await reachable({ principalCents: 4_321 });
    const [debtorOfD] = await t.database.db.select({ debtorId: cases.debtorId }).from(cases).where(eq(cases.id, d.caseId));
    // The fixture's debtor is "Camille Lefèvre": make this one unique to test name matching.
    const unique = `Zorg${d.caseId.slice(-6).replace(/[^a-z]/g, 'x')}`;
    await t.database.db.execute((await import('drizzle-orm')).sql`update debtors set last_name = ${unique}, name_key = ${`pp|${unique.toLowerCase()}|camille`} where id = ${debtorOfD!.debtorId}`);
    const file = camt053(`MSG-${a.caseId}`, [
      { id: 'STMT-1', entries: [
        { amount: '20.00', acctSvcrRef: `ASR-${a.caseId}-1`, txs: [{ amount: '20.00', rf: a.rf, payerName: 'CAMILLE LEFEVRE', endToEndId: `E2E-${a.caseId}` }] },
        { amount: '35.50', acctSvcrRef: `ASR-${a.caseId}-2`, batched: true, txs: [
          { amount: '15.50', ustrd: `Dossier ${b.rf.replace(/(.{4})/g, '$1 ')}`, payerName: 'X' },
          { amount: '20.00', rf: a.rf, payerName: 'Y' },
        ] },
      ] },
      { id: 'STMT-2', entries: [
        { amount: '43.21', acctSvcrRef: `ASR-${a.caseId}-3`, txs: [{ amount: '43.21', payerName: `MME CAMILLE ${unique.toUpperCase()}` }] },
        { amount: '12.00', acctSvcrRef: `ASR-${a.caseId}-4`, txs: [{ amount: '12.00', payerName: 'Inconnu Total', ustrd: 'virement' }] },
        { amount: '99.00', currency: 'CHF', acctSvcrRef: `ASR-${a.caseId}-5`, txs: [{ amount: '99.00', rf: a.rf }] },
        { amount: '5.00', status: 'PDNG', acctSvcrRef: `ASR-${a.caseId}-6`, txs: [{ amount: '5.00', rf: a.rf }] },
      ] },
    ]);
    const first = await importBankStatement(deps, agent, { fileName: 'releve.xml', content: Buffer.from(file) });
    expect(first.alreadyImported).toBe(false);
    expect(first.import).toMatchObject({ format: 'camt.053', statementCount: 2, transactionCount: 7, bookedCount: 4, unmatchedCount: 2, duplicateCount: 0 });
    expect((await paymentsOf(a.caseId)).map((p) => p.amountCents).sort()).toEqual([2_000, 2_000]);
    expect((await paymentsOf(b.caseId)).map((p) => p.amountCents)).toEqual([1_550]);
    expect((await paymentsOf(d.caseId)).map((p) => p.amountCents)).toEqual([4_321]);
    expect((await caseRow(d.caseId)).status).toBe('closed_paid');
    const byName = (await t.database.db.select().from(bankTransactions).where(eq(bankTransactions.caseId, d.caseId)))[0];
    expect(byName).toMatchObject({ matchMethod: 'name_amount', confidence: 95, status: 'booked' });

    const again = await importBankStatement(deps, agent, { fileName: 'releve-copie.xml', content: Buffer.from(file) });
    expect(again).toMatchObject({ alreadyImported: true, import: { id: first.import.id } });
    // The day's camt.054 had the first entry already: a later file repeating it books nothing.
    const notification = camt054(`NTF-${a.caseId}`, [{ id: 'NTF-1', entries: [
      { amount: '20.00', acctSvcrRef: `ASR-${a.caseId}-1`, txs: [{ amount: '20.00', rf: a.rf }] },
    ] }]);
    const third = await importBankStatement(deps, agent, { fileName: 'avis.xml', content: Buffer.from(notification) });
    expect(third.import).toMatchObject({ format: 'camt.054', duplicateCount: 1, bookedCount: 0 });
    expect(await paymentsOf(a.caseId)).toHaveLength(2);

    // An agent resolves the unmatched transfer.
    const queue = await t.database.db.select().from(bankTransactions).where(and(eq(bankTransactions.importId, first.import.id), eq(bankTransactions.status, 'unmatched')));
    const unknown = queue.find((q) => q.amountCents === 1_200)!;
    await resolveBankTransaction(deps, agent, unknown.id, { action: 'assign', caseId: b.caseId });
    expect((await paymentsOf(b.caseId)).map((p) => p.amountCents).sort()).toEqual([1_200, 1_550]);
    await expect(resolveBankTransaction(deps, agent, unknown.id, { action: 'assign', caseId: b.caseId })).rejects.toMatchObject({ code: 'conflict' });
    const chf = queue.find((q) => q.currency === 'CHF')!;
    expect(chf.amountText).toBe('99.00');
    await resolveBankTransaction(deps, agent, chf.id, { action: 'ignore', note: 'refunded to the payer' });
  });

  it('reverses the allocation when the transfer comes back (AC04)', async () => {
    const c = await reachable({ principalCents: 10_000 });
    await importBankStatement(deps, agent, { fileName: 'in.xml', content: Buffer.from(camt053(`IN-${c.caseId}`, [{ id: 'S', entries: [
      { amount: '30.00', acctSvcrRef: `IN-${c.caseId}`, txs: [{ amount: '30.00', rf: c.rf, endToEndId: `E2E-R-${c.caseId}` }] },
    ] }])) });
    expect((await caseRow(c.caseId)).paidPrincipalCents).toBe(3_000);
    const back = await importBankStatement(deps, agent, { fileName: 'back.xml', content: Buffer.from(camt053(`BACK-${c.caseId}`, [{ id: 'S2', entries: [
      { amount: '30.00', direction: 'DBIT', acctSvcrRef: `BACK-${c.caseId}`, txs: [{ amount: '30.00', endToEndId: `E2E-R-${c.caseId}`, returnReason: 'AC04' }] },
    ] }])) });
    expect(back.import.reversedCount).toBe(1);
    expect((await caseRow(c.caseId)).paidPrincipalCents).toBe(0);
    const [payment] = await paymentsOf(c.caseId);
    expect(payment).toMatchObject({ status: 'reversed', reversalReason: 'AC04 Compte clôturé' });
  });

  it('imports the public genkgo/camt samples (written by others) and refuses the broken one', async () => {
    const fs = await import('node:fs');
    const dir = new URL('../fixtures/camt/genkgo/', import.meta.url);
    const multi = await importBankStatement(deps, agent, { fileName: 'multi', content: fs.readFileSync(new URL('camt053.v2.multi.statement.xml', dir)) });
    expect(multi.import).toMatchObject({ statementCount: 2, transactionCount: 2, bookedCount: 0 });
    const notification = await importBankStatement(deps, agent, { fileName: '054', content: fs.readFileSync(new URL('camt054.v2.xml', dir)) });
    expect(notification.import.format).toBe('camt.054');
    await expect(importBankStatement(deps, agent, { fileName: 'wrong', content: fs.readFileSync(new URL('camt053.v2.wrong.xml', dir)) })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('never crashes and never books twice on fuzzed XML', async () => {
    const c = await reachable({ principalCents: 1_000_000 });
    const base = camt053(`FUZZ-${c.caseId}`, [{ id: 'F', entries: [
      { amount: '1.00', acctSvcrRef: `FZ-${c.caseId}`, txs: [{ amount: '1.00', rf: c.rf, payerName: 'A & B' }] },
      { amount: '2.00', acctSvcrRef: `FZ2-${c.caseId}`, batched: true, txs: [{ amount: '1.50', rf: c.rf }, { amount: '0.50', rf: c.rf }] },
    ] }]);
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: base.length - 1 }), fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 12 }), fc.boolean(),
      async (at, cut, insert, duplicate) => {
        const mutated = duplicate ? base.slice(0, at) + base.slice(at - Math.min(at, cut)) : base.slice(0, at) + insert + base.slice(at + cut);
        try {
          await importBankStatement(deps, agent, { fileName: 'fuzz.xml', content: Buffer.from(mutated) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          expect(error.code).toMatch(/validation_failed|conflict/);
        }
        // Each bank entry is booked from one file only, each transaction once.
        const booked = await t.database.db.select({ ref: payments.externalRef, identity: bankTransactions.entryIdentity, importId: bankTransactions.importId })
          .from(payments).innerJoin(bankTransactions, eq(bankTransactions.paymentId, payments.id)).where(eq(payments.caseId, c.caseId));
        const refs = booked.map((p) => p.ref);
        expect(new Set(refs).size).toBe(refs.length);
        const importsPerEntry = new Map<string, Set<string>>();
        for (const row of booked) importsPerEntry.set(row.identity, (importsPerEntry.get(row.identity) ?? new Set()).add(row.importId));
        for (const imports of importsPerEntry.values()) expect(imports.size).toBe(1);
      },
    ), { numRuns: 60 });
  });
});
