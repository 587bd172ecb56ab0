import { and, asc, eq, sql } from 'drizzle-orm';
import type { ArrangementRepository, CaseEventInput, LockedCase } from '../../application/ports/arrangement-repository.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { cents, type Cents } from '../../domain/money/index.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import { newId } from './ids.ts';
import { queryRows, uuidArray, type DbExecutor } from './open-database.ts';
import { caseEvents, cases, payments, planInstalments, plans, promises, settlements } from './schema.ts';

/** Grace days when a case has no mandate: the demo mandates' default. */
const defaultGraceDays = 10;

export class DrizzleArrangementRepository implements ArrangementRepository {
  constructor(private readonly db: DbExecutor) {}

  async lockCase(caseId: string): Promise<LockedCase | null> {
    const [row] = await queryRows<{
      creditor_id: string; id: string; status: CaseStatus; total: number; paid: number; waived: number; grace_days: number | null;
    }>(this.db, sql`
      select c.creditor_id, c.id, c.status,
             c.principal_cents + c.interest_cents + c.accessories_cents as total,
             c.paid_principal_cents + c.paid_interest_cents + c.paid_accessories_cents as paid,
             c.waived_cents as waived, m.grace_days
        from cases c left join mandates m on m.creditor_id = c.creditor_id and m.id = c.mandate_id
       where c.id = ${caseId}
         for update of c`);
    if (!row) return null;
    return {
      creditorId: row.creditor_id, caseId: row.id, status: row.status, totalCents: cents(row.total), paidCents: cents(row.paid),
      waivedCents: cents(row.waived), balanceCents: cents(Math.max(0, row.total - row.paid - row.waived)),
      graceDays: row.grace_days ?? defaultGraceDays,
    };
  }

  async openArrangements(creditorId: string, caseId: string) {
    const openPromises = await this.db.select().from(promises)
      .where(and(eq(promises.creditorId, creditorId), eq(promises.caseId, caseId), eq(promises.status, 'pending')))
      .orderBy(asc(promises.dueOn));
    const [plan] = await this.db.select().from(plans)
      .where(and(eq(plans.creditorId, creditorId), eq(plans.caseId, caseId), eq(plans.status, 'active')));
    const instalments = plan
      ? await this.db.select().from(planInstalments)
        .where(and(eq(planInstalments.creditorId, creditorId), eq(planInstalments.planId, plan.id))).orderBy(asc(planInstalments.number))
      : [];
    const [settlement] = await this.db.select().from(settlements)
      .where(and(eq(settlements.creditorId, creditorId), eq(settlements.caseId, caseId), eq(settlements.status, 'pending')));
    return {
      promises: openPromises.map((p) => ({ id: p.id, amountCents: cents(p.amountCents), madeOn: p.madeOn as CivilDate, dueOn: p.dueOn as CivilDate })),
      plan: plan ? {
        id: plan.id, agreedOn: plan.agreedOn as CivilDate, totalCents: cents(plan.totalCents),
        instalments: instalments.map((i) => ({ number: i.number, dueOn: i.dueOn as CivilDate, amountCents: cents(i.amountCents) })),
      } : null,
      settlement: settlement ? {
        id: settlement.id, amountCents: cents(settlement.amountCents), balanceCents: cents(settlement.balanceCents),
        agreedOn: settlement.agreedOn as CivilDate, dueOn: settlement.dueOn as CivilDate,
      } : null,
    };
  }

  async bookedPayments(creditorId: string, caseId: string) {
    const rows = await this.db.select({ amountCents: payments.amountCents, valueDate: payments.valueDate }).from(payments)
      .where(and(eq(payments.creditorId, creditorId), eq(payments.caseId, caseId), eq(payments.status, 'booked')))
      .orderBy(asc(payments.valueDate));
    return rows.map((r) => ({ amountCents: cents(r.amountCents), valueDate: r.valueDate as CivilDate }));
  }

  async resolvePromise(creditorId: string, promiseId: string, status: 'kept' | 'broken' | 'cancelled', at: Date): Promise<void> {
    await this.db.update(promises).set({ status, resolvedAt: at })
      .where(and(eq(promises.creditorId, creditorId), eq(promises.id, promiseId), eq(promises.status, 'pending')));
  }

