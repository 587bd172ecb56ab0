import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { CaseHistoryItem, CreditorCaseRepository, RecallState } from '../../application/ports/creditor-cases.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { newId } from './ids.ts';
import { queryRows, type DbExecutor } from './open-database.ts';
import { caseEvents, cases, outbox, plans, promises, settlements } from './schema.ts';

export class DrizzleCreditorCaseRepository implements CreditorCaseRepository {
  constructor(private readonly db: DbExecutor) {}

  async findCaseIdByReference(creditorId: string, reference: string): Promise<string | null> {
    const [row] = await this.db.select({ id: cases.id }).from(cases).where(and(eq(cases.creditorId, creditorId), eq(cases.creditorReference, reference)));
    return row?.id ?? null;
  }

  async history(creditorId: string, caseId: string, page: { limit: number; offset: number }): Promise<{ items: CaseHistoryItem[]; total: number }> {
    const where = and(eq(caseEvents.creditorId, creditorId), eq(caseEvents.caseId, caseId));
    const rows = await this.db.select({ id: caseEvents.id, at: caseEvents.at, type: caseEvents.type, actorKind: caseEvents.actorKind, data: caseEvents.data })
      .from(caseEvents).where(where).orderBy(asc(caseEvents.at), asc(caseEvents.id)).limit(page.limit).offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(caseEvents).where(where);
    return { items: rows.map((r) => ({ ...r, data: (r.data ?? {}) as Record<string, unknown> })), total: total?.n ?? 0 };
  }

  async lockForRecall(caseId: string): Promise<RecallState | null> {
    const [locked] = await queryRows<{ creditor_id: string; id: string; status: CaseStatus }>(this.db, sql`
      select creditor_id, id, status from cases where id = ${caseId} for update`);
    if (!locked) return null;
    const scope = (table: typeof plans | typeof promises | typeof settlements) => and(eq(table.creditorId, locked.creditor_id), eq(table.caseId, locked.id));
    const activePlans = await this.db.select({ id: plans.id }).from(plans).where(and(scope(plans), inArray(plans.status, ['active'])));
    const pendingPromises = await this.db.select({ id: promises.id }).from(promises).where(and(scope(promises), eq(promises.status, 'pending')));
    const pendingSettlements = await this.db.select({ id: settlements.id }).from(settlements).where(and(scope(settlements), eq(settlements.status, 'pending')));
    return {
      creditorId: locked.creditor_id, caseId: locked.id, status: locked.status, activePlanIds: activePlans.map((p) => p.id),
      pendingPromiseIds: pendingPromises.map((p) => p.id), pendingSettlementIds: pendingSettlements.map((s) => s.id), paymentsInProgress: 0,
    };
  }

  async cancelArrangements(creditorId: string, caseId: string, ids: { plans: readonly string[]; promises: readonly string[]; settlements: readonly string[] }, at: Date, reason: string): Promise<void> {
    if (ids.plans.length) await this.db.update(plans).set({ status: 'cancelled', endedAt: at, endReason: reason }).where(and(eq(plans.creditorId, creditorId), inArray(plans.id, [...ids.plans])));
    if (ids.promises.length) await this.db.update(promises).set({ status: 'cancelled', resolvedAt: at }).where(and(eq(promises.creditorId, creditorId), inArray(promises.id, [...ids.promises])));
    if (ids.settlements.length) await this.db.update(settlements).set({ status: 'cancelled', resolvedAt: at }).where(and(eq(settlements.creditorId, creditorId), inArray(settlements.id, [...ids.settlements])));
    void caseId;
  }

  async closeCase(creditorId: string, caseId: string, from: CaseStatus, to: CaseStatus, at: Date, reason: string): Promise<boolean> {
    const rows = await this.db.update(cases).set({ status: to, closedAt: at, closeReason: reason, version: sql`${cases.version} + 1`, updatedAt: at })
      .where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId), eq(cases.status, from))).returning({ id: cases.id });
    return rows.length === 1;
  }

  async cancelPendingMessages(creditorId: string, caseId: string, reason: string): Promise<number> {
    const rows = await this.db.update(outbox).set({ status: 'refused', lastError: reason, updatedAt: sql`now()` })
      .where(and(eq(outbox.creditorId, creditorId), eq(outbox.caseId, caseId), eq(outbox.status, 'pending'))).returning({ id: outbox.id });
    return rows.length;
  }

  async appendCaseEvent(event: { creditorId: string; caseId: string; at: Date; type: string; actorKind: 'user' | 'system' | 'creditor_api'; actorId: string; data: Readonly<Record<string, unknown>> }): Promise<void> {
    await this.db.insert(caseEvents).values({ ...event, id: newId(), data: event.data as object });
  }
}
