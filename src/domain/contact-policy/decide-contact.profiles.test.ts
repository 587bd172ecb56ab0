import { describe, expect, it } from 'vitest';
import { decideContact } from './decide-contact.ts';
import type { ContactAttempt, Decision } from './situation.ts';
import { situationWith } from './test-situations.ts';

const rules = (decision: Decision): string[] => decision.reasons.map((reason) => reason.rule);
const call = (at: string, extra: Partial<ContactAttempt> = {}): ContactAttempt => ({ channel: 'call', at, outcome: 'no_answer', ...extra });

describe('fr-d223-9 (telemarketing hours of C. conso D223-9, applied by analogy: policy)', () => {
  const d223 = { profile: 'fr-d223-9' as const };

  it('outside-hours (C. conso D223-9 by analogy): calls Monday–Friday 10:00–13:00 and 14:00–20:00 only', () => {
    const lunch = decideContact(situationWith({ ...d223, at: '2027-03-10T12:30:00Z' })); // 13:30 local
    expect(lunch.reasons).toEqual([expect.objectContaining({ rule: 'outside-hours', kind: 'policy', citation: expect.stringContaining('D223-9') })]);
    expect(lunch.reasons[0]?.message.fr).toContain('du lundi au vendredi, 10:00–13:00 et 14:00–20:00');
    expect(lunch.nextAllowedAt).toBe('2027-03-10T13:00:00Z');
    expect(decideContact(situationWith({ ...d223, at: '2027-03-10T08:30:00Z' })).nextAllowedAt).toBe('2027-03-10T09:00:00Z');
    const saturday = decideContact(situationWith({ ...d223, at: '2027-03-13T10:00:00Z' }));
    expect(rules(saturday)).toEqual(['outside-hours']);
    expect(saturday.nextAllowedAt).toBe('2027-03-15T09:00:00Z');
  });

  it('SMS and e-mails keep the fr-amiable hours (Saturday allowed)', () => {
    expect(decideContact(situationWith({ ...d223, channel: 'sms', at: '2027-03-13T10:00:00Z' })).allowed).toBe(true);
  });

  it('public-holiday and sunday apply as in fr-amiable', () => {
    expect(rules(decideContact(situationWith({ ...d223, at: '2027-03-29T09:00:00Z' })))).toEqual(['public-holiday']);
    expect(rules(decideContact(situationWith({ ...d223, at: '2027-03-14T10:00:00Z' })))).toEqual(['outside-hours', 'sunday']);
  });

  it('monthly-cap (C. conso D223-9 by analogy): 4 call attempts per 30 days', () => {
    const history = ['2027-02-12', '2027-02-19', '2027-02-26', '2027-03-08'].map((day) => call(`${day}T09:00:00Z`));
    const decision = decideContact(situationWith({ ...d223, history }));
    expect(rules(decision)).toEqual(['monthly-cap']);
    // The call of 12 February rolls off on Sunday 14 March at 10:00: the next call hour is Monday 10:00.
    expect(decision.nextAllowedAt).toBe('2027-03-15T09:00:00Z');
  });

  it('other rules as fr-amiable: the notice, the daily cap', () => {
    expect(rules(decideContact(situationWith({ ...d223, case: { noticeSentAt: null } })))).toEqual(['notice-not-sent']);
    expect(rules(decideContact(situationWith({ ...d223, history: [call('2027-03-10T09:30:00Z')], at: '2027-03-10T10:00:00Z' })))).toEqual(['daily-cap']);
  });
});