  async endPlan(creditorId: string, planId: string, status: 'completed' | 'broken' | 'cancelled', reason: string, at: Date): Promise<void> {
    await this.db.update(plans).set({ status, endedAt: at, endReason: reason })
      .where(and(eq(plans.creditorId, creditorId), eq(plans.id, planId), eq(plans.status, 'active')));
  }

  async resolveSettlement(creditorId: string, settlementId: string, status: 'paid' | 'lapsed' | 'cancelled', at: Date): Promise<void> {
    await this.db.update(settlements).set({ status, resolvedAt: at })
      .where(and(eq(settlements.creditorId, creditorId), eq(settlements.id, settlementId), eq(settlements.status, 'pending')));
  }

  async waive(creditorId: string, caseId: string, amount: Cents): Promise<void> {
    await this.db.update(cases).set({ waivedCents: sql`${cases.waivedCents} + ${amount}` })
      .where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId)));
  }

  async setCaseStatus(creditorId: string, caseId: string, from: CaseStatus, to: CaseStatus, at: Date, reason: string): Promise<boolean> {
    const closing = to.startsWith('closed_');
    const updated = await this.db.update(cases)
      .set({ status: to, updatedAt: at, version: sql`${cases.version} + 1`, ...(closing ? { closedAt: at, closeReason: reason } : {}) })
      .where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId), eq(cases.status, from)))
      .returning({ id: cases.id });
    return updated.length === 1;
  }

  async appendCaseEvent(event: CaseEventInput): Promise<void> {
    await this.db.insert(caseEvents).values({ id: newId(), ...event, data: { ...event.data } });
  }

  async casesWithOpenArrangements(caseIds: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const ids = sql`${uuidArray(caseIds)}::uuid[]`;
    const rows = await queryRows<{ case_id: string }>(this.db, sql`
      select case_id from promises where case_id = any(${ids}) and status = 'pending'
      union select case_id from plans where case_id = any(${ids}) and status = 'active'
      union select case_id from settlements where case_id = any(${ids}) and status = 'pending'`);
    return new Set(rows.map((r) => r.case_id));
  }

  async setCaseStatusMany(rows: readonly { creditorId: string; caseId: string; from: CaseStatus; to: CaseStatus; reason: string }[], at: Date): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const payload = rows.map((r) => ({ creditor_id: r.creditorId, case_id: r.caseId, from_status: r.from, to_status: r.to, reason: r.reason }));
    const changed = await queryRows<{ id: string }>(this.db, sql`
      update cases c
         set status = r.to_status, updated_at = ${at.toISOString()}::timestamptz, version = c.version + 1,
             closed_at = case when starts_with(r.to_status, 'closed_') then ${at.toISOString()}::timestamptz else c.closed_at end,
             close_reason = case when starts_with(r.to_status, 'closed_') then r.reason else c.close_reason end
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(creditor_id uuid, case_id uuid, from_status text, to_status text, reason text)
       where c.creditor_id = r.creditor_id and c.id = r.case_id and c.status = r.from_status
      returning c.id`);
    return new Set(changed.map((r) => r.id));
  }

  async appendCaseEvents(events: readonly CaseEventInput[]): Promise<void> {
    if (events.length === 0) return;
    // Ids are drawn here, in the order given: UUIDv7 are time-ordered, as one appendCaseEvent after another.
    const payload = events.map((e) => ({
      creditor_id: e.creditorId, id: newId(), case_id: e.caseId, at: e.at.toISOString(), type: e.type, actor_kind: e.actorKind, actor_id: e.actorId, data: e.data,
    }));
    await this.db.execute(sql`
      insert into case_events (creditor_id, id, case_id, at, type, actor_kind, actor_id, data)
      select creditor_id, id, case_id, at, type, actor_kind, actor_id, data
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(creditor_id uuid, id uuid, case_id uuid, at timestamptz, type text, actor_kind text, actor_id text, data jsonb)`);
  }
}
