import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { CaseListFilter, CaseRepository, CaseSummary } from '../../application/ports/repositories.ts';
import type { DbExecutor } from './open-database.ts';
import { cases, creditors, debtors } from './schema.ts';

const summaryColumns = {
  id: cases.id, creditorId: cases.creditorId, creditorName: creditors.name, debtorId: cases.debtorId,
  debtorName: sql<string>`coalesce(${debtors.companyName}, trim(coalesce(${debtors.firstName}, '') || ' ' || coalesce(${debtors.lastName}, '')))`,
  creditorReference: cases.creditorReference, category: cases.category, status: cases.status, currency: cases.currency,
  principalCents: cases.principalCents, interestCents: cases.interestCents, accessoriesCents: cases.accessoriesCents,
  dueDate: cases.dueDate, limitationExpiresOn: cases.limitationExpiresOn, teamId: cases.teamId, assignedUserId: cases.assignedUserId,
  // Creditor API (issue #7 part B): paid so far and the balance (what lockCase calls balanceCents).
  paidCents: sql<number>`(${cases.paidPrincipalCents} + ${cases.paidInterestCents} + ${cases.paidAccessoriesCents})::bigint`.mapWith(Number),
  balanceCents: sql<number>`greatest(0, ${cases.principalCents} + ${cases.interestCents} + ${cases.accessoriesCents} - ${cases.paidPrincipalCents} - ${cases.paidInterestCents} - ${cases.paidAccessoriesCents} - ${cases.waivedCents})::bigint`.mapWith(Number),
};

export class DrizzleCaseRepository implements CaseRepository {
  constructor(private readonly db: DbExecutor) {}

  async findSummary(caseId: string): Promise<CaseSummary | null> {
    const [row] = await this.db.select(summaryColumns).from(cases)
      .innerJoin(creditors, eq(creditors.id, cases.creditorId))
      .innerJoin(debtors, eq(debtors.id, cases.debtorId))
      .where(eq(cases.id, caseId));
    return row ?? null;
  }

  async listSummaries(filter: CaseListFilter): Promise<{ items: CaseSummary[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.creditorId !== undefined) conditions.push(eq(cases.creditorId, filter.creditorId));
    if (filter.status !== undefined) conditions.push(eq(cases.status, filter.status));
    const where = conditions.length ? and(...conditions) : undefined;
    const items = await this.db.select(summaryColumns).from(cases)
      .innerJoin(creditors, eq(creditors.id, cases.creditorId))
      .innerJoin(debtors, eq(debtors.id, cases.debtorId))
      .where(where).orderBy(desc(cases.openedAt), desc(cases.id)).limit(filter.limit).offset(filter.offset);
    const [total] = await this.db.select({ n: count() }).from(cases).where(where);
    return { items, total: total?.n ?? 0 };
  }
}