describe('us-regf (12 CFR 1006.6(b)(1), 1006.14(b): regulation)', () => {
  const us = { profile: 'us-regf' as const, debtor: { postcode: null, country: 'US', timeZone: 'America/New_York', phone: '+12125550100' } };

  it('outside-hours (12 CFR 1006.6(b)(1)(i)): before 08:00 and from 21:00 local, every day of the week', () => {
    expect(decideContact(situationWith({ ...us, at: '2027-03-11T01:59:00Z' })).allowed).toBe(true); // Wednesday 20:59 EST
    const nine = decideContact(situationWith({ ...us, at: '2027-03-11T02:00:00Z' }));
    expect(nine.reasons).toEqual([expect.objectContaining({ rule: 'outside-hours', kind: 'regulation', citation: '12 CFR 1006.6(b)(1)(i)' })]);
    expect(nine.nextAllowedAt).toBe('2027-03-11T13:00:00Z');
    expect(decideContact(situationWith({ ...us, at: '2027-03-14T15:00:00Z' })).allowed).toBe(true); // a Sunday
  });

  it('finds the next 08:00 across the US spring DST change', () => {
    const saturdayNight = decideContact(situationWith({ ...us, at: '2027-03-14T02:30:00Z' })); // Sat 21:30 EST
    expect(saturdayNight).toMatchObject({ localTime: '2027-03-13T21:30:00-05:00', nextAllowedAt: '2027-03-14T12:00:00Z' }); // Sun 08:00 EDT
  });

  it('needs no R124-4 letter and has no daily cap', () => {
    expect(decideContact(situationWith({ ...us, at: '2027-03-10T15:00:00Z', case: { noticeSentAt: null }, history: [call('2027-03-10T14:00:00Z')] })).allowed).toBe(true);
  });

  it('weekly-cap (12 CFR 1006.14(b)(2)(i)): 7 calls within 7 consecutive days about this debt; calls about other debts do not count', () => {
    const days = ['04', '05', '06', '07', '08', '09', '10'];
    const history = days.map((day) => call(`2027-03-${day}T15:00:00Z`, { caseId: 'case-1' }));
    const decision = decideContact(situationWith({ ...us, at: '2027-03-10T20:00:00Z', history }));
    expect(decision.reasons).toEqual([expect.objectContaining({ rule: 'weekly-cap', kind: 'regulation', citation: '12 CFR 1006.14(b)(2)(i)' })]);
    // The call of 4 March stops counting at the start of 11 March; calls start at 08:00.
    expect(decision.nextAllowedAt).toBe('2027-03-11T13:00:00Z');
    const otherDebt = history.map((attempt) => ({ ...attempt, caseId: 'case-2' }));
    expect(decideContact(situationWith({ ...us, at: '2027-03-10T20:00:00Z', history: otherDebt })).allowed).toBe(true);
  });

  it('post-conversation-pause (12 CFR 1006.14(b)(2)(ii)): 7 consecutive days, the day of the conversation being day 1', () => {
    const decision = decideContact(situationWith({ ...us, at: '2027-03-12T15:00:00Z', history: [call('2027-03-10T14:00:00Z', { outcome: 'conversation' })] }));
    expect(decision.reasons).toEqual([expect.objectContaining({ rule: 'post-conversation-pause', kind: 'regulation' })]);
    expect(decision.nextAllowedAt).toBe('2027-03-17T12:00:00Z'); // 17 March 08:00 EDT
  });

  it('quiet-hours (12 CFR 1006.6(b)(1)) and opt-outs (1006.14(h)) are regulation under Reg F', () => {
    expect(decideContact(situationWith({ ...us, at: '2027-03-10T15:00:00Z', preferences: { quietHours: [{ from: '09:00', to: '12:00' }] } })).reasons[0])
      .toMatchObject({ rule: 'quiet-hours', kind: 'regulation', citation: '12 CFR 1006.6(b)(1)' });
    expect(decideContact(situationWith({ ...us, at: '2027-03-10T15:00:00Z', channel: 'sms', preferences: { optOut: ['sms'] } })).reasons[0])
      .toMatchObject({ rule: 'channel-opt-out', kind: 'regulation', citation: '12 CFR 1006.14(h)' });
  });
});

describe('rules shared by every profile, one case per rule and profile', () => {
  // Wednesday 10 March 2027 at 15:00 UTC: 16:00 in Paris (inside the fr-d223-9 afternoon window),
  // 10:00 in New York. Each case changes one thing; the decision must name exactly that rule.
  const at = '2027-03-10T15:00:00Z';
  const profiles = {
    'fr-amiable': { profile: 'fr-amiable' as const },
    'fr-d223-9': { profile: 'fr-d223-9' as const },
    'us-regf': { profile: 'us-regf' as const, debtor: { postcode: null, country: 'US', timeZone: 'America/New_York', phone: '+12125550100' } },
  };
  const sms = (when: string): ContactAttempt => ({ channel: 'sms', at: when, outcome: 'sent' });
  const cases = [
    ['suspended', { suspensions: [{ kind: 'documents-requested' as const, from: '2027-03-01T00:00:00Z' }] }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['over-indebtedness', { suspensions: [{ kind: 'over-indebtedness' as const, from: '2027-03-01T00:00:00Z' }] }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['limitation-expired', { case: { limitationExpiresOn: '2027-03-09' } }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['case-closed', { case: { status: 'closed_returned' as const } }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['written-only', { preferences: { writtenOnly: true } }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['channel-opt-out', { preferences: { optOut: ['call' as const] } }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['quiet-hours', { preferences: { quietHours: [{ from: '09:00', to: '17:00' }] } }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['notice-delay', { case: { noticeSentAt: '2027-03-08T15:00:00Z' } }, ['fr-amiable', 'fr-d223-9']],
    ['weekly-cap', { history: ['2027-03-05', '2027-03-06', '2027-03-08'].map((day) => call(`${day}T15:00:00Z`)) }, ['fr-amiable', 'fr-d223-9']],
    ['post-conversation-pause', { history: [call('2027-03-08T15:00:00Z', { outcome: 'conversation' })] }, ['fr-amiable', 'fr-d223-9', 'us-regf']],
    ['sms-cap', { channel: 'sms' as const, history: [sms('2027-03-05T15:00:00Z'), sms('2027-03-09T15:00:00Z')] }, ['fr-amiable', 'fr-d223-9']],
  ] as const;

  it.each(cases.flatMap(([rule, change, profileIds]) => profileIds.map((profile) => [rule, profile, change] as const)))(
    '%s under %s', (rule, profile, change) => {
      const base = profiles[profile];
      const changed = change as Parameters<typeof situationWith>[0];
      const decision = decideContact(situationWith({
        ...base, ...changed, at,
        debtor: { ...('debtor' in base ? base.debtor : {}), ...changed.debtor },
      }));
      expect(rules(decision)).toEqual([rule]);
    });

  it('wrong-number under every profile', () => {
    for (const [profile, base] of Object.entries(profiles)) {
      const phone = 'debtor' in base ? '+1 212 555 0100' : '06 12 34 56 78';
      expect(rules(decideContact(situationWith({ ...base, at, preferences: { wrongNumbers: [phone] } }))), profile).toEqual(['wrong-number']);
    }
  });
});
