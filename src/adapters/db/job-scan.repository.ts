/** The book-wide scans of periodic jobs (application/ports/job-scans.ts), keyset-paged. */
import { and, lt, sql } from 'drizzle-orm';
import type { DueInstalment, DueRightsRequest, InstalmentCursor, JobScanRepository, RightsDeadlineAlert } from '../../application/ports/job-scans.ts';
import { newId } from './ids.ts';
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

  async rightsRequestsDueBy(until: CivilDate, afterId: string | null, limit: number): Promise<DueRightsRequest[]> {
    const rows = await queryRows<{ creditor_id: string; case_id: string; id: string; kind: string; due_on: string }>(this.db, sql`
      select creditor_id, case_id, id, kind, coalesce(extended_due_on, due_on) as due_on
        from rights_requests
       where status in ('open', 'extended') and coalesce(extended_due_on, due_on) <= ${until}
         ${afterId ? sql`and id > ${afterId}::uuid` : sql``}
       order by id
       limit ${limit}`);
    return rows.map((r) => ({ creditorId: r.creditor_id, caseId: r.case_id, requestId: r.id, kind: r.kind, dueOn: r.due_on as CivilDate }));
  }

  async recordRightsDeadlineAlert(alert: RightsDeadlineAlert): Promise<boolean> {
    const data = JSON.stringify({ requestId: alert.requestId, kind: alert.kind, dueOn: alert.dueOn, stage: alert.stage });
    const rows = await queryRows<{ id: string }>(this.db, sql`
      insert into case_events (creditor_id, id, case_id, at, type, actor_kind, actor_id, data)
      select ${alert.creditorId}::uuid, ${newId()}::uuid, ${alert.caseId}::uuid, ${alert.at}, 'rights_request.deadline_alert', 'system', 'job:gdpr.deadline-alerts', ${data}::jsonb
       where not exists (
         select 1 from case_events
          where creditor_id = ${alert.creditorId}::uuid and case_id = ${alert.caseId}::uuid and type = 'rights_request.deadline_alert'
            and data->>'requestId' = ${alert.requestId} and data->>'stage' = ${alert.stage})
      returning id`);
    return rows.length === 1;
  }
}
