/**
 * The back office's SQL (issue #6). The worklist query walks `cases_worklist_user_idx` or
 * `cases_worklist_team_idx` in (call_priority desc, id) order and stops at its LIMIT; the open
 * suspension check is one probe of `suspensions_case_idx` per row (docs/backoffice.md).
 */
import { sql, type SQL } from 'drizzle-orm';
import type {
  ApprovalRow, AssignmentRuleRow, BackofficeRepository, CallAttemptRow, CaseAccess, CaseFileRaw, CaseFileRead, CaseFileRepository, IdentityFileRow, KpiFilter,
  KpiRaw, MandateTerms, PriorityInputs, SessionWorklistQuery, SuspensionRow, WorklistCandidateCase, WorklistQuery,
} from '../../application/ports/backoffice-repository.ts';
import type { PriorityReason } from '../../domain/backoffice/index.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Decision, HistoryHorizon } from '../../domain/contact-policy/index.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import type { SessionWithUser } from '../../application/ports/user-records.ts';
import { newId } from './ids.ts';
import { sessionWithUserColumns, sessionWithUserColumnsWhen, toSessionWithUser } from './session.repository.ts';
import { callFactsListColumnsFrom, callFactsRowColumns, engineCaseListColumnsFrom, engineCaseRowColumns, toCallFacts, toEngineCase } from './engine-case.sql.ts';
import { opaque, queryRows, shapedRows, type DbExecutor } from './open-database.ts';

/** Raw rows of the wide case-file read, mapped field by field below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const balanceSql = sql.raw(`(c.principal_cents + c.interest_cents + c.accessories_cents - c.paid_principal_cents - c.paid_interest_cents - c.paid_accessories_cents - c.waived_cents)`);
const debtorNameSql = sql.raw(`coalesce(d.company_name, trim(coalesce(d.first_name, '') || ' ' || coalesce(d.last_name, '')))`);
/** Collection by phone only in these states (R124-4: not before the notice; never once closed or in litigation). */
const callableStatuses = sql.raw(`('active', 'promise', 'plan')`);
const openSuspensionAt = (at: SQL) => sql`exists (select 1 from suspensions s where s.creditor_id = c.creditor_id and s.case_id = c.id
  and s.resolved_at is null and s.from_at <= ${at} and (s.until_at is null or s.until_at > ${at}))`;

/** The mandate's terms, as columns of a query joining `mandates m` (the case file reads them with the case). */
const mandateColumns = sql.raw(`m.id as mandate_terms_id, m.reference as mandate_reference, m.max_plan_months as mandate_max_plan_months,
  m.min_instalment_cents as mandate_min_instalment_cents, m.max_discount_bps as mandate_max_discount_bps,
  m.interest_waiver_allowed as mandate_interest_waiver_allowed, m.grace_days as mandate_grace_days`);
interface MandateRow extends Record<string, unknown> {
  mandate_terms_id: string | null; mandate_reference: string | null; mandate_max_plan_months: number | null; mandate_min_instalment_cents: number | null;
  mandate_max_discount_bps: number | null; mandate_interest_waiver_allowed: boolean | null; mandate_grace_days: number | null;
}
/** No mandate on file: the strictest terms (no plan beyond 1 month without approval, no discount). */
const toMandateTerms = (row: MandateRow | undefined): MandateTerms => ({
  id: row?.mandate_terms_id ?? null, reference: row?.mandate_reference ?? null, maxPlanMonths: row?.mandate_max_plan_months ?? 1,
  minInstalmentCents: Number(row?.mandate_min_instalment_cents ?? 0), maxDiscountBps: row?.mandate_max_discount_bps ?? 0,
  interestWaiverAllowed: row?.mandate_interest_waiver_allowed ?? false, graceDays: row?.mandate_grace_days ?? 10,
});

interface AccessRow extends Record<string, unknown> { creditor_id: string; id: string; debtor_id: string; status: CaseStatus; team_id: string | null; assigned_user_id: string | null }
const toAccess = (r: AccessRow): CaseAccess => ({ caseId: r.id, creditorId: r.creditor_id, debtorId: r.debtor_id, status: r.status, teamId: r.team_id, assignedUserId: r.assigned_user_id });

interface SuspensionDbRow extends Record<string, unknown> {
  creditor_id: string; id: string; case_id: string; debtor_id: string; kind: string; from_at: Date; until_at: Date | null; reason: string | null;
  opened_by: string | null; resolved_at: Date | null; resolution: string | null;
}
const toSuspension = (r: SuspensionDbRow): SuspensionRow => ({
  creditorId: r.creditor_id, id: r.id, caseId: r.case_id, debtorId: r.debtor_id, kind: r.kind, fromAt: r.from_at, untilAt: r.until_at, reason: r.reason,
  openedBy: r.opened_by, resolvedAt: r.resolved_at, resolution: r.resolution,
});

type CandidateRow = AccessRow & {
  creditor_name: string; debtor_name: string; creditor_reference: string; balance: number; call_priority: number; priority_reasons: PriorityReason[];
};
const opaqueValue = (name: string, type: 'uuid' | 'int' | 'timestamptz') => opaque(sql.placeholder(name), type);
const horizonValues = (limit: number, horizon: HistoryHorizon): Record<string, unknown> => ({
  limit, attemptsFrom: new Date(horizon.attemptsFrom).toISOString(), callbacksFrom: new Date(horizon.callbacksFrom).toISOString(),
});
/** The values of a worklist part's clauses but its scope. */
function partValues(values: Record<string, unknown>, q: Pick<WorklistQuery, 'now' | 'limit' | 'after'>, i: number): void {
  values[`q${i}Now`] = q.now.toISOString();
  values[`q${i}Limit`] = q.limit;
  if (q.after) {
    values[`q${i}AfterPriority`] = q.after.priority;
    values[`q${i}AfterId`] = q.after.id;
  }
}
/**
 * One scope of a page: the cases `scope` selects, callable now, in the index's order up to its LIMIT, with the
 * case, creditor and debtor row it already joins.
 */
