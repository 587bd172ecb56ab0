import { and, asc, eq, sql } from 'drizzle-orm';
import type { CaseFile, ClosureRepository } from '../../application/ports/payment-repository.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { queryRows, type DbExecutor } from './open-database.ts';
import { caseEvents, documents, plans, promises, settlements } from './schema.ts';

export class DrizzleClosureRepository implements ClosureRepository {
  constructor(private readonly db: DbExecutor) {}

  async cancelOpenArrangements(creditorId: string, caseId: string, at: Date, reason: string): Promise<number> {
    const p = await this.db.update(promises).set({ status: 'cancelled', resolvedAt: at })
      .where(and(eq(promises.creditorId, creditorId), eq(promises.caseId, caseId), eq(promises.status, 'pending'))).returning({ id: promises.id });
    const pl = await this.db.update(plans).set({ status: 'cancelled', endedAt: at, endReason: reason })
      .where(and(eq(plans.creditorId, creditorId), eq(plans.caseId, caseId), eq(plans.status, 'active'))).returning({ id: plans.id });
    const s = await this.db.update(settlements).set({ status: 'cancelled', resolvedAt: at })
      .where(and(eq(settlements.creditorId, creditorId), eq(settlements.caseId, caseId), eq(settlements.status, 'pending'))).returning({ id: settlements.id });
    return p.length + pl.length + s.length;
  }

  async caseFile(caseId: string): Promise<CaseFile | null> {
    const [row] = await queryRows<{
      creditor_id: string; id: string; creditor_name: string; creditor_reference: string; status: CaseStatus; category: string; currency: string;
      principal_cents: number; interest_cents: number; accessories_cents: number; paid: number; waived_cents: number; due_date: string;
      limitation_expires_on: string | null; basis_contract_ref: string | null; opened_at: string | Date; civility: string | null; first_name: string | null;
      last_name: string | null; company_name: string | null; address: string | null;
    }>(this.db, sql`
      select c.creditor_id, c.id, cr.name as creditor_name, c.creditor_reference, c.status, c.category, c.currency, c.principal_cents,
             c.interest_cents, c.accessories_cents, c.paid_principal_cents + c.paid_interest_cents + c.paid_accessories_cents as paid,
             c.waived_cents, c.due_date::text as due_date, c.limitation_expires_on::text as limitation_expires_on, c.basis_contract_ref, c.opened_at,
             d.civility, d.first_name, d.last_name, d.company_name,
             (select cp.value from contact_points cp where cp.debtor_id = d.id and cp.kind = 'postal' order by cp.is_primary desc, cp.created_at desc limit 1) as address
        from cases c join creditors cr on cr.id = c.creditor_id left join debtors d on d.id = c.debtor_id
       where c.id = ${caseId}`);
    if (!row) return null;
    const events = await this.db.select().from(caseEvents).where(and(eq(caseEvents.creditorId, row.creditor_id), eq(caseEvents.caseId, caseId))).orderBy(asc(caseEvents.at), asc(caseEvents.id));
    const docs = await this.db.select().from(documents).where(and(eq(documents.creditorId, row.creditor_id), eq(documents.caseId, caseId))).orderBy(asc(documents.createdAt));
    return {
      creditorId: row.creditor_id, caseId: row.id, creditorName: row.creditor_name, creditorReference: row.creditor_reference, status: row.status,
      category: row.category, currency: row.currency,
      debtorName: row.company_name ?? [row.civility, row.first_name, row.last_name].filter(Boolean).join(' '), debtorAddress: row.address,
      principalCents: Number(row.principal_cents), interestCents: Number(row.interest_cents), accessoriesCents: Number(row.accessories_cents),
      paidCents: Number(row.paid), waivedCents: Number(row.waived_cents), dueDate: row.due_date, limitationExpiresOn: row.limitation_expires_on,
      basisContractRef: row.basis_contract_ref, openedAt: new Date(row.opened_at),
      events: events.map((e) => ({ at: e.at, type: e.type, actorKind: e.actorKind, actorId: e.actorId, data: e.data })),
      documents: docs.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName, mediaType: d.mediaType, sha256: d.sha256, storageKey: d.storageKey })),
    };
  }
}
