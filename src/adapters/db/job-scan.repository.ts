/** The book-wide scans of periodic jobs (application/ports/job-scans.ts), keyset-paged. */
import { and, lt, sql } from 'drizzle-orm';
import type { DueInstalment, InstalmentCursor, JobScanRepository } from '../../application/ports/job-scans.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import { queryRows, type AppDb } from './open-database.ts';
import { caughtMessages, sessions } from './schema.ts';

export class DrizzleJobScanRepository implements JobScanRepository {
  constructor(private readonly db: AppDb) {}

  async instalmentsDueBetween(from: CivilDate, to: CivilDate, after: InstalmentCursor | null, limit: number): Promise<DueInstalment[]> {
    const rows = await queryRows<{ creditor_id: string; case_id: string; plan_id: string; number: number; due_on: string; amount_cents: number }>(this.db, sql`
      select p.creditor_id, p.case_id, i.plan_id, i.number, i.due_on, i.amount_cents
        from plan_instalments i
        join plans p on p.creditor_id = i.creditor_id and p.id = i.plan_id
       where p.status = 'active' and i.due_on between ${from} and ${to}
         ${after ? sql`and (i.plan_id, i.number) > (${after.planId}::uuid, ${after.number}::int)` : sql``}
       order by i.plan_id, i.number
       limit ${limit}`);
    return rows.map((r) => ({
      creditorId: r.creditor_id, caseId: r.case_id, planId: r.plan_id, number: Number(r.number), dueOn: r.due_on as CivilDate, amountCents: Number(r.amount_cents),
    }));
  }

  async casesWithOpenArrangements(afterCaseId: string | null, limit: number): Promise<string[]> {
    const rows = await queryRows<{ case_id: string }>(this.db, sql`
      select case_id from (
        select case_id from promises where status = 'pending'
        union select case_id from plans where status = 'active'
        union select case_id from settlements where status = 'pending'
      ) open
      ${afterCaseId ? sql`where case_id > ${afterCaseId}::uuid` : sql``}
      order by case_id
      limit ${limit}`);
    return rows.map((r) => r.case_id);
  }

  async purgeExpiredSessions(before: Date): Promise<number> {
    const deleted = await this.db.delete(sessions).where(lt(sessions.expiresAt, before)).returning({ id: sessions.id });
    return deleted.length;
  }

  async purgeCaughtMessages(before: Date): Promise<number> {
    const deleted = await this.db.delete(caughtMessages).where(and(lt(caughtMessages.createdAt, before))).returning({ id: caughtMessages.id });
    return deleted.length;
  }
}