function candidatePart(q: Pick<WorklistQuery, 'after'>, i: number, scope: SQL): SQL {
  const after = q.after
    ? sql`and (c.call_priority < ${opaqueValue(`q${i}AfterPriority`, 'int')} or (c.call_priority = ${opaqueValue(`q${i}AfterPriority`, 'int')} and c.id > ${opaqueValue(`q${i}AfterId`, 'uuid')}))`
    : sql``;
  const now = opaqueValue(`q${i}Now`, 'timestamptz');
  return sql`(
      select c.creditor_id, c.id, c.debtor_id, c.status, c.team_id, c.assigned_user_id, cr.name as creditor_name, ${debtorNameSql} as debtor_name,
             c.creditor_reference, ${balanceSql} as balance, c.call_priority, c.priority_reasons, ${callFactsRowColumns}
        from cases c
        join creditors cr on cr.id = c.creditor_id
        join debtors d on d.id = c.debtor_id
       where ${scope}
         and c.status in ${callableStatuses}
         and (c.next_call_at is null or c.next_call_at <= ${now})
         and not ${openSuspensionAt(now)}
         ${after}
       -- 'nulls last' as in the indexes (call_priority is not null): without it the order does not match
       -- the index, and every case of the agent or team is read and sorted before the LIMIT.
       order by c.call_priority desc nulls last, c.id
       limit ${opaqueValue(`q${i}Limit`, 'int')})`;
}
/** The parts merged and cut to the page's `limit`, in (priority desc, id) order — what merging the lists in JavaScript gave. */
const candidatesCut = (parts: SQL[]) => sql`select * from (${sql.join(parts, sql` union all `)}) u order by u.call_priority desc nulls last, u.id limit ${opaqueValue('limit', 'int')}`;
/** What a call's decision reads of each candidate `c` (`CallFacts`), read for the candidates left after the cut only. */
const pageListColumns = callFactsListColumnsFrom(opaqueValue('attemptsFrom', 'timestamptz'), opaqueValue('callbacksFrom', 'timestamptz'));
// Field by field: spreading `toAccess(r)` into a wider literal made each row a slow dictionary-mode
// object, ~14 µs a row (half a millisecond of CPU per worklist page, measured in a loop).
const toCandidateCase = (r: CandidateRow): WorklistCandidateCase => ({
  candidate: {
    caseId: r.id, creditorId: r.creditor_id, debtorId: r.debtor_id, status: r.status, teamId: r.team_id, assignedUserId: r.assigned_user_id,
    creditorName: r.creditor_name, debtorName: r.debtor_name, creditorReference: r.creditor_reference, balanceCents: Number(r.balance),
    callPriority: r.call_priority, priorityReasons: r.priority_reasons,
  },
  engineCase: toCallFacts(r),
});

export class DrizzleBackofficeRepository implements BackofficeRepository, CaseFileRepository {
  constructor(private readonly db: DbExecutor) {}

