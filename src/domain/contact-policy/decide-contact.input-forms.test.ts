import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromEpochDay, MAX_EPOCH_MS, MIN_EPOCH_MS, parseInstantToEpochMs } from '../time/index.ts';
import { decideContact } from './decide-contact.ts';
import { planContactDay, plainDayKey } from './plan-day.ts';
import { channels, profileIds, suspensionKinds, type EpochSituation, type InstantInput, type Situation } from './situation.ts';
import { baseSituation, situationWith } from './test-situations.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const start2027 = parseInstantToEpochMs('2027-01-01T00:00:00Z');

/** The ways an instant may be written: the engine must read each as the same instant. */
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
function written(epochMs: number, form: number, offsetMinutes: number): string {
  if (form === 0) return new Date(epochMs).toISOString().replace('.000Z', 'Z');
  if (form === 1) return new Date(epochMs).toISOString();
  if (form === 2) return new Date(epochMs).toISOString().replace('Z', '999Z').replace('T', 't').replace('Z', 'z'); // sub-ms digits are truncated
  const local = new Date(epochMs + offsetMinutes * MINUTE).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
}

/** An instant near `at` in one of the written forms, with the epoch milliseconds it names. */
const instantNear = (at: number, hoursBefore: number, hoursAfter: number) =>
  fc.tuple(fc.integer({ min: -hoursBefore * 60, max: hoursAfter * 60 }), fc.integer({ min: 0, max: 59_999 }), fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: -12 * 60, max: 14 * 60 }))
    .map(([minute, milliseconds, form, offset]) => written(at + minute * MINUTE + (form === 0 ? 0 : milliseconds), form, offset));

const situations: fc.Arbitrary<Situation> = fc.integer({ min: 0, max: 365 * 24 }).chain((hour) => {
  const at = start2027 + hour * HOUR;
  return fc.record({
    id: fc.constant('forms'),
    at: instantNear(at, 0, 1),
    channel: fc.constantFrom(...channels),
    purpose: fc.constantFrom('collection' as const, 'information' as const),
    profile: fc.constantFrom(...profileIds),
    debtor: fc.constantFrom(
      { postcode: '75011', country: 'FR', phone: '+33612345678' },
      { postcode: '67000', country: 'FR' },
      { postcode: '97200', country: 'FR' },
      { postcode: '97500', country: 'FR' },
      { phone: '+262269601234' },
      { country: 'US', timeZone: 'America/New_York', phone: '+12125550100' },
    ),
    case: fc.record({
      id: fc.constantFrom('c1', 'c2'),
      status: fc.constantFrom('active' as const, 'active' as const, 'closed_paid' as const),
      noticeSentAt: fc.option(instantNear(at, 24 * 10, 24 * 2), { freq: 6 }),
      limitationExpiresOn: fc.constant(null),
    }),
    suspensions: fc.array(fc.record({
      kind: fc.constantFrom(...suspensionKinds),
      from: instantNear(at, 24 * 5, 24 * 2),
      until: fc.option(instantNear(at, 0, 24 * 10), { freq: 3 }),
    }), { maxLength: 1 }),
    preferences: fc.constant({ quietHours: [{ from: '12:00', to: '14:00' }] }),
    history: fc.array(fc.record({
      channel: fc.constantFrom('call' as const, 'call' as const, 'sms' as const, 'email' as const, 'letter' as const),
      at: instantNear(at, 24 * 9, 0),
      outcome: fc.constantFrom('no_answer' as const, 'conversation' as const, 'sent' as const),
      callbackAt: fc.option(instantNear(at, 24, 24), { freq: 5 }),
      caseId: fc.constantFrom('c1', 'c2', null),
    }), { maxLength: 12 }),
  });
});

/** Each instant as epoch milliseconds, or (when `keep` says so for that field) left as written. */
function withEpochInstants(situation: Situation, keep: (index: number) => boolean = () => false): Situation<InstantInput> {
  let field = 0;
  const ms = (text: string): InstantInput => (keep(field++) ? text : parseInstantToEpochMs(text));
  const optional = (text: string | null | undefined): InstantInput | null | undefined => (text ? ms(text) : text);
  return {
    ...situation,
    at: ms(situation.at),
    case: situation.case ? { ...situation.case, noticeSentAt: optional(situation.case.noticeSentAt) } : situation.case,
    suspensions: situation.suspensions?.map((suspension) => ({ ...suspension, from: ms(suspension.from), until: optional(suspension.until) })),
    history: situation.history?.map((attempt) => ({ ...attempt, at: ms(attempt.at), callbackAt: optional(attempt.callbackAt) })),
  };
}

