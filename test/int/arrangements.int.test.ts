import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPayment, buildPlan, buildPromise, insertCaseWithParties } from '../../src/adapters/db/seed/factories.ts';
import { caseEvents, cases, payments, planInstalments, plans, promises, settlements } from '../../src/adapters/db/schema.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { trackCaseArrangements } from '../../src/application/arrangements/track-case-arrangements.ts';
import type { CaseStatus } from '../../src/domain/case/case-status.ts';
import { parseCivilDate } from '../../src/domain/time/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let uow: DrizzleUnitOfWork;
beforeAll(async () => {
  t = await createTestDatabase();
  uow = new DrizzleUnitOfWork(t.database.db);
});
afterAll(async () => t?.destroy());

const system = { kind: 'system', name: 'test' } as const;

async function newCase(status: CaseStatus, principalCents = 30_000) {
  const { case: row } = await insertCaseWithParties(t.database.db, { case: { status, principalCents } });
  return { creditorId: row.creditorId, caseId: row.id! };
}

/** Books a payment the way the payment use case does: the row plus the case's paid columns. */
async function pay(c: { creditorId: string; caseId: string }, amountCents: number, valueDate: string) {
  await t.database.db.insert(payments).values(buildPayment(c.creditorId, c.caseId, { amountCents, valueDate }));
  await t.database.db.update(cases).set({ paidPrincipalCents: sql`${cases.paidPrincipalCents} + ${amountCents}` }).where(eq(cases.id, c.caseId));
}

const track = (caseId: string, today: string) =>
  uow.run((repos) => trackCaseArrangements(repos, { caseId, today: parseCivilDate(today), at: new Date(`${today}T12:00:00Z`), actor: system }));

const statusOf = async (caseId: string) => (await t.database.db.select({ s: cases.status }).from(cases).where(eq(cases.id, caseId)))[0]!.s;

describe('tracking arrangements against payments and dates', () => {
  it('keeps a promise once paid and puts the case back into active collection', async () => {
    const c = await newCase('promise');
    const promise = buildPromise(c.creditorId, c.caseId, { amountCents: 5_000, madeOn: '2027-03-01', dueOn: '2027-03-15' });
    await t.database.db.insert(promises).values(promise);
    expect((await track(c.caseId, '2027-03-04'))?.events).toEqual([]);
    await pay(c, 5_000, '2027-03-05');
    const result = await track(c.caseId, '2027-03-06');
    expect(result).toMatchObject({ statusBefore: 'promise', statusAfter: 'active', events: ['promise.kept', 'case.status_changed'] });
    expect((await t.database.db.select().from(promises).where(eq(promises.id, promise.id!)))[0]?.status).toBe('kept');
    // Idempotent: nothing more to do.
    expect((await track(c.caseId, '2027-03-07'))?.events).toEqual([]);
  });

  it('breaks a promise after its due date plus the mandate grace days', async () => {
    const c = await newCase('promise');
    await t.database.db.insert(promises).values(buildPromise(c.creditorId, c.caseId, { dueOn: '2027-03-15' }));
    expect((await track(c.caseId, '2027-03-25'))?.events).toEqual([]); // 10 grace days by default
    expect(await track(c.caseId, '2027-03-26')).toMatchObject({ statusAfter: 'active', events: ['promise.broken', 'case.status_changed'] });
  });

  it('breaks a plan whose instalment stays unpaid beyond the grace days', async () => {
    const c = await newCase('plan');
    const plan = buildPlan(c.creditorId, c.caseId, { totalCents: 30_000, agreedOn: '2027-03-01' });
    await t.database.db.insert(plans).values(plan);
    await t.database.db.insert(planInstalments).values([1, 2, 3].map((n) => ({ creditorId: c.creditorId, planId: plan.id!, number: n, dueOn: `2027-0${n + 3}-05`, amountCents: 10_000 })));
    await pay(c, 10_000, '2027-04-04');
    expect((await track(c.caseId, '2027-05-15'))?.events).toEqual([]);
    const broken = await track(c.caseId, '2027-05-16');
    expect(broken).toMatchObject({ statusAfter: 'active', events: ['plan.broken', 'case.status_changed'] });
    expect((await t.database.db.select().from(plans).where(eq(plans.id, plan.id!)))[0]).toMatchObject({ status: 'broken', endReason: expect.stringContaining('2027-05-05') });
  });

  it('closes the case as paid when the balance reaches zero', async () => {
    const c = await newCase('plan', 20_000);
    const plan = buildPlan(c.creditorId, c.caseId, { totalCents: 20_000 });
    await t.database.db.insert(plans).values(plan);
    await t.database.db.insert(planInstalments).values([1, 2].map((n) => ({ creditorId: c.creditorId, planId: plan.id!, number: n, dueOn: `2027-0${n + 3}-05`, amountCents: 10_000 })));
    await pay(c, 20_000, '2027-04-01');
    expect(await track(c.caseId, '2027-04-02')).toMatchObject({ statusAfter: 'closed_paid', events: ['case.status_changed'] });
    expect((await t.database.db.select().from(plans).where(eq(plans.id, plan.id!)))[0]?.status).toBe('completed');
    expect((await t.database.db.select().from(cases).where(eq(cases.id, c.caseId)))[0]?.closedAt).toBeInstanceOf(Date);
  });

  it('closes the case as settled once the settlement is paid, remitting the rest', async () => {
    const c = await newCase('active', 30_000);
    await t.database.db.insert(settlements).values({
      creditorId: c.creditorId, id: newId(), caseId: c.caseId, status: 'pending', balanceCents: 30_000, amountCents: 24_000,
      agreedOn: '2027-03-01', dueOn: '2027-03-31', origin: 'call', createdBy: 'test',
    });
    await pay(c, 24_000, '2027-03-20');
    expect(await track(c.caseId, '2027-03-21')).toMatchObject({ statusAfter: 'closed_settled', events: ['settlement.paid', 'case.status_changed'] });
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, c.caseId));
    expect(row?.waivedCents).toBe(6_000);
    const history = await t.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.caseId), eq(caseEvents.type, 'settlement.paid')));
    expect(history[0]?.data).toMatchObject({ remittedCents: 6_000 });
  });

  it('leaves a closed case alone', async () => {
    const c = await newCase('closed_paid');
    expect(await track(c.caseId, '2027-03-21')).toMatchObject({ statusAfter: 'closed_paid', events: [] });
    expect(await statusOf(c.caseId)).toBe('closed_paid');
  });
});
