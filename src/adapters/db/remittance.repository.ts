import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { MandateLine } from '../../domain/remittance/index.ts';
import type { HeldFundsRow, RemittanceEntryRow, RemittanceRecord, RemittanceRepository } from '../../application/ports/remittances.ts';
import { queryRows, type DbExecutor } from './open-database.ts';
import { creditors, remittanceItems, remittances } from './schema.ts';

const recordColumns = {
  creditorId: remittances.creditorId, creditorName: creditors.name, id: remittances.id, periodFrom: remittances.periodFrom, periodTo: remittances.periodTo,
  status: remittances.status, collectedCents: remittances.collectedCents, directCents: remittances.directCents, reversedCents: remittances.reversedCents,
  commissionCents: remittances.commissionCents, payableCents: remittances.payableCents, summary: remittances.summary, createdBy: remittances.createdBy,
  createdAt: remittances.createdAt, paidOn: remittances.paidOn, paidAt: remittances.paidAt,
};

type Row = Omit<RemittanceRecord, 'summary'> & { summary: unknown };
const toRecord = (row: Row): RemittanceRecord => ({ ...row, summary: row.summary as MandateLine[] });

interface EntrySql extends Record<string, unknown> {
  payment_id: string; kind: 'collected' | 'reversal'; case_id: string; creditor_reference: string; mandate_id: string | null; mandate_reference: string | null;
  commission_bps: number | null; value_date: string; method: string; amount_cents: number;
}

const toEntry = (r: EntrySql): RemittanceEntryRow => ({
  paymentId: r.payment_id, kind: r.kind, caseId: r.case_id, creditorReference: r.creditor_reference, mandateId: r.mandate_id,
  mandateReference: r.mandate_reference, commissionBps: Number(r.commission_bps ?? 0), valueDate: r.value_date, method: r.method, amountCents: Number(r.amount_cents),
});

export class DrizzleRemittanceRepository implements RemittanceRepository {
  constructor(private readonly db: DbExecutor) {}

  async lockCreditor(creditorId: string): Promise<string | null> {
    const [row] = await queryRows<{ name: string }>(this.db, sql`select name from creditors where id = ${creditorId} for update`);
    return row?.name ?? null;
  }

  async unremittedEntries(creditorId: string, from: string, to: string): Promise<RemittanceEntryRow[]> {
    // The case's mandate sets the commission rate (CPCE-exéc R124-3); a case without a mandate earns none.
    const rows = await queryRows<EntrySql>(this.db, sql`
      select p.id as payment_id, 'collected' as kind, p.case_id, c.creditor_reference, c.mandate_id, m.reference as mandate_reference,
             m.commission_bps, p.value_date, p.method, p.amount_cents
        from payments p
        join cases c on c.creditor_id = p.creditor_id and c.id = p.case_id
        left join mandates m on m.creditor_id = c.creditor_id and m.id = c.mandate_id
       where p.creditor_id = ${creditorId} and p.status = 'booked' and p.value_date between ${from} and ${to}
         and not exists (select 1 from remittance_items i where i.creditor_id = p.creditor_id and i.payment_id = p.id and i.kind = 'collected')
      union all
      select p.id, 'reversal', p.case_id, c.creditor_reference, c.mandate_id, m.reference, m.commission_bps,
             p.value_date, p.method, -p.amount_cents
        from payments p
        join cases c on c.creditor_id = p.creditor_id and c.id = p.case_id
        left join mandates m on m.creditor_id = c.creditor_id and m.id = c.mandate_id
       where p.creditor_id = ${creditorId} and p.status = 'reversed' and p.reversed_at < (${to}::date + 1)
         and exists (select 1 from remittance_items i where i.creditor_id = p.creditor_id and i.payment_id = p.id and i.kind = 'collected')
         and not exists (select 1 from remittance_items i where i.creditor_id = p.creditor_id and i.payment_id = p.id and i.kind = 'reversal')
       order by value_date, payment_id`);
    return rows.map(toEntry);
  }

