/**
 * The daily plan (issue #9) on the real schema, embedded and PostgreSQL: which open cases may be
 * contacted on a day, on which channel, by which team; idempotent per date; pages of bounded size.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlDailyPlanStore } from '../../src/adapters/db/daily-plan.repository.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { queryRows } from '../../src/adapters/db/open-database.ts';
import { contactAttempts, contactPoints, creditors, debtorPreferences, debtors, cases, suspensions, teams } from '../../src/adapters/db/schema.ts';
import { buildCase, buildContactPoint, buildCreditor, buildDebtor, buildTeam, type CaseRow } from '../../src/adapters/db/seed/factories.ts';
import { computeDailyPlan } from '../../src/application/planning/compute-daily-plan.ts';
import type { CaseKey, DailyPlanStore } from '../../src/application/ports/daily-plan.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const planDate = '2027-03-10'; // a Wednesday, no public holiday
const clock = { now: () => new Date('2027-03-10T05:00:00Z') };
const noticeSentAt = new Date('2027-02-01T10:00:00Z');

let t: TestDatabase;
const named = new Map<string, CaseRow>();
let teamId: string;

async function addCase(name: string, creditorId: string, options: {
  postcode?: string; phone?: string | null; phoneType?: string; email?: string | null; case?: Partial<CaseRow>;
} = {}): Promise<CaseRow> {
  const debtor = buildDebtor({ lastName: name });
  await t.database.db.insert(debtors).values(debtor);
  const points = [];
  if (options.postcode !== undefined || options.phone !== null) {
    points.push(buildContactPoint(debtor.id!, { kind: 'postal', value: `1 rue ${name}`, postal: { lines: ['1 rue'], postcode: options.postcode ?? '75011', city: 'X', country: 'FR' }, isPrimary: true }));
  }
  if (options.phone !== null) points.push(buildContactPoint(debtor.id!, { kind: 'phone', value: options.phone ?? '+33612345678', phoneType: options.phoneType ?? 'mobile', isPrimary: true }));
  if (options.email) points.push(buildContactPoint(debtor.id!, { kind: 'email', value: options.email, isPrimary: true }));
  if (points.length) await t.database.db.insert(contactPoints).values(points);
  const row = buildCase(creditorId, debtor.id!, { noticeSentAt, teamId, limitationExpiresOn: '2029-01-01', ...options.case });
  await t.database.db.insert(cases).values(row);
  named.set(name, row);
  return row;
}

async function entries(): Promise<Record<string, unknown>[]> {
  return queryRows(t.database.db, sql`
    select case_id, creditor_id, team_id, channel, from_at, territory, time_zone from daily_plan_entries
     where plan_date = ${planDate} order by creditor_id, case_id`);
}

const run = (batchSize: number, store: DailyPlanStore = new SqlDailyPlanStore(t.database), workers = 1) =>
  computeDailyPlan({ store, clock }, { planDate, batchSize, workers });

beforeAll(async () => {
  t = await createTestDatabase();
  const [a, b] = [buildCreditor({ name: 'A' }), buildCreditor({ name: 'B' })];
  await t.database.db.insert(creditors).values([a, b]);
  const team = buildTeam({ name: 'Plateau Lyon' });
  teamId = team.id!;
  await t.database.db.insert(teams).values(team);
  await addCase('callable', a.id!);
  const talked = await addCase('talked-yesterday', a.id!, { phone: '+33142685300', phoneType: 'fixed_line', email: 'talked@example.org' });
  await t.database.db.insert(contactAttempts).values({
    creditorId: a.id!, id: newId(), caseId: talked.id!, debtorId: talked.debtorId, channel: 'call', purpose: 'collection', at: new Date('2027-03-09T10:00:00Z'),
    outcome: 'conversation', allowed: true, decision: {},
  });
  await addCase('no-contact-point', a.id!, { phone: null });
  const disputed = await addCase('disputed', b.id!);
  await t.database.db.insert(suspensions).values({
    creditorId: b.id!, id: newId(), caseId: disputed.id!, debtorId: disputed.debtorId, kind: 'dispute', fromAt: new Date('2027-03-01T09:00:00Z'),
  });
  await addCase('closed', b.id!, { case: { status: 'closed_paid' } });
  await addCase('notice-not-sent', b.id!, { case: { status: 'notice_pending', noticeSentAt: null } });
  await addCase('reunion', b.id!, { postcode: '97400', phone: '+262692123456' });
  for (let i = 0; i < 7; i++) await addCase(`filler-${i}`, i % 2 ? a.id! : b.id!, { case: { teamId: null } });
});
afterAll(async () => t?.destroy());

describe('amiable plan daily', () => {
  it('plans each open case on its first lawful channel, from the start of the debtor\'s window, with its team', async () => {
    const result = await run(3);
    expect(result).toMatchObject({ casesSeen: 13, contactable: 10, channels: { call: 9, email: 1 }, errors: 0 });
    expect(result.refusedBy).toMatchObject({ 'no-contact-point': 1, suspended: 1, 'notice-not-sent': 1 });
    expect(result.batches).toBe(5); // 13 cases in pages of 3: 3+3+3+3+1
    const byCase = new Map((await entries()).map((e) => [e.case_id, e]));
    expect(byCase.size).toBe(10);
    expect(byCase.get(named.get('callable')!.id)).toMatchObject({ channel: 'call', team_id: teamId, territory: 'FR-METRO', time_zone: 'Europe/Paris' });
    expect(new Date(byCase.get(named.get('callable')!.id)!.from_at as string).toISOString()).toBe('2027-03-10T07:00:00.000Z');
    // A conversation yesterday pauses calls for 7 days; a landline takes no SMS; the e-mail is still lawful.
    expect(byCase.get(named.get('talked-yesterday')!.id)).toMatchObject({ channel: 'email' });
    expect(new Date(byCase.get(named.get('reunion')!.id)!.from_at as string).toISOString()).toBe('2027-03-10T04:00:00.000Z');
    for (const name of ['no-contact-point', 'disputed', 'closed', 'notice-not-sent']) expect(byCase.has(named.get(name)!.id), name).toBe(false);
    const [header] = await queryRows<{ status: string; cases_seen: number; contactable: number }>(t.database.db, sql`select status, cases_seen, contactable from daily_plans where plan_date = ${planDate}`);
    expect(header).toEqual({ status: 'completed', cases_seen: 13, contactable: 10 });
  });

  it('is idempotent per date: a rerun (any page size) gives the same rows, and drops a case that closed meanwhile', async () => {
    const before = await entries();
    await run(5);
    expect(await entries()).toEqual(before);
    await run(1000);
    expect(await entries()).toEqual(before);
    await t.database.db.update(cases).set({ status: 'closed_paid' }).where(sql`${cases.id} = ${named.get('callable')!.id}`);
    const result = await run(2);
    expect(result.contactable).toBe(9);
    expect(await entries()).toEqual(before.filter((e) => e.case_id !== named.get('callable')!.id));
  });

  /** The real store, watched: pages asked for at once and their size; `cuts` replaces its range cutting. */
  function watchedStore(cuts?: () => Promise<CaseKey[]>) {
    const inner = new SqlDailyPlanStore(t.database);
    const seen = { inFlight: 0, maxInFlight: 0, maxCases: 0 };
    const store: DailyPlanStore = {
      startPlan: (input) => inner.startPlan(input),
      finishPlan: (input) => inner.finishPlan(input),
      writeBatch: (input) => inner.writeBatch(input),
      splitKeys: cuts ?? ((parts) => inner.splitKeys(parts)),
      async readBatch(input) {
        seen.inFlight += 1;
        seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
        try {
          const batch = await inner.readBatch(input);
          seen.maxCases = Math.max(seen.maxCases, batch.cases.length);
          return batch;
        } finally {
          seen.inFlight -= 1;
        }
      },
    };
    return { store, seen };
  }

  it('never asks for more than one page ahead: memory is bounded by the page size, not the portfolio', async () => {
    const { store, seen } = watchedStore();
    const result = await run(2, store);
    expect(result.casesSeen).toBe(12);
    expect(seen.maxCases).toBe(2);
    expect(seen.maxInFlight).toBe(1);
  });

  it('plans key ranges side by side with the same result: every range replaces its own rows, at most one page ahead per worker', async () => {
    const before = await entries();
    // A small portfolio is one range; cut it by hand at the 4th and 9th open case to exercise three workers.
    expect(await new SqlDailyPlanStore(t.database).splitKeys(3)).toEqual([]);
    const keys = await queryRows<{ creditor_id: string; id: string }>(t.database.db, sql`
      select creditor_id, id from cases where status in ('notice_pending', 'active', 'promise', 'plan') order by creditor_id, id`);
    const { store, seen } = watchedStore(async () => [keys[3]!, keys[8]!].map((k) => ({ creditorId: k.creditor_id, caseId: k.id })));
    const result = await run(2, store, 3);
    expect(result.workers).toBe(3);
    expect(result.casesSeen).toBe(keys.length);
    expect(await entries()).toEqual(before);
    expect(seen.maxInFlight).toBeGreaterThan(1);
    expect(seen.maxInFlight).toBeLessThanOrEqual(3);
    expect(seen.maxCases).toBe(2);
    // And back to one worker and other page sizes: still the same rows.
    await run(5);
    expect(await entries()).toEqual(before);
  });

  it('applies the debtor\'s own preferences (portal, issue #8): a debtor who refused calls is planned by SMS, never called', async () => {
    const kase = await addCase('no-calls-please', named.get('talked-yesterday')!.creditorId);
    await t.database.db.insert(debtorPreferences).values({ debtorId: kase.debtorId, optOut: ['call'], updatedAt: new Date('2027-03-01T10:00:00Z') });
    const result = await run(3);
    const [entry] = await queryRows<{ channel: string }>(t.database.db, sql`select channel from daily_plan_entries where plan_date = ${planDate} and case_id = ${kase.id}`);
    expect(entry?.channel).toBe('sms');
    expect(result.channels.sms).toBeGreaterThanOrEqual(1);
  });

  it('honours a callback the debtor asked for weeks ago: it lets a call through the weekly cap on the plan date', async () => {
    const kase = await addCase('callback-asked-long-ago', named.get('callable')!.creditorId);
    const attempt = (at: string, outcome: 'conversation' | 'no_answer', callbackAt: Date | null = null) => ({
      creditorId: kase.creditorId, id: newId(), caseId: kase.id!, debtorId: kase.debtorId, channel: 'call' as const, purpose: 'collection' as const,
      at: new Date(at), outcome, callbackAt, allowed: true, decision: {},
    });
    // Three unanswered calls within 7 days: the weekly cap forbids calling all of 10 March…
    await t.database.db.insert(contactAttempts).values([
      attempt('2027-03-04T10:00:00Z', 'no_answer'), attempt('2027-03-05T10:00:00Z', 'no_answer'), attempt('2027-03-08T10:00:00Z', 'no_answer'),
    ]);
    await run(3);
    const read = async () => (await queryRows<{ channel: string; from_at: string }>(t.database.db, sql`
      select channel, from_at from daily_plan_entries where plan_date = ${planDate} and case_id = ${kase.id}`))[0];
    expect((await read())?.channel).toBe('sms');
    // …but in a conversation 20 days before (older than the plan's lookback) the debtor asked to be
    // called back on 10 March at 15:00 Paris time: that call is lawful from then.
    await t.database.db.insert(contactAttempts).values(attempt('2027-02-18T10:00:00Z', 'conversation', new Date('2027-03-10T14:00:00Z')));
    await run(3);
    const entry = await read();
    expect(entry?.channel).toBe('call');
    expect(new Date(entry!.from_at).toISOString()).toBe('2027-03-10T14:00:00.000Z');
  });
});
