import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addLocalDays, instantFromEpochMs, localEpochDay, parseInstantToEpochMs, startOfLocalDay } from '../time/index.ts';
import { decideContact } from './decide-contact.ts';
import { contactProfiles, type RollingCap } from './profiles.ts';
import { historyHorizon } from './prepare-situation.ts';
import {
  attemptOutcomes, channels, profileIds, suspensionKinds,
  type ContactAttempt, type Situation, type Suspension,
} from './situation.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const origin = parseInstantToEpochMs('2027-01-04T00:00:00Z');
// Minute-aligned instants over 2027, which crosses the DST changes of Paris, Miquelon and New York.
const minuteOf2027 = fc.integer({ min: 0, max: 360 * 24 * 60 }).map((minute) => origin + minute * MINUTE);
const near = (at: number, daysBefore: number, daysAfter: number) =>
  fc.integer({ min: -daysBefore * 24 * 60, max: daysAfter * 24 * 60 }).map((minute) => instantFromEpochMs(at + minute * MINUTE));
const clockTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const location = fc.constantFrom(
  { postcode: '75011', country: 'FR', phone: '+33612345678' },
  { postcode: '57000', country: 'FR', phone: '+33387000000' },
  { postcode: '97110', country: 'FR', phone: '+590690123456' },
  { postcode: '97500', country: 'FR', phone: '+508411234' },
  { postcode: '97400', country: 'FR', phone: '+262692123456' },
  { postcode: null, country: 'FR', phone: '+262269601234' },
  { postcode: null, country: 'US', timeZone: 'America/New_York', phone: '+12125550100' },
);

const situations: fc.Arbitrary<Situation> = minuteOf2027.chain((at) => fc.record({
  at: fc.constant(instantFromEpochMs(at)),
  channel: fc.constantFrom(...channels),
  purpose: fc.constantFrom('collection' as const, 'collection' as const, 'information' as const),
  profile: fc.constantFrom(...profileIds),
  debtor: location,
  case: fc.record({
    id: fc.constant('case-1'),
    status: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('active' as const, 'plan' as const) }, { weight: 1, arbitrary: fc.constant('closed_paid' as const) }),
    noticeSentAt: fc.option(near(at, 10, 3), { freq: 8 }),
    limitationExpiresOn: fc.option(near(at, 5, 60).map((instant) => instant.slice(0, 10)), { freq: 2 }),
  }),
  suspensions: fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as Suspension[]) },
    { weight: 1, arbitrary: fc.array(fc.record({
      kind: fc.constantFrom(...suspensionKinds),
      from: near(at, 10, 10),
      until: fc.option(near(at, 0, 20), { freq: 4 }),
    }).map((s): Suspension => (s.until !== null && s.until <= s.from ? { ...s, until: null } : s)), { minLength: 1, maxLength: 2 }) },
  ),
  preferences: fc.record({
    writtenOnly: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    optOut: fc.oneof({ weight: 5, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.subarray([...channels], { maxLength: 1 }) }),
    quietHours: fc.array(fc.record({ from: clockTime, to: clockTime }).filter((q) => q.from !== q.to), { maxLength: 1 }),
    wrongNumbers: fc.constant([] as string[]),
  }),
  history: fc.array(fc.record({
    channel: fc.constantFrom('call' as const, 'call' as const, 'sms' as const, 'email' as const, 'letter' as const),
    // Mostly the last week, where the caps and the pause bite; some older and some later attempts.
    at: fc.oneof({ weight: 4, arbitrary: near(at, 8, 1) }, { weight: 1, arbitrary: near(at, 35, 3) }),
    outcome: fc.constantFrom(...attemptOutcomes),
    callbackAt: fc.option(near(at, 2, 3), { freq: 6 }),
    caseId: fc.constantFrom('case-1', 'case-2', null),
  }).map((attempt): ContactAttempt => attempt), { maxLength: 16 }),
}));

/** Minute-grid instants in [from, to): the edges, and a spread of points between. */
function gridSample(from: number, to: number, count: number): number[] {
  const minutes = Math.floor((to - from) / MINUTE);
  if (minutes <= 0) return [];
  const picks = new Set<number>([0, minutes - 1]);
  for (let index = 1; index < count; index += 1) picks.add(Math.floor((index * minutes) / count));
  return [...picks].filter((minute) => minute >= 0 && minute < minutes).map((minute) => from + minute * MINUTE);
}

describe('nextAllowedAt (property)', () => {
  it('is `at` when allowed; otherwise is itself allowed and no earlier minute in [at, next) is', () => {
    fc.assert(fc.property(situations, (situation) => {
      const decision = decideContact(situation);
      const at = parseInstantToEpochMs(situation.at);
      if (decision.allowed) {
        expect(decision.nextAllowedAt).toBe(situation.at);
        return;
      }
      expect(decision.reasons.length).toBeGreaterThan(0);
      if (decision.nextAllowedAt === null) {
        // Only a change of state can allow it: nothing in the next 60 days is allowed.
        for (const t of gridSample(at, at + 60 * DAY, 40)) {
          expect(decideContact({ ...situation, at: instantFromEpochMs(t) }).allowed).toBe(false);
        }
        return;
      }
      const next = parseInstantToEpochMs(decision.nextAllowedAt);
      expect(next).toBeGreaterThan(at);
      expect(decideContact({ ...situation, at: decision.nextAllowedAt }).allowed).toBe(true);
      for (const t of gridSample(at, next, 60)) {
        expect(decideContact({ ...situation, at: instantFromEpochMs(t) }).allowed).toBe(false);
      }
    }), { numRuns: 500 });
  }, 120_000);
});