  async insert(record: Omit<RemittanceRecord, 'creditorName' | 'createdAt' | 'paidOn' | 'paidAt' | 'status'>, items: readonly RemittanceEntryRow[], at: Date): Promise<void> {
    await this.db.insert(remittances).values({ ...record, summary: record.summary as unknown as object, createdAt: at });
    for (let i = 0; i < items.length; i += 1000) {
      await this.db.insert(remittanceItems).values(items.slice(i, i + 1000).map((item) => ({
        creditorId: record.creditorId, paymentId: item.paymentId, kind: item.kind, remittanceId: record.id, caseId: item.caseId,
        mandateId: item.mandateId, valueDate: item.valueDate, method: item.method, amountCents: item.amountCents,
      })));
    }
  }

  async list(filter: { readonly creditorId?: string; readonly limit: number; readonly offset: number }): Promise<{ items: RemittanceRecord[]; total: number }> {
    const where = filter.creditorId ? eq(remittances.creditorId, filter.creditorId) : undefined;
    const rows = await this.db.select(recordColumns).from(remittances).innerJoin(creditors, eq(creditors.id, remittances.creditorId))
      .where(where).orderBy(desc(remittances.createdAt), desc(remittances.id)).limit(filter.limit).offset(filter.offset);
    const [total] = await this.db.select({ n: count() }).from(remittances).where(where);
    return { items: rows.map(toRecord), total: total?.n ?? 0 };
  }

  async find(id: string): Promise<RemittanceRecord | null> {
    const [row] = await this.db.select(recordColumns).from(remittances).innerJoin(creditors, eq(creditors.id, remittances.creditorId)).where(eq(remittances.id, id));
    return row ? toRecord(row) : null;
  }

  async items(creditorId: string, id: string): Promise<RemittanceEntryRow[]> {
    const rows = await queryRows<EntrySql>(this.db, sql`
      select i.payment_id, i.kind, i.case_id, c.creditor_reference, i.mandate_id, m.reference as mandate_reference, m.commission_bps,
             i.value_date, i.method, i.amount_cents
        from remittance_items i
        join cases c on c.creditor_id = i.creditor_id and c.id = i.case_id
        left join mandates m on m.creditor_id = i.creditor_id and m.id = i.mandate_id
       where i.creditor_id = ${creditorId} and i.remittance_id = ${id}
       order by i.value_date, i.payment_id, i.kind`);
    return rows.map(toEntry);
  }

  async markPaid(creditorId: string, id: string, paidOn: string, by: string, at: Date): Promise<boolean> {
    const rows = await this.db.update(remittances).set({ status: 'paid', paidOn, paidBy: by, paidAt: at })
      .where(and(eq(remittances.creditorId, creditorId), eq(remittances.id, id), eq(remittances.status, 'issued'))).returning({ id: remittances.id });
    return rows.length === 1;
  }

  async heldFunds(): Promise<HeldFundsRow[]> {
    const rows = await queryRows<{ creditor_id: string; name: string; value_date: string; amount: number }>(this.db, sql`
      select p.creditor_id, cr.name, p.value_date, sum(p.amount_cents) as amount
        from payments p
        join creditors cr on cr.id = p.creditor_id
       where p.status = 'booked' and p.method <> 'creditor_direct'
         and not exists (
           select 1 from remittance_items i join remittances r on r.creditor_id = i.creditor_id and r.id = i.remittance_id
            where i.creditor_id = p.creditor_id and i.payment_id = p.id and i.kind = 'collected' and r.status = 'paid')
       group by p.creditor_id, cr.name, p.value_date
       order by p.creditor_id, p.value_date`);
    return rows.map((r) => ({ creditorId: r.creditor_id, creditorName: r.name, valueDate: r.value_date, amountCents: Number(r.amount) }));
  }
}