  private rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
    return queryRows<T>(this.db, query);
  }

  async caseAccess(caseId: string): Promise<CaseAccess | null> {
    const [row] = await this.rows<AccessRow>(sql`select creditor_id, id, debtor_id, status, team_id, assigned_user_id from cases where id = ${caseId}`);
    return row ? toAccess(row) : null;
  }

  /**
   * The scopes of a page (the agent's own cases, their team's pool) and the engine's view of each candidate
   * in one statement: each part walks its own index in order and stops at its LIMIT, with the case, creditor
   * and debtor row it already joins; the union is merged and cut to `limit` — what merging the two lists in
   * JavaScript gave (uuids order as their text does) —, and only then are the candidates' lists (contact
   * points, open suspensions, the history since the horizon, preferences) read, for those `limit` cases.
   * One round trip instead of two (the candidates, then their engine cases by id, which looked the same
   * cases and debtors up a second time).
   */
  async worklistCandidates(queries: readonly WorklistQuery[], limit: number, horizon: HistoryHorizon): Promise<WorklistCandidateCase[]> {
    if (queries.length === 0) return [];
    // Every value is an `opaque` placeholder: the statement keeps one generic plan per connection instead
    // of being planned on every page, and its text is built once per shape (which clauses each part has).
    const values = horizonValues(limit, horizon);
    const shapes: string[] = [];
    queries.forEach((q, i) => {
      partValues(values, q, i);
      if (q.userId !== undefined) values[`q${i}Scope`] = q.userId;
      else values[`q${i}Scope`] = q.teamId ?? null;
      if (q.creditorId) values[`q${i}Creditor`] = q.creditorId;
      shapes.push(`${q.userId !== undefined ? 'user' : q.unassignedOnly ? 'pool' : 'team'}${q.after ? '+after' : ''}${q.creditorId ? '+creditor' : ''}`);
    });
    const scopeOf = (q: WorklistQuery, i: number) => {
      const scope = opaqueValue(`q${i}Scope`, 'uuid');
      const clause = q.userId !== undefined ? sql`c.assigned_user_id = ${scope}` : q.unassignedOnly ? sql`c.team_id = ${scope} and c.assigned_user_id is null` : sql`c.team_id = ${scope}`;
      return q.creditorId ? sql`${clause} and c.creditor_id = ${opaqueValue(`q${i}Creditor`, 'uuid')}` : clause;
    };
    // A named prepared statement: one per shape (the combination of the clauses above), a few dozen at most.
    const rows = await shapedRows<CandidateRow>(this.db, `worklist:${shapes.join(',')}`, () => sql`
      select c.*, ${pageListColumns}
        from (${candidatesCut(queries.map((q, i) => candidatePart(q, i, scopeOf(q, i))))}) c
       order by c.call_priority desc nulls last, c.id`, values);
    return rows.map(toCandidateCase);
  }

  /**
   * The session (`sessionWithUserColumns`, given once, on the first row) and the first candidates of its
   * user's worklist, in one statement. The parts take the user and their team from the session's row
   * (`sess`), and none of them runs unless the session is unexpired at `now` and its user exists, is not
   * disabled and holds one of `roles` (a one-time filter): an unknown, expired or refused session reads no
   * case. With no candidate (or no page), one row of the session alone; no row: no such session. The
   * caller still decides on the session as `findWithUser`'s (`admitSession`, then the route's roles).
   */
  async sessionWorklistCandidates(query: SessionWorklistQuery, horizon: HistoryHorizon): Promise<{ found: SessionWithUser | null; candidates: WorklistCandidateCase[] }> {
    const values = horizonValues(query.limit, horizon);
    values.sessionId = query.sessionId;
    values.roles = `{${query.roles.join(',')}}`;
    values.sessionNow = query.now.toISOString();
    const parts: { q: WorklistQuery; scope: SQL; shape: string }[] = [];
    const part = { now: query.now, after: query.after, limit: query.limit };
    if (query.scope !== 'team') parts.push({ q: part, scope: sql.raw('c.assigned_user_id = (select s_u_id from sess)'), shape: 'user' });
    // The team's pool; a user without a team has none (`team_id = null` matches no case).
    if (query.scope !== 'mine') parts.push({ q: part, scope: sql.raw('c.team_id = (select s_u_team_id from sess) and c.assigned_user_id is null'), shape: 'pool' });
    parts.forEach(({ q }, i) => partValues(values, q, i));
    const admitted = sql.raw('(select s_admitted from sess)');
    const rows = await shapedRows<CandidateRow & { first_row: boolean | null }>(this.db, `worklist+session:${parts.map((p) => p.shape).join(',')}${query.after ? '+after' : ''}`, () => sql`
      with sess as materialized (
        select ${sessionWithUserColumns()},
               s.expires_at > ${opaqueValue('sessionNow', 'timestamptz')} and u.id is not null and u.disabled_at is null
                 and u.role = any(${sql.placeholder('roles')}::text[]) as s_admitted
          from sessions s left join users u on u.id = s.user_id
         where s.id = ${sql.placeholder('sessionId')})
      select ${sessionWithUserColumnsWhen('c.first_row is not false')}, c.*, ${pageListColumns}
        from sess left join (
          select p.*, row_number() over () = 1 as first_row
            from (${candidatesCut(parts.map(({ q, scope }, i) => candidatePart(q, i, sql`${scope} and ${admitted}`)))}) p) c on true
       order by c.call_priority desc nulls last, c.id`, values);
    const sessionRow = rows.find((r) => r.first_row !== false);
    if (!sessionRow) return { found: null, candidates: [] };
    return { found: toSessionWithUser(query.sessionId, sessionRow), candidates: rows.filter((r) => r.id !== null).map(toCandidateCase) };
  }

  async priorityInputs(caseId: string): Promise<PriorityInputs | null> {
    const [row] = await this.rows<{ creditor_id: string; id: string; balance: number; limitation_expires_on: string | null; promise_due: string | null; instalment_due: string | null; last_contact: Date | null }>(sql`
      select c.creditor_id, c.id, ${balanceSql} as balance, c.limitation_expires_on::text as limitation_expires_on,
             (select min(p.due_on)::text from promises p where p.creditor_id = c.creditor_id and p.case_id = c.id and p.status = 'pending') as promise_due,
             (select min(i.due_on)::text from plans pl join plan_instalments i on i.creditor_id = pl.creditor_id and i.plan_id = pl.id
               where pl.creditor_id = c.creditor_id and pl.case_id = c.id and pl.status = 'active'
                 and (select coalesce(sum(i2.amount_cents), 0) from plan_instalments i2 where i2.creditor_id = pl.creditor_id and i2.plan_id = pl.id and i2.number <= i.number)
                   > (select coalesce(sum(pay.amount_cents), 0) from payments pay where pay.creditor_id = c.creditor_id and pay.case_id = c.id and pay.status = 'booked' and pay.value_date >= pl.agreed_on)
             ) as instalment_due,
             (select max(a.at) from contact_attempts a where a.creditor_id = c.creditor_id and a.case_id = c.id and a.direction = 'outbound' and a.allowed) as last_contact
        from cases c where c.id = ${caseId}`);
    if (!row) return null;
    return {
      creditorId: row.creditor_id, caseId: row.id, balanceCents: Math.max(0, Number(row.balance)), limitationExpiresOn: row.limitation_expires_on as CivilDate | null,
      promiseDueOn: row.promise_due as CivilDate | null, instalmentDueOn: row.instalment_due as CivilDate | null, lastContactAt: row.last_contact ? new Date(row.last_contact) : null,
    };
  }

  async setWorklistState(creditorId: string, caseId: string, priority: number, reasons: readonly PriorityReason[], nextCallAt: Date | null): Promise<void> {
    await this.db.execute(sql`update cases set call_priority = ${priority}, priority_reasons = ${JSON.stringify(reasons)}::jsonb,
      next_call_at = ${nextCallAt ? nextCallAt.toISOString() : null}::timestamptz where creditor_id = ${creditorId} and id = ${caseId}`);
  }

  async openCaseIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(sql`select id from cases c where c.status in ${callableStatuses}
      ${afterId ? sql`and c.id > ${afterId}` : sql``} order by c.id limit ${limit}`);
    return rows.map((r) => r.id);
  }

  async mandateFor(creditorId: string, caseId: string): Promise<MandateTerms> {
    const [row] = await this.rows<MandateRow>(sql`
      select ${mandateColumns} from cases c left join mandates m on m.creditor_id = c.creditor_id and m.id = c.mandate_id
       where c.creditor_id = ${creditorId} and c.id = ${caseId}`);
    return toMandateTerms(row);
  }

  async identityFile(caseId: string): Promise<IdentityFileRow | null> {
    const [row] = await this.rows<{ birth_date: string | null; birth_place: string | null; postcode: string | null; contract: string | null; email: string | null }>(sql`
      select d.birth_date::text as birth_date, d.birth_place,
             (select cp.postal->>'postcode' from contact_points cp where cp.debtor_id = d.id and cp.kind = 'postal' and cp.status <> 'wrong' order by cp.is_primary desc, cp.created_at limit 1) as postcode,
             c.basis_contract_ref as contract,
             (select cp.value from contact_points cp where cp.debtor_id = d.id and cp.kind = 'email' and cp.status <> 'wrong' order by cp.is_primary desc, cp.created_at limit 1) as email
        from cases c join debtors d on d.id = c.debtor_id where c.id = ${caseId}`);
    return row ? { birthDate: row.birth_date, birthPlace: row.birth_place, postcode: row.postcode, contractReference: row.contract, email: row.email } : null;
  }

  async insertCallAttempt(row: CallAttemptRow & { readonly purpose: 'collection' }): Promise<void> {
    await this.db.execute(sql`insert into contact_attempts (creditor_id, id, case_id, debtor_id, channel, purpose, direction, at, outcome, address, contact_point_id, allowed, decision, user_id)
      values (${row.creditorId}, ${row.id}, ${row.caseId}, ${row.debtorId}, 'call', ${row.purpose}, 'outbound', ${row.at.toISOString()}::timestamptz, ${row.outcome},
              ${row.address}, ${row.contactPointId}, ${row.allowed}, ${JSON.stringify(row.decision)}::jsonb, ${row.userId})`);
  }

  async findCallAttempt(attemptId: string): Promise<CallAttemptRow | null> {
    const [r] = await this.rows<{ creditor_id: string; id: string; case_id: string; debtor_id: string; at: Date; outcome: string | null; allowed: boolean; user_id: string | null; contact_point_id: string | null; address: string | null; decision: Decision }>(sql`
      select creditor_id, id, case_id, debtor_id, at, outcome, allowed, user_id, contact_point_id, address, decision from contact_attempts where id = ${attemptId} and channel = 'call'`);
    return r ? {
      creditorId: r.creditor_id, id: r.id, caseId: r.case_id, debtorId: r.debtor_id, at: new Date(r.at), outcome: r.outcome, allowed: r.allowed, userId: r.user_id,
      contactPointId: r.contact_point_id, address: r.address, decision: r.decision,
    } : null;
  }

  async setCallOutcome(creditorId: string, attemptId: string, outcome: string, callbackAt: Date | null): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(sql`update contact_attempts set outcome = ${outcome}, callback_at = ${callbackAt ? callbackAt.toISOString() : null}::timestamptz
      where creditor_id = ${creditorId} and id = ${attemptId} and outcome = 'pending' and allowed returning id`);
    return rows.length === 1;
  }

  async markContactPointWrong(debtorId: string, contactPointId: string): Promise<void> {
    await this.db.execute(sql`update contact_points set status = 'wrong' where debtor_id = ${debtorId} and id = ${contactPointId}`);
  }

  async insertSuspension(row: Omit<SuspensionRow, 'resolvedAt' | 'resolution'>): Promise<void> {
    await this.db.execute(sql`insert into suspensions (creditor_id, id, case_id, debtor_id, kind, from_at, until_at, reason, opened_by)
      values (${row.creditorId}, ${row.id}, ${row.caseId}, ${row.debtorId}, ${row.kind}, ${row.fromAt.toISOString()}::timestamptz,
              ${row.untilAt ? row.untilAt.toISOString() : null}::timestamptz, ${row.reason}, ${row.openedBy})`);
  }

  async openCasesOfDebtorWithout(debtorId: string, exceptCaseId: string, kind: string): Promise<CaseAccess[]> {
    const rows = await this.rows<AccessRow>(sql`
      select c.creditor_id, c.id, c.debtor_id, c.status, c.team_id, c.assigned_user_id from cases c
       where c.debtor_id = ${debtorId} and c.id <> ${exceptCaseId} and c.status not like 'closed%'
         and not exists (select 1 from suspensions s where s.creditor_id = c.creditor_id and s.case_id = c.id and s.kind = ${kind} and s.resolved_at is null)
       order by c.id`);
    return rows.map(toAccess);
  }

  async findSuspension(suspensionId: string): Promise<SuspensionRow | null> {
    const [r] = await this.rows<SuspensionDbRow>(sql`select * from suspensions where id = ${suspensionId}`);
    return r ? toSuspension(r) : null;
  }

  async resolveSuspension(creditorId: string, suspensionId: string, resolution: string, at: Date): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(sql`update suspensions set resolved_at = ${at.toISOString()}::timestamptz, resolution = ${resolution}
      where creditor_id = ${creditorId} and id = ${suspensionId} and resolved_at is null returning id`);
    return rows.length === 1;
  }

  async openSuspensions(filter: { readonly kinds?: readonly string[]; readonly creditorId?: string; readonly limit: number }) {
    const kinds = filter.kinds?.length ? sql`and s.kind in (${sql.join(filter.kinds.map((k) => sql`${k}`), sql`, `)})` : sql``;
    const creditor = filter.creditorId ? sql`and s.creditor_id = ${filter.creditorId}` : sql``;
    const rows = await this.rows<SuspensionDbRow & { creditor_reference: string; debtor_name: string }>(sql`
      select s.*, c.creditor_reference, ${debtorNameSql} as debtor_name from suspensions s
        join cases c on c.creditor_id = s.creditor_id and c.id = s.case_id join debtors d on d.id = c.debtor_id
       where s.resolved_at is null ${kinds} ${creditor} order by s.from_at limit ${filter.limit}`);
    return rows.map((r) => ({ ...toSuspension(r), creditorReference: r.creditor_reference, debtorName: r.debtor_name }));
  }

  async insertPromise(row: { creditorId: string; id: string; caseId: string; amountCents: number; madeOn: CivilDate; dueOn: CivilDate; origin: 'call' | 'agent'; createdBy: string }): Promise<void> {
    await this.db.execute(sql`insert into promises (creditor_id, id, case_id, amount_cents, made_on, due_on, status, origin, created_by)
      values (${row.creditorId}, ${row.id}, ${row.caseId}, ${row.amountCents}, ${row.madeOn}, ${row.dueOn}, 'pending', ${row.origin}, ${row.createdBy})`);
  }

  async insertPlan(row: Parameters<BackofficeRepository['insertPlan']>[0]): Promise<void> {
    await this.db.execute(sql`insert into plans (creditor_id, id, case_id, status, agreed_on, frequency, balance_cents, total_cents, interest_waived, budget, origin, mandate_violations, approval_reason, created_by)
      values (${row.creditorId}, ${row.id}, ${row.caseId}, ${row.status}, ${row.agreedOn}, ${row.frequency}, ${row.balanceCents}, ${row.totalCents}, ${row.interestWaived},
              ${row.budget ? JSON.stringify(row.budget) : null}::jsonb, ${row.origin}, ${JSON.stringify(row.mandateViolations)}::jsonb, ${row.approvalReason}, ${row.createdBy})`);
    let number = 0;
    for (const i of row.instalments) {
      number++;
      await this.db.execute(sql`insert into plan_instalments (creditor_id, plan_id, number, due_on, amount_cents) values (${row.creditorId}, ${row.id}, ${number}, ${i.dueOn}, ${i.amountCents})`);
    }
  }

  async findPlan(planId: string) {
    const [p] = await this.rows<{ creditor_id: string; id: string; case_id: string; status: string }>(sql`select creditor_id, id, case_id, status from plans where id = ${planId}`);
    if (!p) return null;
    const instalments = await this.rows<{ due_on: string; amount_cents: number }>(sql`select due_on::text as due_on, amount_cents from plan_instalments where creditor_id = ${p.creditor_id} and plan_id = ${p.id} order by number`);
    return { creditorId: p.creditor_id, id: p.id, caseId: p.case_id, status: p.status, instalments: instalments.map((i) => ({ dueOn: i.due_on, amountCents: Number(i.amount_cents) })) };
  }

  async decidePlan(creditorId: string, planId: string, status: 'active' | 'refused', decidedBy: string, at: Date): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(sql`update plans set status = ${status}, decided_by = ${decidedBy}, decided_at = ${at.toISOString()}::timestamptz
      where creditor_id = ${creditorId} and id = ${planId} and status = 'pending_approval' returning id`);
    return rows.length === 1;
  }

  async hasOpenPlan(creditorId: string, caseId: string): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(sql`select id from plans where creditor_id = ${creditorId} and case_id = ${caseId} and status in ('active', 'pending_approval') limit 1`);
    return rows.length > 0;
  }

  async insertSettlement(row: Parameters<BackofficeRepository['insertSettlement']>[0]): Promise<void> {
    await this.db.execute(sql`insert into settlements (creditor_id, id, case_id, status, balance_cents, amount_cents, agreed_on, due_on, origin, mandate_violations, approval_reason, created_by)
      values (${row.creditorId}, ${row.id}, ${row.caseId}, ${row.status}, ${row.balanceCents}, ${row.amountCents}, ${row.agreedOn}, ${row.dueOn}, ${row.origin},
              ${JSON.stringify(row.mandateViolations)}::jsonb, ${row.approvalReason}, ${row.createdBy})`);
  }

  async findSettlement(settlementId: string) {
    const [s] = await this.rows<{ creditor_id: string; id: string; case_id: string; status: string; amount_cents: number; due_on: string }>(sql`
      select creditor_id, id, case_id, status, amount_cents, due_on::text as due_on from settlements where id = ${settlementId}`);
    return s ? { creditorId: s.creditor_id, id: s.id, caseId: s.case_id, status: s.status, amountCents: Number(s.amount_cents), dueOn: s.due_on } : null;
  }

  async decideSettlement(creditorId: string, settlementId: string, status: 'pending' | 'refused', decidedBy: string, at: Date): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(sql`update settlements set status = ${status}, decided_by = ${decidedBy}, decided_at = ${at.toISOString()}::timestamptz
      where creditor_id = ${creditorId} and id = ${settlementId} and status = 'pending_approval' returning id`);
    return rows.length === 1;
  }

  async pendingApprovals(filter: { readonly creditorId?: string; readonly limit: number }): Promise<ApprovalRow[]> {
    const creditor = (alias: string) => (filter.creditorId ? sql`and ${sql.raw(alias)}.creditor_id = ${filter.creditorId}` : sql``);
    const rows = await this.rows<{ kind: 'plan' | 'settlement'; id: string; creditor_id: string; case_id: string; creditor_reference: string; debtor_name: string; balance_cents: number; total_cents: number; n: number; first_due: string; last_due: string; violations: ApprovalRow['violations']; reason: string | null; created_by: string; created_at: Date }>(sql`
      select * from (
        select 'plan' as kind, p.id, p.creditor_id, p.case_id, c.creditor_reference, ${debtorNameSql} as debtor_name, p.balance_cents, p.total_cents,
               (select count(*)::int from plan_instalments i where i.creditor_id = p.creditor_id and i.plan_id = p.id) as n,
               (select min(i.due_on)::text from plan_instalments i where i.creditor_id = p.creditor_id and i.plan_id = p.id) as first_due,
               (select max(i.due_on)::text from plan_instalments i where i.creditor_id = p.creditor_id and i.plan_id = p.id) as last_due,
               p.mandate_violations as violations, p.approval_reason as reason, p.created_by, p.created_at
          from plans p join cases c on c.creditor_id = p.creditor_id and c.id = p.case_id join debtors d on d.id = c.debtor_id
         where p.status = 'pending_approval' ${creditor('p')}
        union all
        select 'settlement', s.id, s.creditor_id, s.case_id, c.creditor_reference, ${debtorNameSql}, s.balance_cents, s.amount_cents, 1, s.due_on::text, s.due_on::text,
               s.mandate_violations, s.approval_reason, s.created_by, s.created_at
          from settlements s join cases c on c.creditor_id = s.creditor_id and c.id = s.case_id join debtors d on d.id = c.debtor_id
         where s.status = 'pending_approval' ${creditor('s')}
      ) a order by created_at limit ${filter.limit}`);
    return rows.map((r) => ({
      kind: r.kind, id: r.id, creditorId: r.creditor_id, caseId: r.case_id, creditorReference: r.creditor_reference, debtorName: r.debtor_name,
      balanceCents: Number(r.balance_cents), totalCents: Number(r.total_cents), instalmentCount: Number(r.n), firstDueOn: r.first_due, lastDueOn: r.last_due,
      violations: r.violations, reason: r.reason, requestedBy: r.created_by, requestedAt: new Date(r.created_at),
    }));
  }

  async assign(caseIds: readonly string[], teamId: string | null, userId: string | null) {
    if (caseIds.length === 0) return [];
    const rows = await this.rows<{ creditor_id: string; id: string; team_id: string | null; assigned_user_id: string | null }>(sql`
      update cases set team_id = ${teamId}, assigned_user_id = ${userId}, updated_at = now(), version = version + 1
       where id in (${sql.join(caseIds.map((id) => sql`${id}`), sql`, `)}) returning creditor_id, id, team_id, assigned_user_id`);
    return rows.map((r) => ({ creditorId: r.creditor_id, caseId: r.id, teamId: r.team_id, assignedUserId: r.assigned_user_id }));
  }

  async teamOf(userId: string) {
    const [r] = await this.rows<{ team_id: string | null; role: string }>(sql`select team_id, role from users where id = ${userId} and disabled_at is null`);
    return { exists: r !== undefined, teamId: r?.team_id ?? null, role: r?.role ?? null };
  }

  async teamExists(teamId: string): Promise<boolean> {
    return (await this.rows<{ id: string }>(sql`select id from teams where id = ${teamId}`)).length === 1;
  }

  async listTeamsAndAgents() {
    const teams = await this.rows<{ id: string; name: string }>(sql`select id, name from teams order by name`);
    const agents = await this.rows<{ id: string; display_name: string; team_id: string | null; role: string }>(sql`
      select id, display_name, team_id, role from users where role in ('agent', 'manager') and disabled_at is null order by display_name`);
    return { teams, agents: agents.map((a) => ({ id: a.id, displayName: a.display_name, teamId: a.team_id, role: a.role })) };
  }

  async listRules(): Promise<AssignmentRuleRow[]> {
    const rows = await this.rows<{ id: string; position: number; name: string; creditor_id: string | null; postcode_prefix: string | null; category: string | null; min_balance_cents: number | null; team_id: string; user_id: string | null }>(sql`
      select id, position, name, creditor_id, postcode_prefix, category, min_balance_cents, team_id, user_id from assignment_rules order by position`);
    return rows.map((r) => ({
      id: r.id, position: r.position, name: r.name, creditorId: r.creditor_id, postcodePrefix: r.postcode_prefix, category: r.category,
      minBalanceCents: r.min_balance_cents === null ? null : Number(r.min_balance_cents), teamId: r.team_id, userId: r.user_id,
    }));
  }

  async replaceRules(rules: readonly Omit<AssignmentRuleRow, 'id'>[], createdBy: string): Promise<AssignmentRuleRow[]> {
    await this.db.execute(sql`delete from assignment_rules`);
    for (const r of rules) {
      await this.db.execute(sql`insert into assignment_rules (id, position, name, creditor_id, postcode_prefix, category, min_balance_cents, team_id, user_id, created_by)
        values (${newId()}, ${r.position}, ${r.name}, ${r.creditorId}, ${r.postcodePrefix}, ${r.category}, ${r.minBalanceCents}, ${r.teamId}, ${r.userId}, ${createdBy})`);
    }
    return this.listRules();
  }

  async unassignedCases(limit: number) {
    const rows = await this.rows<{ creditor_id: string; id: string; postcode: string | null; category: string; balance: number }>(sql`
      select c.creditor_id, c.id, c.category, ${balanceSql} as balance,
             (select cp.postal->>'postcode' from contact_points cp where cp.debtor_id = c.debtor_id and cp.kind = 'postal' order by cp.is_primary desc, cp.created_at limit 1) as postcode
        from cases c where c.team_id is null and c.status not like 'closed_%' order by c.id limit ${limit}`);
    return rows.map((r) => ({ creditorId: r.creditor_id, caseId: r.id, postcode: r.postcode, category: r.category, balanceCents: Number(r.balance) }));
  }

  async kpis(f: KpiFilter): Promise<KpiRaw> {
    const scope = sql`${f.creditorId ? sql`and c.creditor_id = ${f.creditorId}` : sql``} ${f.teamId ? sql`and c.team_id = ${f.teamId}` : sql``}`;
    const from = f.from.toISOString();
    const to = f.to.toISOString();
    const inPeriod = (col: string) => sql`${sql.raw(col)} >= ${from}::timestamptz and ${sql.raw(col)} < ${to}::timestamptz`;
    const placements = await this.rows<{ import_id: string | null; label: string; placed: number; collected: number; n: number }>(sql`
      select c.last_import_id as import_id, coalesce(i.file_name, 'sans import / no import') as label,
             sum(c.principal_cents + c.interest_cents + c.accessories_cents)::bigint as placed,
             sum(c.paid_principal_cents + c.paid_interest_cents + c.paid_accessories_cents)::bigint as collected, count(*)::int as n
        from cases c left join imports i on i.creditor_id = c.creditor_id and i.id = c.last_import_id
       where true ${scope} group by 1, 2 order by 2 limit 50`);
    const [events] = await this.rows<Record<string, number>>(sql`
      select count(*) filter (where e.type = 'promise.created')::int as promises_created,
             count(*) filter (where e.type = 'promise.kept')::int as promises_kept,
             count(*) filter (where e.type = 'promise.broken')::int as promises_broken,
             count(*) filter (where e.type = 'plan.created')::int as plans_created,
             count(*) filter (where e.type = 'plan.completed')::int as plans_completed,
             count(*) filter (where e.type = 'plan.broken')::int as plans_broken,
             count(*) filter (where e.type = 'dispute.opened')::int as disputes_opened,
             count(*) filter (where e.type = 'contact.attempted' and e.data->>'channel' = 'call')::int as call_attempts,
             count(*) filter (where e.type = 'contact.attempted' and (e.data->>'rightParty')::boolean)::int as right_party,
             count(*) filter (where e.type = 'contact.attempted' and e.data->>'outcome' in ('promise', 'plan', 'settlement_request'))::int as with_arrangement
        from case_events e join cases c on c.creditor_id = e.creditor_id and c.id = e.case_id
       where ${inPeriod('e.at')} ${scope}`);
    const [active] = await this.rows<{ plans_active: number; cases: number }>(sql`
      select (select count(*)::int from plans p join cases c on c.creditor_id = p.creditor_id and c.id = p.case_id where p.status = 'active' ${scope}) as plans_active,
             (select count(*)::int from cases c where true ${scope}) as cases`);
    const refusals = await this.rows<{ rule: string; n: number }>(sql`
      select r->>'rule' as rule, count(*)::int as n
        from contact_attempts a join cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
        cross join lateral jsonb_array_elements(a.decision->'reasons') r
       where not a.allowed and ${inPeriod('a.at')} ${scope} group by 1 order by 2 desc`);
    const ageing = await this.rows<{ bucket: string; n: number; balance: number }>(sql`
      select case when current_date - c.due_date <= 90 then '0-90' when current_date - c.due_date <= 180 then '91-180'
                  when current_date - c.due_date <= 365 then '181-365' when current_date - c.due_date <= 730 then '366-730' else '730+' end as bucket,
             count(*)::int as n, sum(${balanceSql})::bigint as balance
        from cases c where c.status not like 'closed_%' ${scope} group by 1`);
    const order = ['0-90', '91-180', '181-365', '366-730', '730+'];
    const e = events ?? {};
    return {
      placements: placements.map((p) => ({ importId: p.import_id, label: p.label, placedCents: Number(p.placed), collectedCents: Number(p.collected), cases: p.n })),
      callAttempts: e.call_attempts ?? 0, rightPartyContacts: e.right_party ?? 0, conversationsWithArrangement: e.with_arrangement ?? 0,
      promisesCreated: e.promises_created ?? 0, promisesKept: e.promises_kept ?? 0, promisesBroken: e.promises_broken ?? 0,
      plansCreated: e.plans_created ?? 0, plansCompleted: e.plans_completed ?? 0, plansBroken: e.plans_broken ?? 0, plansActive: active?.plans_active ?? 0,
      disputesOpened: e.disputes_opened ?? 0, casesInScope: active?.cases ?? 0,
      refusalsByRule: refusals.map((r) => ({ rule: r.rule, count: r.n })),
      ageing: order.map((bucket) => {
        const row = ageing.find((a) => a.bucket === bucket);
        return { bucket, cases: row?.n ?? 0, balanceCents: Number(row?.balance ?? 0) };
      }),
    };
  }

  /**
   * One statement, one round trip and one snapshot: the case row with every list of the file as a JSON
   * array (each sub-select uses its table's case or debtor index), the mandate, and the case as the
   * compliance panel's engine sees it (`engineCaseColumns`: `loadCase`'s data, the debtor's history across
   * all their cases), so that the page does not read the case a second time. A named prepared statement
   * (`shapedRows`): its text is fixed, and with its sixteen sub-selects parsing and planning it was a
   * large part of its cost. Timestamps arrive as ISO text.
   */
  async caseFile(caseId: string, timelineLimit: number, horizon: HistoryHorizon): Promise<CaseFileRead | null> {
    const key = (alias: string) => sql.raw(`${alias}.creditor_id = c.creditor_id and ${alias}.case_id = c.id`);
    const list = (select: SQL, order: string) => sql`(select coalesce(json_agg(t order by ${sql.raw(order)}), '[]'::json) from (${select}) t)`;
    // Built once (`shapedRows`): the text with its sixteen sub-selects is the same for every case.
    const limit = sql.placeholder('timelineLimit');
    const [c] = await shapedRows<Loose>(this.db, 'caseFile', () => sql`
      select c.id, c.creditor_id, c.debtor_id, c.mandate_id, c.creditor_reference, c.category, c.debtor_type, c.basis_contract_ref, c.currency,
             c.principal_cents, c.interest_cents, c.accessories_cents, c.collection_fees_cents, c.paid_principal_cents, c.paid_interest_cents,
             c.paid_accessories_cents, c.waived_cents, c.status, c.limitation_kind, c.team_id, c.assigned_user_id, c.rf_reference, c.notice_sent_at,
             c.opened_at, c.closed_at, c.close_reason, c.document_refs, c.call_priority, c.priority_reasons,
             c.due_date::text as due_date_text, c.basis_date::text as basis_date_text, c.limitation_expires_on::text as limitation_text,
             cr.name as creditor_name,
             d.civility, d.first_name, d.last_name, d.birth_name, d.birth_date::text as birth_date_text, d.birth_place, d.company_name, d.field_sources,
             ${mandateColumns}, ${engineCaseRowColumns},
             ${engineCaseListColumnsFrom(opaque(sql.placeholder('attemptsFrom'), 'timestamptz'), opaque(sql.placeholder('callbacksFrom'), 'timestamptz'))},
             ${list(sql`select * from contact_points p where p.debtor_id = c.debtor_id`, 't.kind, t.is_primary desc, t.created_at')} as points_json,
             ${list(sql`select id, kind, file_name, media_type, size_bytes, created_at, source_kind from documents x where ${key('x')}`, 't.created_at desc')} as documents_json,
             ${list(sql`select id, at, type, actor_kind, actor_id, data from case_events x where ${key('x')} order by at desc, id desc limit ${limit}`, 't.at desc, t.id desc')} as events_json,
             (select count(*)::int from case_events x where ${key('x')}) as event_count,
             ${list(sql`select id, at, channel, direction, outcome, allowed, decision, user_id, address from contact_attempts x where ${key('x')} order by at desc limit ${limit}`, 't.at desc')} as attempts_json,
             ${list(sql`select id, channel, template, status, created_at, sent_at, recipient from outbox x where ${key('x')} order by created_at desc limit ${limit}`, 't.created_at desc')} as messages_json,
             ${list(sql`select id, amount_cents, value_date::text as value_date, method, status, received_at from payments x where ${key('x')}`, 't.value_date desc')} as payments_json,
             ${list(sql`select id, amount_cents, made_on::text as made_on, due_on::text as due_on, status, origin, created_at from promises x where ${key('x')}`, 't.created_at desc')} as promises_json,
             ${list(sql`select id, status, agreed_on::text as agreed_on, frequency, total_cents, balance_cents, mandate_violations, approval_reason, created_at from plans x where ${key('x')}`, 't.created_at desc')} as plans_json,
             ${list(sql`select i.plan_id, i.number, i.due_on::text as due_on, i.amount_cents from plan_instalments i join plans p on p.creditor_id = i.creditor_id and p.id = i.plan_id
                where p.creditor_id = c.creditor_id and p.case_id = c.id`, 't.number')} as instalments_json,
             ${list(sql`select id, status, amount_cents, balance_cents, agreed_on::text as agreed_on, due_on::text as due_on, mandate_violations, approval_reason, created_at from settlements x where ${key('x')}`, 't.created_at desc')} as settlements_json,
             ${list(sql`select * from suspensions x where ${key('x')}`, 't.from_at desc')} as suspensions_json
        from cases c join creditors cr on cr.id = c.creditor_id join debtors d on d.id = c.debtor_id
        left join mandates m on m.creditor_id = c.creditor_id and m.id = c.mandate_id
       where c.id = ${sql.placeholder('caseId')}`, {
      caseId, timelineLimit, attemptsFrom: new Date(horizon.attemptsFrom).toISOString(), callbacksFrom: new Date(horizon.callbacksFrom).toISOString(),
    });
    if (!c) return null;
    const json = (x: unknown): Loose[] => (typeof x === 'string' ? JSON.parse(x) as Loose[] : x as Loose[]);
    const [points, documents, events, attempts, messages, pays, proms, planRows, instalments, setts, susps] = [
      json(c.points_json), json(c.documents_json), json(c.events_json), json(c.attempts_json), json(c.messages_json), json(c.payments_json),
      json(c.promises_json), json(c.plans_json), json(c.instalments_json), json(c.settlements_json), json(c.suspensions_json),
    ];
    const eventCount = [{ n: Number(c.event_count) }];
    const v: Loose = c;
    const num = (x: unknown) => Number(x ?? 0);
    const date = (x: unknown) => (x === null || x === undefined ? null : new Date(x as string));
    const raw: CaseFileRaw = {
      kase: {
        id: v.id, creditorId: v.creditor_id, creditorName: v.creditor_name, debtorId: v.debtor_id, mandateId: v.mandate_id, creditorReference: v.creditor_reference,
        category: v.category, debtorType: v.debtor_type, basisContractRef: v.basis_contract_ref, basisDate: v.basis_date_text, currency: v.currency,
        principalCents: num(v.principal_cents), interestCents: num(v.interest_cents), accessoriesCents: num(v.accessories_cents), collectionFeesCents: num(v.collection_fees_cents),
        paidCents: num(v.paid_principal_cents) + num(v.paid_interest_cents) + num(v.paid_accessories_cents), waivedCents: num(v.waived_cents),
        dueDate: v.due_date_text, status: v.status, limitationKind: v.limitation_kind, limitationExpiresOn: v.limitation_text, teamId: v.team_id,
        assignedUserId: v.assigned_user_id, rfReference: v.rf_reference, noticeSentAt: date(v.notice_sent_at), openedAt: new Date(v.opened_at),
        closedAt: date(v.closed_at), closeReason: v.close_reason, documentRefs: v.document_refs, callPriority: num(v.call_priority), priorityReasons: v.priority_reasons,
      },
      debtor: {
        civility: v.civility, firstName: v.first_name, lastName: v.last_name, birthName: v.birth_name, birthDate: v.birth_date_text, birthPlace: v.birth_place,
        companyName: v.company_name, fieldSources: v.field_sources,
      },
      contactPoints: points.map((p) => ({
        id: p.id, kind: p.kind, value: p.value, status: p.status, isPrimary: p.is_primary, territory: p.territory, sourceKind: p.source_kind, sourceLabel: p.source_label,
        sourceAt: new Date(p.source_at), validFrom: new Date(p.valid_from), validUntil: date(p.valid_until),
      })),
      documents: documents.map((d) => ({ id: d.id, kind: d.kind, fileName: d.file_name, mediaType: d.media_type, sizeBytes: num(d.size_bytes), createdAt: new Date(d.created_at), sourceKind: d.source_kind })),
      events: events.map((e) => ({ id: e.id, at: new Date(e.at), type: e.type, actorKind: e.actor_kind, actorId: e.actor_id, data: e.data })),
      eventCount: eventCount[0]?.n ?? 0,
      attempts: attempts.map((a) => ({ id: a.id, at: new Date(a.at), channel: a.channel, direction: a.direction, outcome: a.outcome, allowed: a.allowed, decision: a.decision, userId: a.user_id, address: a.address })),
      messages: messages.map((m) => ({ id: m.id, channel: m.channel, template: m.template, status: m.status, createdAt: new Date(m.created_at), sentAt: date(m.sent_at), recipient: m.recipient })),
      payments: pays.map((p) => ({ id: p.id, amountCents: num(p.amount_cents), valueDate: p.value_date, method: p.method, status: p.status, receivedAt: new Date(p.received_at) })),
      promises: proms.map((p) => ({ id: p.id, amountCents: num(p.amount_cents), madeOn: p.made_on, dueOn: p.due_on, status: p.status, origin: p.origin })),
      plans: planRows.map((p) => ({
        id: p.id, status: p.status, agreedOn: p.agreed_on, frequency: p.frequency, totalCents: num(p.total_cents), balanceCents: num(p.balance_cents),
        mandateViolations: p.mandate_violations, approvalReason: p.approval_reason,
        instalments: instalments.filter((i) => i.plan_id === p.id).map((i) => ({ number: i.number as number, dueOn: i.due_on, amountCents: num(i.amount_cents) })),
      })),
      settlements: setts.map((s) => ({
        id: s.id, status: s.status, amountCents: num(s.amount_cents), balanceCents: num(s.balance_cents), agreedOn: s.agreed_on, dueOn: s.due_on,
        mandateViolations: s.mandate_violations, approvalReason: s.approval_reason,
      })),
      suspensions: susps.map((r) => toSuspension({ ...r, from_at: new Date(r.from_at), until_at: date(r.until_at), resolved_at: date(r.resolved_at) } as SuspensionDbRow)),
    };
    // The case as loadCase gives it to the engine, from the same row.
    return { raw, engineCase: toEngineCase(c), mandate: toMandateTerms(v as MandateRow) };
  }
}
