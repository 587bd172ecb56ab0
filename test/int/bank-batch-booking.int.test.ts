/**
 * A bank import books its matched credits a thousand at a time (`bookBankBatchIn`). Whatever path an
 * entry takes — the set-based batch or, for arrangements and repeated cases, one by one — the case
 * must end exactly as if each transfer had been booked through `bookPayment`: same allocation, paid
 * columns, status, history (in order), reminders cancelled, receipt and certificate queued.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CamtReader } from '../../src/adapters/payments/camt.reader.ts';
import { bankTransactions, caseEvents, cases, certificates, outbox, payments, promises } from '../../src/adapters/db/schema.ts';
import { buildPromise } from '../../src/adapters/db/seed/factories.ts';
import type { MessagingDeps } from '../../src/application/messaging/messaging-deps.ts';
import { bookPayment } from '../../src/application/payments/book-payment.ts';
import { importBankStatement, reconcileImport } from '../../src/application/payments/import-bank-statement.ts';
import { rfReferenceForCase } from '../../src/domain/letters/rf-reference.ts';
import { loadConfig } from '../../src/server/config.ts';
import { buildMessagingDeps } from '../../src/server/messaging.ts';
import { camt053, insertPendingReminder, insertPostedFirstLetter, type CamtEntry } from '../support/camt.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { TestClock } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let deps: MessagingDeps & { reader: CamtReader };
const clock = new TestClock(new Date('2027-03-05T10:00:00Z'));
const system = { kind: 'system', name: 'bank-import' } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: t.env.AMIABLE_DATA_DIR ?? '/tmp/amiable-bank-batch-test', AMIABLE_PORTAL_URL: 'https://portail.amiable.example' });
  deps = { ...buildMessagingDeps(config, t.database, { clock }), reader: new CamtReader() };
});
afterAll(async () => t?.destroy());

/** One scenario: how the case is set up, and the transfers (in cents) it receives, in statement order. */
interface Scenario {
  readonly name: string;
  readonly principalCents: number;
  readonly interestCents?: number;
  readonly status?: 'active' | 'promise';
  readonly promiseCents?: number;
  readonly reminder?: boolean;
  readonly transfers: readonly number[];
}

const scenarios: readonly Scenario[] = [
  { name: 'part payment, interest first, a reminder waiting', principalCents: 10_000, interestCents: 1_500, reminder: true, transfers: [4_000] },
  { name: 'paid in full', principalCents: 6_000, reminder: true, transfers: [6_000] },
  { name: 'paid beyond the balance', principalCents: 2_500, transfers: [3_000] },
  { name: 'two transfers on one case', principalCents: 9_000, transfers: [2_000, 7_000] },
  { name: 'a promise kept', principalCents: 8_000, status: 'promise', promiseCents: 3_000, transfers: [3_000] },
];

async function setUp(s: Scenario) {
  const parties = await insertReachableCase(t.database.db, { case: { principalCents: s.principalCents, interestCents: s.interestCents ?? 0, status: s.status ?? 'active' } });
  const c = { caseId: parties.case.id!, creditorId: parties.creditor.id!, debtorId: parties.debtor.id! };
  const rf = rfReferenceForCase(c.caseId);
  await t.database.db.update(cases).set({ rfReference: rf }).where(eq(cases.id, c.caseId));
  await insertPostedFirstLetter(t.database.db, c);
  if (s.reminder) await insertPendingReminder(t.database.db, c);
  if (s.promiseCents) await t.database.db.insert(promises).values(buildPromise(c.creditorId, c.caseId, { amountCents: s.promiseCents, madeOn: '2027-03-01', dueOn: '2027-03-10' }));
  return { ...c, rf };
}