describe('per-channel counting (property)', () => {
  it('attempts on another channel, without a callback time, never change a decision', () => {
    // Caps, the daily cap and the post-conversation pause each count one channel (docs/rules.md §1):
    // a text message does not use up the debtor's call budget. The engine relies on it to skip them.
    fc.assert(fc.property(situations, (situation) => {
      const ownChannelOnly = (situation.history ?? []).filter((attempt) => attempt.channel === situation.channel || attempt.callbackAt);
      expect(decideContact({ ...situation, history: ownChannelOnly })).toEqual(decideContact(situation));
    }), { numRuns: 500 });
  });
});

describe('rolling caps (property)', () => {
  /** The end of an attempt's period, worked out on its own from the profile's definition (profiles.ts). */
  function periodEnd(at: number, cap: RollingCap, timeZone: string): number {
    return cap.counting === 'same-clock-time' ? addLocalDays(at, cap.days, timeZone) : startOfLocalDay(localEpochDay(at, timeZone) + cap.days, timeZone);
  }

  it('a cap is among the reasons exactly when its attempts still counting at `at` reach its maximum', () => {
    // Counted by brute force over the whole history, without callback times (a call at one escapes the
    // caps): the engine skips attempts and caps that cannot matter, and must reach the same verdict.
    fc.assert(fc.property(situations, (generated) => {
      const situation = { ...generated, history: (generated.history ?? []).map((attempt) => ({ ...attempt, callbackAt: null })) };
      const decision = decideContact(situation);
      const at = parseInstantToEpochMs(situation.at);
      const profile = contactProfiles[situation.profile ?? 'fr-amiable'];
      const rules = decision.reasons.map((reason) => reason.rule);
      for (const cap of profile.rollingCaps) {
        let count = 0;
        for (const attempt of situation.history) {
          if (attempt.channel !== cap.channel || attempt.purpose === 'information') continue;
          if (cap.perDebt && attempt.caseId && attempt.caseId !== situation.case?.id) continue;
          const attemptAt = parseInstantToEpochMs(attempt.at);
          if (attemptAt <= at && at < periodEnd(attemptAt, cap, decision.timeZone)) count += 1;
        }
        const applies = situation.channel === cap.channel && (situation.purpose ?? 'collection') === 'collection';
        expect(rules.includes(cap.rule), `${cap.rule}: ${String(count)} counted, max ${String(cap.max)}`).toBe(applies && count >= cap.max);
      }
    }), { numRuns: 1000 });
  });
});

describe('history horizon (property)', () => {
  const minutes = (from: number, to: number) => fc.integer({ min: from * 24 * 60, max: to * 24 * 60 }).map((m) => m * MINUTE);
  it('leaving out the attempts older than historyHorizon, unless their callback is still due, never changes a decision then or later', () => {
    // Histories over two months, with the horizon's own edges (exactly at it, a millisecond before) and
    // callback times far ahead of old attempts (a debtor who asked to be called back in three weeks).
    const property = fc.property(situations, fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.array(fc.record({
      channel: fc.constantFrom('call' as const, 'call' as const, 'sms' as const, 'email' as const),
      // Recent attempts fill the caps that a callback then lets a call through.
      age: fc.oneof(
        { weight: 2, arbitrary: minutes(0, 2) },
        { weight: 3, arbitrary: minutes(-1, 60) },
        { weight: 1, arbitrary: fc.constantFrom('edge' as const, 'beyond' as const) },
      ),
      outcome: fc.constantFrom(...attemptOutcomes),
      callback: fc.option(fc.oneof(minutes(-2, 40), fc.constantFrom('edge' as const, 'beyond' as const)), { freq: 2 }),
      caseId: fc.constantFrom('case-1', 'case-2', null),
      purpose: fc.constantFrom('collection' as const, 'collection' as const, 'information' as const),
    }), { maxLength: 24 }), (situation, laterMinutes, drafts) => {
      const at = parseInstantToEpochMs(situation.at);
      const horizon = historyHorizon(situation.profile ?? 'fr-amiable', at);
      const history: ContactAttempt<number>[] = drafts.map((draft) => ({
        channel: draft.channel,
        at: draft.age === 'edge' ? horizon.attemptsFrom : draft.age === 'beyond' ? horizon.attemptsFrom - 1 : at - draft.age,
        outcome: draft.outcome,
        callbackAt: draft.callback === null ? null
          : draft.callback === 'edge' ? horizon.callbacksFrom : draft.callback === 'beyond' ? horizon.callbacksFrom - 1 : at + draft.callback,
        caseId: draft.caseId,
        purpose: draft.purpose,
      }));
      const kept = history.filter((a) => a.at >= horizon.attemptsFrom || (a.callbackAt !== null && a.callbackAt !== undefined && a.callbackAt >= horizon.callbacksFrom));
      // The horizon is taken at `at` (when the history is read); the decision at `at` or a little later.
      for (const when of [at, at + laterMinutes * MINUTE]) {
        const full = decideContact({ ...situation, at: when, history });
        expect(decideContact({ ...situation, at: when, history: kept })).toEqual(full);
      }
    });
    fc.assert(property, { numRuns: 1000 });
  }, 120_000);

  it('reaches back the longest period of the profile plus two days, and callbacks only by their grace', () => {
    const at = parseInstantToEpochMs('2027-03-10T09:00:00Z');
    expect(at - historyHorizon('fr-amiable', at).attemptsFrom).toBe(9 * DAY);
    expect(at - historyHorizon('us-regf', at).attemptsFrom).toBe(9 * DAY);
    expect(at - historyHorizon('fr-d223-9', at).attemptsFrom).toBe(32 * DAY);
    expect(at - historyHorizon('fr-amiable', at).callbacksFrom).toBe(30 * MINUTE);
  });
});
