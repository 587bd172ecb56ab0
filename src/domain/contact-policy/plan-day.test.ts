import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, civilDateTimeToEpochMs, fromEpochDay, parseInstantToEpochMs, type CivilDate } from '../time/index.ts';
import { decideContact } from './decide-contact.ts';
import { caseStatuses } from '../case/case-status.ts';
import { DayPlanMemo, historyLookbackDays, planContactDay, plainDayKey, type DaySituation } from './plan-day.ts';
import { attemptOutcomes, channels, profileIds, type Channel, type ContactAttempt } from './situation.ts';
import { baseSituation } from './test-situations.ts';

const { at: _at, channel: _channel, ...base } = baseSituation;
const day: DaySituation = base;

describe('planContactDay', () => {
  it('plans a call from 08:00 Paris time on an ordinary Wednesday (fr-amiable hours are policy, LEGAL_RULES 1a)', () => {
    const plan = planContactDay(day, '2027-03-10' as CivilDate, ['call', 'sms', 'email']);
    expect(plan).toMatchObject({ channel: 'call', from: '2027-03-10T07:00:00Z', refusals: [], territory: 'FR-METRO', timeZone: 'Europe/Paris' });
  });

  it('plans nothing on a Sunday or a public holiday (C. trav. L3133-1), in the debtor\'s territory', () => {
    expect(planContactDay(day, '2027-03-14' as CivilDate, ['call', 'sms', 'email'])).toMatchObject({ channel: null, from: null });
    const sunday = planContactDay(day, '2027-03-14' as CivilDate, ['call']);
    expect(sunday.refusals[0]!.rules).toContain('sunday');
    // 27 May: abolition of slavery in Guadeloupe only.
    const guadeloupe: DaySituation = { ...day, debtor: { postcode: '97110', country: 'FR', phone: '+590690123456' } };
    expect(planContactDay(guadeloupe, '2027-05-27' as CivilDate, ['call']).channel).toBeNull();
    expect(planContactDay(day, '2027-05-27' as CivilDate, ['call']).channel).toBe('call');
  });

  it('falls back to the next channel when a call is capped, and says why', () => {
    // A call yesterday and a conversation: the 7-day pause blocks calls, not e-mails.
    const history: ContactAttempt[] = [{ channel: 'call', at: '2027-03-09T10:00:00Z', outcome: 'conversation' }];
    const plan = planContactDay({ ...day, history }, '2027-03-10' as CivilDate, ['call', 'email']);
    expect(plan.channel).toBe('email');
    // Named as seen at 11:00 local, inside the window: the pause, not the night hours.
    expect(plan.refusals).toEqual([{ channel: 'call', rules: ['post-conversation-pause'] }]);
  });

  it('uses the debtor\'s local day: Réunion\'s day starts three hours before Paris\'s in March', () => {
    const reunion: DaySituation = { ...day, debtor: { postcode: '97400', country: 'FR', phone: '+262692123456' } };
    expect(planContactDay(reunion, '2027-03-10' as CivilDate, ['call'])).toMatchObject({ channel: 'call', from: '2027-03-10T04:00:00Z', timeZone: 'Indian/Reunion' });
  });

  it('looks back far enough for the longest cap of each profile', () => {
    expect(historyLookbackDays('fr-amiable')).toBe(8);
    expect(historyLookbackDays('fr-d223-9')).toBe(31);
    expect(historyLookbackDays('us-regf')).toBe(8);
  });

  const origin = 17_900; // epoch day in 2019; 800 days span DST changes and holidays
  const dates = fc.integer({ min: origin, max: origin + 800 }).map((d) => fromEpochDay(d));
  const locations = fc.constantFrom(
    { postcode: '75011', country: 'FR', phone: '+33612345678' },
    { postcode: '97110', country: 'FR', phone: '+590690123456' },
    { postcode: '97400', country: 'FR', phone: '+262692123456' },
    { postcode: '97500', country: 'FR', phone: '+508411234' },
  );
  const plannedDays = dates.chain((date) => {
    const dayStartUtc = parseInstantToEpochMs(`${date}T00:00:00Z`);
    const attempt = fc.record({
      channel: fc.constantFrom(...channels),
      at: fc.integer({ min: -10 * 24 * 60, max: 0 }).map((m) => new Date(dayStartUtc + m * 60_000).toISOString()),
      outcome: fc.constantFrom(...attemptOutcomes),
    });
    return fc.record({
      date: fc.constant(date),
      profile: fc.constantFrom(...profileIds),
      debtor: locations,
      history: fc.array(attempt, { maxLength: 8 }),
      order: fc.shuffledSubarray([...channels], { minLength: 1 }),
      noticeDaysBefore: fc.option(fc.integer({ min: 0, max: 20 }), { freq: 6 }),
    });
  });

  it('chooses a channel only if the engine allows it at the planned instant, within the local day; refuses only if no instant of that day is lawful', () => {
    fc.assert(fc.property(plannedDays, ({ date, profile, debtor, history, order, noticeDaysBefore }) => {
      const situation: DaySituation = {
        ...day, profile, debtor, history,
        case: { ...day.case, noticeSentAt: noticeDaysBefore === null ? null : `${addDays(date as CivilDate, -noticeDaysBefore)}T09:00:00Z` },
      };
      const plan = planContactDay(situation, date as CivilDate, order as Channel[]);
      const start = civilDateTimeToEpochMs(date as CivilDate, 0, plan.timeZone);
      const end = civilDateTimeToEpochMs(addDays(date as CivilDate, 1), 0, plan.timeZone);
      const asked = plan.channel === null ? order : order.slice(0, order.indexOf(plan.channel));
      expect(plan.refusals.map((r) => r.channel)).toEqual(asked);
      for (const refused of asked) {
        // No instant of the day is lawful on a refused channel: sample each quarter hour.
        for (let t = start; t < end; t += 15 * 60_000) {
          expect(decideContact({ ...situation, at: new Date(t).toISOString(), channel: refused }).allowed).toBe(false);
        }
      }
      if (plan.channel !== null) {
        const from = parseInstantToEpochMs(plan.from!);
        expect(from).toBeGreaterThanOrEqual(start);
        expect(from).toBeLessThan(end);
        expect(decideContact({ ...situation, at: plan.from!, channel: plan.channel }).allowed).toBe(true);
      }
    }), { numRuns: 150 });
  });

  // Plain situations around one date: notices and limitations on every side of the local day's edges.
  const memoCases = dates.chain((date) => {
    const dayStartUtc = parseInstantToEpochMs(`${date}T00:00:00Z`);
    const situation = fc.record({
      profile: fc.constantFrom(...profileIds),
      purpose: fc.constantFrom('collection' as const, 'information' as const),
      debtor: locations,
      status: fc.constantFrom(...caseStatuses),
      notice: fc.option(fc.integer({ min: -8 * 24 * 60, max: 2 * 24 * 60 }).map((m) => new Date(dayStartUtc + m * 60_000).toISOString()), { freq: 5 }),
      limitation: fc.option(fc.integer({ min: -2, max: 2 }).map((d) => addDays(date as CivilDate, d)), { freq: 3 }),
      order: fc.shuffledSubarray([...channels], { minLength: 1 }),
      // Now and then a situation with a history: the memo must hand it to the engine.
      history: fc.option(fc.constant([{ channel: 'call' as const, at: new Date(dayStartUtc - 3_600_000).toISOString(), outcome: 'conversation' as const }]), { freq: 4 }),
    });
    return fc.record({ date: fc.constant(date as CivilDate), situations: fc.array(situation, { minLength: 1, maxLength: 40 }) });
  });

  it('DayPlanMemo answers exactly what planContactDay answers, plain or not, whichever situation came first', () => {
    fc.assert(fc.property(memoCases, ({ date, situations }) => {
      const memo = new DayPlanMemo(date);
      for (const s of situations) {
        const situation: DaySituation = {
          ...day, profile: s.profile, purpose: s.purpose, debtor: s.debtor, history: s.history ?? [],
          case: { id: 'case-1', status: s.status, noticeSentAt: s.notice, limitationExpiresOn: s.limitation },
        };
        expect(memo.plan(situation, s.order as Channel[])).toEqual(planContactDay(situation, date, s.order as Channel[]));
      }
    }), { numRuns: 300 });
  });

  it('keys only plain situations, without their ids or phone numbers', () => {
    const date = '2027-03-10' as CivilDate;
    const plain: DaySituation = { ...day, history: [], suspensions: [], case: { id: 'a', status: 'active', noticeSentAt: '2027-01-05T10:00:00Z', limitationExpiresOn: '2029-01-01' } };
    const other: DaySituation = { ...plain, id: 'other', debtor: { ...plain.debtor, phone: '+33698765432' }, case: { ...plain.case, id: 'b', noticeSentAt: '2027-02-01T08:00:00Z' } };
    expect(plainDayKey(plain, date, ['call'])).toBe(plainDayKey(other, date, ['call']));
    expect(plainDayKey(plain, date, ['call'])).not.toBe(plainDayKey(plain, date, ['call', 'sms']));
    expect(plainDayKey({ ...plain, history: [{ channel: 'sms', at: '2027-03-09T10:00:00Z', outcome: 'delivered' }] }, date, ['call'])).toBeNull();
    expect(plainDayKey({ ...plain, suspensions: [{ kind: 'dispute', from: '2027-03-01T00:00:00Z', until: null }] }, date, ['call'])).toBeNull();
    expect(plainDayKey({ ...plain, preferences: { optOut: ['call'] } }, date, ['call'])).toBeNull();
    // A notice whose delay ends after the day starts (8 March + 3 days) is kept exactly.
    expect(plainDayKey({ ...plain, case: { ...plain.case, noticeSentAt: '2027-03-08T10:00:00Z' } }, date, ['call'])).not.toBe(plainDayKey(plain, date, ['call']));
  });
});