/** What a booking leaves on a case, without ids and times. */
async function outcome(caseId: string) {
  const [kase] = await t.database.db.select().from(cases).where(eq(cases.id, caseId));
  const paid = await t.database.db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.receivedAt), asc(payments.id));
  const events = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const messages = await t.database.db.select().from(outbox).where(eq(outbox.caseId, caseId)).orderBy(asc(outbox.template), asc(outbox.status));
  const certs = await t.database.db.select().from(certificates).where(eq(certificates.caseId, caseId));
  const strip = (allocation: unknown) => JSON.parse(JSON.stringify(allocation).replaceAll(caseId, 'CASE')) as unknown;
  return {
    status: kase!.status, closeReason: kase!.closeReason,
    paid: [kase!.paidPrincipalCents, kase!.paidInterestCents, kase!.paidAccessoriesCents, kase!.waivedCents], lastPaymentDate: kase!.lastPaymentDate,
    payments: paid.map((p) => ({ amount: p.amountCents, method: p.method, source: p.source, status: p.status, allocation: strip(p.allocation) })),
    events: events.map((e) => e.type),
    messages: messages.map((m) => `${m.template}:${m.channel}:${m.status}`),
    certificates: certs.map((c) => (c.data as { totalPaidCents: number }).totalPaidCents),
  };
}

describe('booking bank transfers in batches', () => {
  it('leaves every case as booking each transfer through bookPayment would, then books nothing more on a re-run', async () => {
    const oneByOne = await Promise.all(scenarios.map(setUp));
    const batched = await Promise.all(scenarios.map(setUp));

    for (const [i, s] of scenarios.entries()) {
      for (const [k, amount] of s.transfers.entries()) {
        await bookPayment(deps, system, { caseId: oneByOne[i]!.caseId, amountCents: amount, valueDate: '2027-03-04', method: 'transfer', source: 'bank', externalRef: `REF-${i}-${k}` });
      }
    }
    const entries: CamtEntry[] = scenarios.flatMap((s, i) => s.transfers.map((amount, k) => ({
      amount: (amount / 100).toFixed(2), acctSvcrRef: `BATCH-${batched[i]!.caseId}-${k}`, valueDate: '2027-03-04',
      txs: [{ amount: (amount / 100).toFixed(2), rf: batched[i]!.rf, payerName: 'CAMILLE LEFEVRE' }],
    })));
    // Batches of two entries, two at a time: several batches run side by side, as on a large statement.
    const imported = await importBankStatement({ ...deps, bankBatches: { size: 2, concurrency: 2 } }, system, {
      fileName: 'lot.xml', content: Buffer.from(camt053(`LOT-${batched[0]!.caseId}`, [{ id: 'S1', entries }])),
    });
    expect(imported.import).toMatchObject({ bookedCount: entries.length, unmatchedCount: 0 });

    for (const [i, s] of scenarios.entries()) {
      const expected = await outcome(oneByOne[i]!.caseId);
      expect({ scenario: s.name, ...(await outcome(batched[i]!.caseId)) }).toEqual({ scenario: s.name, ...expected });
    }
    // The scenarios do reach what they are about.
    const [partial, full] = [await outcome(batched[0]!.caseId), await outcome(batched[1]!.caseId)];
    expect(partial.events).toEqual(expect.arrayContaining(['payment.received', 'messages.cancelled', 'message.enqueued']));
    expect(partial.messages).toContain('payment-receipt:letter:pending');
    expect(full.status).toBe('closed_paid');
    expect(full.certificates).toEqual([6_000]);

    // A crash after booking, then a re-run: each entry stays booked once.
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(payments);
    const again = await reconcileImport(deps, system, imported.import.id);
    expect(again).toMatchObject({ bookedCount: entries.length, unmatchedCount: 0 });
    expect(await t.database.db.select({ n: sql<number>`count(*)::int` }).from(payments)).toEqual(before);
    const booked = await t.database.db.select().from(bankTransactions).where(eq(bankTransactions.importId, imported.import.id));
    expect(new Set(booked.map((b) => b.paymentId)).size).toBe(entries.length);
  });
});