describe('instants as strings or as epoch milliseconds (property)', () => {
  it('give the same decision, field by field in any mix', () => {
    fc.assert(fc.property(situations, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (situation, keepText) => {
      const expected = decideContact(situation);
      expect(decideContact(withEpochInstants(situation))).toEqual(expected);
      expect(decideContact(withEpochInstants(situation, (index) => keepText[index % keepText.length] === true))).toEqual(expected);
    }), { numRuns: 400 });
  });
});

describe('day plans from either form (property)', () => {
  it('are the same, and so is the memo key', () => {
    fc.assert(fc.property(situations, fc.integer({ min: -1, max: 2 }), (situation, daysAfter) => {
      const { at, channel, ...day } = situation;
      const { at: _at, channel: _channel, ...epochDay } = withEpochInstants(situation);
      const date = fromEpochDay(Math.floor(parseInstantToEpochMs(at) / 86_400_000) + daysAfter);
      const order = [channel, 'letter' as const];
      expect(planContactDay(epochDay, date, order)).toEqual(planContactDay(day, date, order));
      const plain = { history: [], suspensions: [], preferences: null };
      const key = plainDayKey({ ...day, ...plain }, date, order);
      expect(key).not.toBeNull();
      expect(plainDayKey({ ...epochDay, ...plain }, date, order)).toBe(key);
    }), { numRuns: 150 });
  });
});

describe('instants as epoch milliseconds', () => {
  it('read the extremes a canonical string can name as that string does', () => {
    // A letter: only the suspension blocks it, until the last instant a string can name.
    const strings = situationWith({
      channel: 'letter',
      case: { limitationExpiresOn: null },
      suspensions: [{ kind: 'dispute', from: '0001-01-01T00:00:00Z', until: '9999-12-31T23:59:59.999Z' }],
      history: [{ channel: 'call', at: '0001-01-01T00:00:00Z' }],
    });
    const epoch: EpochSituation = {
      ...withEpochInstants(baseSituation) as EpochSituation,
      channel: 'letter',
      case: { ...baseSituation.case, noticeSentAt: parseInstantToEpochMs('2027-02-01T10:00:00Z'), limitationExpiresOn: null },
      suspensions: [{ kind: 'dispute', from: MIN_EPOCH_MS, until: MAX_EPOCH_MS }],
      history: [{ channel: 'call', at: MIN_EPOCH_MS }],
    };
    expect(decideContact(epoch)).toEqual(decideContact(strings));
    expect(decideContact(epoch).nextAllowedAt).toBe('9999-12-31T23:59:59.999Z');
  });

  it('read 0 as 1970-01-01T00:00:00Z, not as an absent value', () => {
    const strings = situationWith({ case: { noticeSentAt: '1970-01-01T00:00:00Z' }, history: [{ channel: 'call', at: '2027-03-09T09:00:00Z', callbackAt: '1970-01-01T00:00:00Z' }] });
    const epoch = { ...strings, case: { ...strings.case, noticeSentAt: 0 }, history: [{ channel: 'call' as const, at: '2027-03-09T09:00:00Z', callbackAt: 0 }] };
    expect(decideContact(epoch)).toEqual(decideContact(strings));
    expect(decideContact({ ...strings, case: { ...strings.case, noticeSentAt: 0 } }).reasons.map((reason) => reason.rule)).not.toContain('notice-not-sent');
  });

  it('refuse what is not a whole number of milliseconds in that range, naming the field', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1.5, MAX_EPOCH_MS + 1, MIN_EPOCH_MS - 1]) {
      expect(() => decideContact({ ...baseSituation, at: bad })).toThrow(/^at: invalid instant .*expected epoch milliseconds/);
      expect(() => decideContact({ ...baseSituation, case: { ...baseSituation.case, noticeSentAt: bad } })).toThrow(/^case\.noticeSentAt: invalid instant/);
      expect(() => decideContact({ ...baseSituation, history: [{ channel: 'sms', at: 1_800_000_000_000 }, { channel: 'sms', at: bad }] }))
        .toThrow(/^history\[1\]\.at: invalid instant/);
      expect(() => decideContact({ ...baseSituation, suspensions: [{ kind: 'dispute', from: 0, until: bad }] })).toThrow(/^suspensions\[0\]\.until: invalid instant/);
    }
  });
});
