/**
 * SQL of the daily plan (docs/scale.md), on both databases through raw sessions: keyset pages of open
 * cases on the primary key (creditor_id, id), their debtors' contact points, open suspensions, recent
 * outbound attempts and preferences read with `= any($1)` (one query per page, not per case), and each page's entries
 * written with COPY after deleting the same key range of the same plan date.
 */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Channel } from '../../domain/contact-policy/index.ts';
import type {
  CaseKey, DailyPlanStore, PlanAttempt, PlanBatch, PlanCase, PlanContactPoint, PlanCounts, PlanEntry, PlanPreferences, PlanSuspension,
} from '../../application/ports/daily-plan.ts';
import type { Database } from './open-database.ts';
import { copyValue, withRawTransaction, type RawSession } from './raw-session.ts';

/** The states collection may run in (isCollectable): the engine refuses notice_pending cases until the notice is out. */
const openStatuses = ['notice_pending', 'active', 'promise', 'plan'];

const entryColumns = ['creditor_id', 'plan_date', 'case_id', 'debtor_id', 'team_id', 'assigned_user_id', 'channel', 'from_at', 'territory', 'time_zone'];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const asDate = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));

export class SqlDailyPlanStore implements DailyPlanStore {
  constructor(private readonly database: Database) {}

  async startPlan(input: { planDate: string; profile: string; batchSize: number; at: Date }): Promise<void> {
    await withRawTransaction(this.database, (s) => s.query(`
      insert into daily_plans (plan_date, profile, status, batch_size, cases_seen, contactable, counts, started_at, finished_at)
      values ($1, $2, 'running', $3, 0, 0, '{}', $4, null)
      on conflict (plan_date) do update set profile = excluded.profile, status = 'running', batch_size = excluded.batch_size,
        cases_seen = 0, contactable = 0, counts = '{}', started_at = excluded.started_at, finished_at = null`,
    [input.planDate, input.profile, input.batchSize, input.at.toISOString()]));
  }

  async readBatch(input: { after: CaseKey | null; until?: CaseKey | null; limit: number; historySince: Date }): Promise<PlanBatch> {
    return withRawTransaction(this.database, async (s) => {
      const params: unknown[] = [openStatuses];
      let where = '';
      if (input.after) {
        params.push(input.after.creditorId, input.after.caseId);
        where += ` and (creditor_id, id) > ($${params.length - 1}::uuid, $${params.length}::uuid)`;
      }
      if (input.until) {
        params.push(input.until.creditorId, input.until.caseId);
        where += ` and (creditor_id, id) <= ($${params.length - 1}::uuid, $${params.length}::uuid)`;
      }
      params.push(input.limit);
      const rows = await s.query<Record<string, unknown>>(`${caseSelect}${where} order by creditor_id, id limit $${params.length}`, params);
      const cases: PlanCase[] = rows.map((r) => ({
        creditorId: r.creditor_id as string, caseId: r.id as string, debtorId: r.debtor_id as string, teamId: (r.team_id as string | null) ?? null,
        assignedUserId: (r.assigned_user_id as string | null) ?? null, status: r.status as CaseStatus, noticeSentAt: asDate(r.notice_sent_at),
        limitationExpiresOn: (r.limitation_expires_on as string | null) ?? null,
      }));
      if (cases.length === 0) return { cases, contactPoints: new Map(), suspensions: new Map(), history: new Map(), preferences: new Map() };
      return { cases, ...await this.related(s, cases, input.historySince) };
    });
  }

  async splitKeys(parts: number): Promise<CaseKey[]> {
    if (parts < 2) return [];
    return withRawTransaction(this.database, async (s) => {
      // About 20,000 sampled rows whatever the table's size (reltuples is an estimate; -1 or 0 before
      // the first ANALYZE: then the whole table, which is small).
      const [stats] = await s.query<{ reltuples: number }>(`select reltuples::float8 as reltuples from pg_class where oid = 'cases'::regclass`);
      const estimate = Number(stats?.reltuples ?? 0);
      const percent = estimate > 0 ? Math.min(100, Math.max(0.01, (20_000 / estimate) * 100)) : 100;
      const sample = await s.query<{ creditor_id: string; id: string }>(`
        select creditor_id, id from cases tablesample system (${percent.toFixed(4)}) where status = any($1::text[]) order by creditor_id, id`, [openStatuses]);
      // A sample too small to cut reliably: one range.
      if (sample.length < parts * 50) return [];
      const keys: CaseKey[] = [];
      for (let k = 1; k < parts; k++) {
        const row = sample[Math.floor((k * sample.length) / parts)]!;
        keys.push({ creditorId: row.creditor_id, caseId: row.id });
      }
      return keys;
    });
  }

