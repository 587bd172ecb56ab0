import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { CaseForPayment, PaidDelta, PaymentRecord, PaymentRepository, StoredAllocation } from '../../application/ports/payment-repository.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { queryRows, uuidArray, type DbExecutor } from './open-database.ts';
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
    return (await this.lockCases([caseId])).get(caseId) ?? null;
  }

  async lockCases(caseIds: readonly string[]): Promise<Map<string, CaseForPayment>> {
    const result = new Map<string, CaseForPayment>();
    if (caseIds.length === 0) return result;
    const rows = await queryRows<{
      creditor_id: string; id: string; status: CaseStatus; currency: string; due_date: string; principal_cents: number; interest_cents: number;
      accessories_cents: number; paid_principal_cents: number; paid_interest_cents: number; paid_accessories_cents: number; waived_cents: number;
    }>(this.db, sql`
      select creditor_id, id, status, currency, due_date::text as due_date, principal_cents, interest_cents, accessories_cents,
             paid_principal_cents, paid_interest_cents, paid_accessories_cents, waived_cents
        from cases where id = any(${uuidArray(caseIds)}::uuid[]) order by id for update`);
    for (const row of rows) {
      result.set(row.id, {
        creditorId: row.creditor_id, caseId: row.id, status: row.status, currency: row.currency, dueDate: row.due_date,
        principalCents: Number(row.principal_cents), interestCents: Number(row.interest_cents), accessoriesCents: Number(row.accessories_cents),
        paidPrincipalCents: Number(row.paid_principal_cents), paidInterestCents: Number(row.paid_interest_cents),
        paidAccessoriesCents: Number(row.paid_accessories_cents), waivedCents: Number(row.waived_cents),
      });
    }
    return result;
  }

  async existingExternalRefs(source: string, refs: readonly { creditorId: string; externalRef: string }[]): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const payload = refs.map((r) => ({ creditor_id: r.creditorId, external_ref: r.externalRef }));
    const rows = await queryRows<{ creditor_id: string; external_ref: string }>(this.db, sql`
      select p.creditor_id, p.external_ref
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(creditor_id uuid, external_ref text)
        join payments p on p.creditor_id = r.creditor_id and p.source = ${source} and p.external_ref = r.external_ref`);
    return new Set(rows.map((r) => `${r.creditor_id}|${r.external_ref}`));
  }

  async bookedTotals(caseIds: readonly string[]): Promise<Map<string, number>> {
    if (caseIds.length === 0) return new Map();
    const rows = await queryRows<{ case_id: string; total: number }>(this.db, sql`
      select case_id, sum(amount_cents)::bigint as total from payments
       where case_id = any(${uuidArray(caseIds)}::uuid[]) and status = 'booked' group by case_id`);
    return new Map(rows.map((r) => [r.case_id, Number(r.total)]));
  }

  async insertMany(rows: readonly Omit<PaymentRecord, 'status' | 'reversedAt' | 'reversalReason'>[]): Promise<void> {
    if (rows.length === 0) return;
    const payload = rows.map((p) => ({
      creditor_id: p.creditorId, id: p.id, case_id: p.caseId, amount_cents: p.amountCents, currency: p.currency, value_date: p.valueDate,
      received_at: p.receivedAt.toISOString(), method: p.method, source: p.source, external_ref: p.externalRef, allocation: p.allocation,
      payer_name: p.payerName, recorded_by: p.recordedBy,
    }));
    await this.db.execute(sql`
      insert into payments (creditor_id, id, case_id, amount_cents, currency, value_date, received_at, method, source, external_ref, allocation, payer_name, recorded_by)
      select creditor_id, id, case_id, amount_cents, currency, value_date, received_at, method, source, external_ref, allocation, payer_name, recorded_by
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(creditor_id uuid, id uuid, case_id uuid, amount_cents bigint, currency text,
             value_date date, received_at timestamptz, method text, source text, external_ref text, allocation jsonb, payer_name text, recorded_by text)`);
  }

  async addPaidMany(rows: readonly { creditorId: string; caseId: string; delta: PaidDelta; lastPaymentDate: string }[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    const payload = rows.map((r) => ({
      creditor_id: r.creditorId, case_id: r.caseId, principal: r.delta.principal, interest: r.delta.interest, accessories: r.delta.accessories, paid_on: r.lastPaymentDate,
    }));
    await this.db.execute(sql`
      update cases c
         set paid_principal_cents = c.paid_principal_cents + r.principal, paid_interest_cents = c.paid_interest_cents + r.interest,
             paid_accessories_cents = c.paid_accessories_cents + r.accessories, last_payment_date = greatest(c.last_payment_date, r.paid_on),
             updated_at = ${at.toISOString()}::timestamptz, version = c.version + 1
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(creditor_id uuid, case_id uuid, principal bigint, interest bigint, accessories bigint, paid_on date)
       where c.creditor_id = r.creditor_id and c.id = r.case_id`);
  }

  async cancelPendingCollectionMessagesMany(rows: readonly { creditorId: string; caseId: string; reason: string }[], at: Date): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (rows.length === 0) return result;
    const payload = rows.map((r) => ({ creditor_id: r.creditorId, case_id: r.caseId, reason: r.reason }));
    const cancelled = await queryRows<{ id: string; case_id: string }>(this.db, sql`
      update outbox o
         set status = 'cancelled', last_error = 'cancelled: ' || r.reason, updated_at = ${at.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(creditor_id uuid, case_id uuid, reason text)
       where o.creditor_id = r.creditor_id and o.case_id = r.case_id and o.status = 'pending' and o.purpose = 'collection' and o.template <> 'first-letter'
      returning o.id, o.case_id`);
    for (const row of cancelled) {
      const list = result.get(row.case_id);
      if (list) list.push(row.id);
      else result.set(row.case_id, [row.id]);
    }
    return result;
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
