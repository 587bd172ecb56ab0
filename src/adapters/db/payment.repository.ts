import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { CaseForPayment, PaidDelta, PaymentRecord, PaymentRepository, StoredAllocation } from '../../application/ports/payment-repository.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { queryRows, type DbExecutor } from './open-database.ts';
import { cases, outbox, payments } from './schema.ts';

type PaymentRow = typeof payments.$inferSelect;

function toRecord(row: PaymentRow): PaymentRecord {
  return {
    creditorId: row.creditorId, id: row.id, caseId: row.caseId, amountCents: row.amountCents, currency: row.currency, valueDate: row.valueDate,
    receivedAt: row.receivedAt, method: row.method, source: row.source, externalRef: row.externalRef, status: row.status,
    allocation: normaliseAllocation(row.allocation), payerName: row.payerName, recordedBy: row.recordedBy, reversedAt: row.reversedAt,
    reversalReason: row.reversalReason,
  };
}

/** Rows written before issue #7 (test factories) may hold a bare array. */
function normaliseAllocation(value: unknown): StoredAllocation {
  if (Array.isArray(value)) return { applications: value as StoredAllocation['applications'], unappliedCents: 0, balanceAfterCents: 0 };
  return value as StoredAllocation;
}

export class DrizzlePaymentRepository implements PaymentRepository {
  constructor(private readonly db: DbExecutor) {}

  async lockCase(caseId: string): Promise<CaseForPayment | null> {
    const [row] = await queryRows<{
      creditor_id: string; id: string; status: CaseStatus; currency: string; due_date: string; principal_cents: number; interest_cents: number;
      accessories_cents: number; paid_principal_cents: number; paid_interest_cents: number; paid_accessories_cents: number; waived_cents: number;
    }>(this.db, sql`
      select creditor_id, id, status, currency, due_date::text as due_date, principal_cents, interest_cents, accessories_cents,
             paid_principal_cents, paid_interest_cents, paid_accessories_cents, waived_cents
        from cases where id = ${caseId} for update`);
    if (!row) return null;
    return {
      creditorId: row.creditor_id, caseId: row.id, status: row.status, currency: row.currency, dueDate: row.due_date,
      principalCents: Number(row.principal_cents), interestCents: Number(row.interest_cents), accessoriesCents: Number(row.accessories_cents),
      paidPrincipalCents: Number(row.paid_principal_cents), paidInterestCents: Number(row.paid_interest_cents),
      paidAccessoriesCents: Number(row.paid_accessories_cents), waivedCents: Number(row.waived_cents),
    };
  }

  async findByExternalRef(creditorId: string, source: string, externalRef: string): Promise<PaymentRecord | null> {
    const [row] = await this.db.select().from(payments)
      .where(and(eq(payments.creditorId, creditorId), eq(payments.source, source), eq(payments.externalRef, externalRef)));
    return row ? toRecord(row) : null;
  }

  async findByExternalRefAnyCreditor(source: string, externalRef: string): Promise<PaymentRecord | null> {
    const [row] = await this.db.select().from(payments).where(and(eq(payments.source, source), eq(payments.externalRef, externalRef)));
    return row ? toRecord(row) : null;
  }

  async findById(paymentId: string): Promise<PaymentRecord | null> {
    const [row] = await this.db.select().from(payments).where(eq(payments.id, paymentId));
    return row ? toRecord(row) : null;
  }

  async insert(payment: Omit<PaymentRecord, 'status' | 'reversedAt' | 'reversalReason'>): Promise<void> {
    await this.db.insert(payments).values({
      creditorId: payment.creditorId, id: payment.id, caseId: payment.caseId, amountCents: payment.amountCents, currency: payment.currency,
      valueDate: payment.valueDate, receivedAt: payment.receivedAt, method: payment.method, source: payment.source, externalRef: payment.externalRef,
      allocation: payment.allocation, payerName: payment.payerName, recordedBy: payment.recordedBy,
    });
  }

  async addPaid(creditorId: string, caseId: string, delta: PaidDelta, lastPaymentDate: string | null, at: Date): Promise<void> {
    await this.db.update(cases).set({
      paidPrincipalCents: sql`${cases.paidPrincipalCents} + ${delta.principal}`,
      paidInterestCents: sql`${cases.paidInterestCents} + ${delta.interest}`,
      paidAccessoriesCents: sql`${cases.paidAccessoriesCents} + ${delta.accessories}`,
      ...(lastPaymentDate ? { lastPaymentDate: sql`greatest(${cases.lastPaymentDate}, ${lastPaymentDate}::date)` } : {}),
      updatedAt: at, version: sql`${cases.version} + 1`,
    }).where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId)));
  }

  async markReversed(creditorId: string, paymentId: string, at: Date, reason: string): Promise<boolean> {
    const rows = await this.db.update(payments).set({ status: 'reversed', reversedAt: at, reversalReason: reason })
      .where(and(eq(payments.creditorId, creditorId), eq(payments.id, paymentId), eq(payments.status, 'booked'))).returning({ id: payments.id });
    return rows.length === 1;
  }

  async listForCase(caseId: string): Promise<PaymentRecord[]> {
    const rows = await this.db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.valueDate), asc(payments.id));
    return rows.map(toRecord);
  }

  async cancelPendingCollectionMessages(creditorId: string, caseId: string, reason: string, at: Date): Promise<string[]> {
    const rows = await this.db.update(outbox).set({ status: 'cancelled', lastError: `cancelled: ${reason}`, updatedAt: at })
      .where(and(
        eq(outbox.creditorId, creditorId), eq(outbox.caseId, caseId), inArray(outbox.status, ['pending']), eq(outbox.purpose, 'collection'),
        ne(outbox.template, 'first-letter'),
      )).returning({ id: outbox.id });
    return rows.map((r) => r.id);
  }
}