  private async related(s: RawSession, cases: readonly PlanCase[], historySince: Date): Promise<Omit<PlanBatch, 'cases'>> {
    const debtorIds = [...new Set(cases.map((c) => c.debtorId))];
    const caseIds = cases.map((c) => c.caseId);
    const creditorIds = [...new Set(cases.map((c) => c.creditorId))];
    const [points, suspended, attempts, preferred] = [
      await s.query<Record<string, unknown>>(`
        select debtor_id, kind, value, phone_type, postal->>'postcode' as postcode, postal->>'country' as country, status, is_primary, valid_until
          from contact_points where debtor_id = any($1::uuid[])`, [debtorIds]),
      await s.query<Record<string, unknown>>(`
        select case_id, kind, from_at, until_at from suspensions
         where creditor_id = any($1::uuid[]) and case_id = any($2::uuid[]) and resolved_at is null`, [creditorIds, caseIds]),
      // The attempts since the lookback, and older ones whose callback time the debtor asked for is not
      // yet past (the engine honours a callback whatever the age of the attempt that recorded it:
      // historyHorizon; partial index contact_attempts_callback_idx).
      await s.query<Record<string, unknown>>(`
        select debtor_id, case_id, channel, purpose, at, outcome, callback_at from contact_attempts
         where debtor_id = any($1::uuid[]) and at >= $2 and direction = 'outbound' and allowed
        union all
        select debtor_id, case_id, channel, purpose, at, outcome, callback_at from contact_attempts
         where debtor_id = any($1::uuid[]) and callback_at >= $2 and at < $2 and direction = 'outbound' and allowed`,
      [debtorIds, historySince.toISOString()]),
      await s.query<Record<string, unknown>>(`
        select debtor_id, opt_out, quiet_hours, written_only from debtor_preferences where debtor_id = any($1::uuid[])`, [debtorIds]),
    ];
    const contactPoints = new Map<string, PlanContactPoint[]>();
    for (const p of points) {
      push(contactPoints, p.debtor_id as string, {
        kind: p.kind as PlanContactPoint['kind'], value: p.value as string, phoneType: (p.phone_type as string | null) ?? null,
        postcode: (p.postcode as string | null) ?? null, country: (p.country as string | null) ?? null, status: p.status as string,
        isPrimary: p.is_primary === true, validUntil: asDate(p.valid_until),
      });
    }
    const suspensions = new Map<string, PlanSuspension[]>();
    for (const r of suspended) push(suspensions, r.case_id as string, { kind: r.kind as string, fromAt: asDate(r.from_at)!, untilAt: asDate(r.until_at) });
    const history = new Map<string, PlanAttempt[]>();
    for (const a of attempts) {
      push(history, a.debtor_id as string, {
        caseId: a.case_id as string, channel: a.channel as Channel, purpose: a.purpose as PlanAttempt['purpose'], at: asDate(a.at)!,
        outcome: (a.outcome as string | null) ?? null, callbackAt: asDate(a.callback_at),
      });
    }
    const preferences = new Map<string, PlanPreferences>();
    for (const p of preferred) {
      preferences.set(p.debtor_id as string, {
        optOut: (p.opt_out as string[] | null) ?? [], quietHours: (p.quiet_hours as PlanPreferences['quietHours'] | null) ?? [], writtenOnly: p.written_only === true,
      });
    }
    return { contactPoints, suspensions, history, preferences };
  }

  async writeBatch(input: { planDate: string; after: CaseKey | null; upTo: CaseKey | null; entries: readonly PlanEntry[] }): Promise<void> {
    const { where, params } = rangeCondition(input.planDate, input.after, input.upTo);
    let data = '';
    for (const e of input.entries) {
      data += `${[e.creditorId, input.planDate, e.caseId, e.debtorId, e.teamId, e.assignedUserId, e.channel, e.fromAt.toISOString(), e.territory, e.timeZone].map(copyValue).join('\t')}\n`;
    }
    await withRawTransaction(this.database, async (s) => {
      await s.query(`delete from daily_plan_entries where ${where}`, params);
      await s.copyIn('daily_plan_entries', entryColumns, data);
    });
  }

  async finishPlan(input: { planDate: string; counts: PlanCounts; at: Date }): Promise<void> {
    const { casesSeen, contactable, ...rest } = input.counts;
    await withRawTransaction(this.database, (s) => s.query(`
      update daily_plans set status = 'completed', cases_seen = $2, contactable = $3, counts = $4::jsonb, finished_at = $5 where plan_date = $1`,
    [input.planDate, casesSeen, contactable, JSON.stringify(rest), input.at.toISOString()]));
  }
}

const caseSelect = `
  select creditor_id, id, debtor_id, team_id, assigned_user_id, status, notice_sent_at, limitation_expires_on::text as limitation_expires_on
    from cases where status = any($1::text[])`;

/**
 * The plan date's rows whose (creditor_id, case_id) lies in (after, upTo], written as a union of
 * per-creditor ranges so that each part is a range scan of the primary key (creditor_id, plan_date,
 * case_id) rather than a filter over the creditor's rows of every date.
 */
export function rangeCondition(planDate: string, after: CaseKey | null, upTo: CaseKey | null): { where: string; params: unknown[] } {
  const params: unknown[] = [planDate];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}::uuid`;
  };
  if (after && upTo && after.creditorId === upTo.creditorId) {
    return { where: `creditor_id = ${p(after.creditorId)} and plan_date = $1 and case_id > ${p(after.caseId)} and case_id <= ${p(upTo.caseId)}`, params };
  }
  const parts: string[] = [];
  const middle: string[] = [];
  if (after) {
    const a = p(after.creditorId);
    parts.push(`(creditor_id = ${a} and plan_date = $1 and case_id > ${p(after.caseId)})`);
    middle.push(`creditor_id > ${a}`);
  }
  if (upTo) {
    const c = p(upTo.creditorId);
    parts.push(`(creditor_id = ${c} and plan_date = $1 and case_id <= ${p(upTo.caseId)})`);
    middle.push(`creditor_id < ${c}`);
  }
  parts.push(`(${[...middle, 'plan_date = $1'].join(' and ')})`);
  return { where: parts.join(' or '), params };
}
