import { describe, expect, it } from 'vitest';
import { decideContact } from './decide-contact.ts';
import type { ContactAttempt, Decision } from './situation.ts';
import { situationWith } from './test-situations.ts';

const rules = (decision: Decision): string[] => decision.reasons.map((reason) => reason.rule);
const call = (at: string, extra: Partial<ContactAttempt> = {}): ContactAttempt => ({ channel: 'call', at, outcome: 'no_answer', ...extra });

describe('fr-amiable: the issue’s example', () => {
  it('Good Friday in Moselle is a public holiday; the next allowed instant is Saturday 08:00 local', () => {
    const decision = decideContact({
      id: 's1', at: '2027-03-26T09:15:00Z', channel: 'call', purpose: 'collection', profile: 'fr-amiable',
      debtor: { postcode: '57000', country: 'FR', timeZone: null, phone: '+33387000000' },
      case: { status: 'active', noticeSentAt: '2027-03-01T10:00:00Z', limitationExpiresOn: '2028-01-10' },
      suspensions: [],
      preferences: { writtenOnly: false, optOut: ['sms'], quietHours: [{ from: '12:00', to: '14:00' }], wrongNumbers: [] },
      history: [{ channel: 'call', at: '2027-03-25T08:10:00Z', outcome: 'no_answer', callbackAt: null }],
    });
    expect(decision).toMatchObject({
      id: 's1', allowed: false, nextAllowedAt: '2027-03-27T07:00:00Z', localTime: '2027-03-26T10:15:00+01:00', territory: 'FR-57',
    });
    expect(decision.reasons).toEqual([expect.objectContaining({ rule: 'public-holiday', kind: 'policy', citation: expect.stringContaining('L3134-13') })]);
    expect(decision.reasons[0]?.message.fr).toContain('férié');
  });

  it('the same instant is an ordinary Friday in Paris (L3134-13 is local law)', () => {
    expect(decideContact(situationWith({ at: '2027-03-26T09:15:00Z' })).allowed).toBe(true);
  });

  it('defaults omitted fields: profile fr-amiable, purpose collection, zone from the territory', () => {
    const decision = decideContact({ at: '2027-03-10T09:00:00Z', channel: 'call', debtor: { postcode: '75011' }, case: { noticeSentAt: '2027-02-01T10:00:00Z' } });
    expect(decision).toEqual({ allowed: true, reasons: [], nextAllowedAt: '2027-03-10T09:00:00Z', localTime: '2027-03-10T10:00:00+01:00', territory: 'FR-METRO', timeZone: 'Europe/Paris' });
  });
});

describe('fr-amiable: hours, Sundays and public holidays (policy: no statute sets calling hours)', () => {
  it('outside-hours (policy, LEGAL_RULES 1a): the window is half-open [08:00, 20:00) in the debtor’s local time', () => {
    expect(decideContact(situationWith({ at: '2027-03-10T06:59:00Z' }))).toMatchObject({ allowed: false, nextAllowedAt: '2027-03-10T07:00:00Z' });
    expect(decideContact(situationWith({ at: '2027-03-10T07:00:00Z' })).allowed).toBe(true);
    expect(decideContact(situationWith({ at: '2027-03-10T18:59:00Z' })).allowed).toBe(true);
    const eight = decideContact(situationWith({ at: '2027-03-10T19:00:00Z' }));
    expect(rules(eight)).toEqual(['outside-hours']);
    expect(eight.reasons[0]).toMatchObject({ kind: 'policy' });
    expect(eight.nextAllowedAt).toBe('2027-03-11T07:00:00Z');
  });

  it('sunday (policy): Saturday is a contact day; Sunday reports sunday as well as outside-hours', () => {
    expect(decideContact(situationWith({ at: '2027-03-13T09:00:00Z' })).allowed).toBe(true);
    const sunday = decideContact(situationWith({ at: '2027-03-14T09:00:00Z', channel: 'sms' }));
    expect(rules(sunday)).toEqual(['outside-hours', 'sunday']);
    expect(sunday.nextAllowedAt).toBe('2027-03-15T07:00:00Z');
  });

  it('public-holiday (C. trav. L3133-1): Easter Monday within hours reports the holiday only, not outside-hours', () => {
    const easterMonday = decideContact(situationWith({ at: '2027-03-29T08:00:00Z', channel: 'email' }));
    expect(rules(easterMonday)).toEqual(['public-holiday']);
    expect(easterMonday.nextAllowedAt).toBe('2027-03-30T06:00:00Z'); // Tuesday 08:00 CEST
  });

  it('a Sunday that is also a holiday (15 August 2027) reports both', () => {
    expect(rules(decideContact(situationWith({ at: '2027-08-15T08:00:00Z' })))).toEqual(['outside-hours', 'sunday', 'public-holiday']);
  });

  it('public-holiday (décret 83-1003): the abolition day is judged by the debtor’s local date, 27 May in Guadeloupe while Paris is already on 28 May', () => {
    const guadeloupe = decideContact(situationWith({ at: '2027-05-27T23:30:00Z', debtor: { postcode: '97110', phone: null } }));
    expect(guadeloupe).toMatchObject({ localTime: '2027-05-27T19:30:00-04:00', territory: 'FR-GP', nextAllowedAt: '2027-05-28T12:00:00Z' });
    expect(rules(guadeloupe)).toEqual(['public-holiday']);
    // Martinique's day is 22 May: the same instant is allowed there.
    expect(decideContact(situationWith({ at: '2027-05-27T23:30:00Z', debtor: { postcode: '97200', phone: null } })).allowed).toBe(true);
    // Mayotte, 27 April at 09:00 local (UTC+3).
    expect(rules(decideContact(situationWith({ at: '2027-04-27T06:00:00Z', debtor: { postcode: '97600', phone: null } })))).toEqual(['public-holiday']);
  });
});

describe('fr-amiable: the R124-4 notice', () => {
  it('notice-not-sent (law, CPCE-exéc R124-4) blocks calls, SMS and e-mails until a change of state, not letters', () => {
    for (const channel of ['call', 'sms', 'email'] as const) {
      const decision = decideContact(situationWith({ channel, case: { noticeSentAt: null } }));
      expect(decision.reasons).toEqual([expect.objectContaining({ rule: 'notice-not-sent', kind: 'law', citation: 'CPCE-exéc R124-4' })]);
      expect(decision.nextAllowedAt).toBeNull();
    }
    expect(decideContact(situationWith({ channel: 'letter', case: { noticeSentAt: null } })).allowed).toBe(true);
  });

  it('notice-delay (policy on top of CPCE-exéc R124-4): sent on a Monday → allowed from Thursday 08:00 local', () => {
    const monday = { noticeSentAt: '2027-03-08T15:00:00Z' };
    const wednesday = decideContact(situationWith({ at: '2027-03-10T09:00:00Z', case: monday }));
    expect(rules(wednesday)).toEqual(['notice-delay']);
    expect(wednesday.reasons[0]?.kind).toBe('policy');
    expect(wednesday.nextAllowedAt).toBe('2027-03-11T07:00:00Z');
    expect(decideContact(situationWith({ at: '2027-03-11T07:00:00Z', case: monday })).allowed).toBe(true);
  });

  it('counts from the local date of sending: 00:30 on Tuesday in Paris is still 8 March in UTC', () => {
    const decision = decideContact(situationWith({ at: '2027-03-11T09:00:00Z', case: { noticeSentAt: '2027-03-08T23:30:00Z' } }));
    expect(rules(decision)).toEqual(['notice-delay']);
    expect(decision.nextAllowedAt).toBe('2027-03-12T07:00:00Z'); // Friday 08:00
  });
});

describe('fr-amiable: caps per debtor across all cases (policy)', () => {
  it('daily-cap (policy; cf. C. conso L121-7 3°, C. pén. 222-16): one call attempt per local calendar day', () => {
    const decision = decideContact(situationWith({ history: [call('2027-03-10T07:30:00Z')] }));
    expect(rules(decision)).toEqual(['daily-cap']);
    expect(decision.nextAllowedAt).toBe('2027-03-11T07:00:00Z');
    // 23:30 on the 9th in Paris is another local day.
    expect(decideContact(situationWith({ history: [call('2027-03-09T22:30:00Z')] })).allowed).toBe(true);
    // A text is not a call.
    expect(decideContact(situationWith({ channel: 'sms', history: [call('2027-03-10T07:30:00Z')] })).allowed).toBe(true);
  });

  it('weekly-cap (policy; cf. C. conso L121-7 3°): 3 call attempts per rolling 7 days, an attempt rolling off at the same local clock time 7 days later', () => {
    const history = [call('2027-03-05T09:00:00Z'), call('2027-03-06T09:00:00Z'), call('2027-03-08T09:00:00Z')];
    const decision = decideContact(situationWith({ history }));
    expect(rules(decision)).toEqual(['weekly-cap']);
    expect(decision.nextAllowedAt).toBe('2027-03-12T09:00:00Z');
    expect(decideContact(situationWith({ at: '2027-03-12T08:59:00Z', history })).allowed).toBe(false);
  });

  it('weekly-cap across the spring DST change: 7 calendar days are 167 hours, not 168', () => {
    const history = [call('2027-03-25T09:00:00Z'), call('2027-03-26T09:00:00Z'), call('2027-03-27T09:00:00Z')];
    const decision = decideContact(situationWith({ at: '2027-03-31T09:00:00Z', history }));
    expect(rules(decision)).toEqual(['weekly-cap']);
    expect(decision.nextAllowedAt).toBe('2027-04-01T08:00:00Z'); // Thursday 10:00 CEST, like the call of the 25th at 10:00 CET
  });

  it('post-conversation-pause (policy modelled on 12 CFR 1006.14(b)(2)(ii)): no call for 7 calendar days at the same local clock time', () => {
    const history = [call('2027-03-08T09:00:00Z', { outcome: 'conversation' })];
    const decision = decideContact(situationWith({ history }));
    expect(rules(decision)).toEqual(['post-conversation-pause']);
    expect(decision.nextAllowedAt).toBe('2027-03-15T09:00:00Z');
    expect(decideContact(situationWith({ channel: 'email', history })).allowed).toBe(true);
  });

  it('post-conversation-pause across the Saint-Pierre-et-Miquelon DST change', () => {
    const decision = decideContact(situationWith({
      at: '2027-03-16T13:00:00Z', debtor: { postcode: '97500', phone: null },
      history: [call('2027-03-10T13:00:00Z', { outcome: 'conversation' })], // 10:00 local, UTC−3
    }));
    expect(decision.nextAllowedAt).toBe('2027-03-17T12:00:00Z'); // 10:00 local, UTC−2
  });

  it('callback exception (policy; cf. 12 CFR 1006.14(b)(3)): a call at, or up to 30 minutes after, the time the debtor asked for escapes caps and pause', () => {
    const history = [call('2027-03-10T08:00:00Z', { outcome: 'conversation', callbackAt: '2027-03-10T14:00:00Z' })];
    const early = decideContact(situationWith({ at: '2027-03-10T13:50:00Z', history }));
    expect(rules(early)).toEqual(['daily-cap', 'post-conversation-pause']);
    expect(early.nextAllowedAt).toBe('2027-03-10T14:00:00Z');
    expect(decideContact(situationWith({ at: '2027-03-10T14:30:00Z', history })).allowed).toBe(true);
    expect(decideContact(situationWith({ at: '2027-03-10T14:31:00Z', history })).allowed).toBe(false);
    // One call only: a call already placed in the window uses the exception up.
    const used = [...history, call('2027-03-10T14:05:00Z')];
    expect(decideContact(situationWith({ at: '2027-03-10T14:20:00Z', history: used })).allowed).toBe(false);
  });

  it('the callback exception does not reach the hours', () => {
    const history = [call('2027-03-10T08:00:00Z', { outcome: 'conversation', callbackAt: '2027-03-10T19:30:00Z' })];
    const late = decideContact(situationWith({ at: '2027-03-10T19:35:00Z', history }));
    expect(rules(late)).toEqual(['outside-hours']);
    // Once the callback window is over, the pause of the conversation at 09:00 runs to 17 March 09:00.
    expect(late.nextAllowedAt).toBe('2027-03-17T08:00:00Z');
  });

  it('sms-cap and email-cap (policy; cf. C. conso L121-7 3°): 2 per rolling 7 days each', () => {
    const sms = (at: string): ContactAttempt => ({ channel: 'sms', at, outcome: 'sent' });
    const texted = decideContact(situationWith({ channel: 'sms', history: [sms('2027-03-04T09:00:00Z'), sms('2027-03-09T09:00:00Z')] }));
    expect(rules(texted)).toEqual(['sms-cap']);
    expect(texted.nextAllowedAt).toBe('2027-03-11T09:00:00Z');
    const mail = (at: string): ContactAttempt => ({ channel: 'email', at, outcome: 'delivered' });
    expect(rules(decideContact(situationWith({ channel: 'email', history: [mail('2027-03-04T09:00:00Z'), mail('2027-03-09T09:00:00Z')] })))).toEqual(['email-cap']);
  });

  it('information messages do not use up the caps', () => {
    const receipt: ContactAttempt = { channel: 'sms', at: '2027-03-09T09:00:00Z', outcome: 'sent', purpose: 'information' };
    expect(decideContact(situationWith({ channel: 'sms', history: [receipt, receipt] })).allowed).toBe(true);
  });
});

describe('fr-amiable: blocking states', () => {
  it('suspended (dispute: ASF 2004 agreement, GDPR art. 18, self-regulation): lifted at its end, inside the hours', () => {
    const decision = decideContact(situationWith({ suspensions: [{ kind: 'dispute', from: '2027-03-01T00:00:00Z', until: '2027-03-12T00:00:00Z' }] }));
    expect(decision.reasons).toEqual([expect.objectContaining({ rule: 'suspended', kind: 'self-regulation' })]);
    expect(decision.nextAllowedAt).toBe('2027-03-12T07:00:00Z');
    const openEnded = decideContact(situationWith({ suspensions: [{ kind: 'deceased', from: '2027-03-01T00:00:00Z', until: null }] }));
    expect(openEnded.nextAllowedAt).toBeNull();
    expect(decideContact(situationWith({ suspensions: [{ kind: 'vulnerability', from: '2027-03-11T00:00:00Z' }] })).allowed).toBe(true);
  });

  it('over-indebtedness (law, C. conso L722-2, L722-5) forbids asking for payment by any channel, letters included', () => {
    const suspensions = [{ kind: 'over-indebtedness' as const, from: '2027-03-01T00:00:00Z', until: null }];
    for (const channel of ['call', 'letter'] as const) {
      const decision = decideContact(situationWith({ channel, suspensions }));
      expect(decision.reasons).toEqual([expect.objectContaining({ rule: 'over-indebtedness', kind: 'law', citation: 'C. conso L722-2, L722-5' })]);
      expect(decision.nextAllowedAt).toBeNull();
    }
    expect(decideContact(situationWith({ channel: 'email', purpose: 'information', suspensions })).allowed).toBe(true);
  });

  it('limitation-expired (policy; C. civ. 2219, C. conso L121-2): blocked once the debtor’s local date is after limitationExpiresOn', () => {
    expect(decideContact(situationWith({ case: { limitationExpiresOn: '2027-03-10' } })).allowed).toBe(true);
    const expired = decideContact(situationWith({ case: { limitationExpiresOn: '2027-03-09' } }));
    expect(rules(expired)).toEqual(['limitation-expired']);
    expect(expired.nextAllowedAt).toBeNull();
    // In La Réunion (UTC+4) 20:30 UTC on the 10th is already the 11th.
    const reunion = decideContact(situationWith({ channel: 'letter', at: '2027-03-10T20:30:00Z', debtor: { postcode: '97400', phone: null }, case: { limitationExpiresOn: '2027-03-10' } }));
    expect(rules(reunion)).toEqual(['limitation-expired']);
  });

  it('case-closed (policy): a closed case, one in litigation or not yet taken in', () => {
    for (const status of ['closed_paid', 'litigation', 'intake'] as const) {
      const decision = decideContact(situationWith({ case: { status } }));
      expect(rules(decision)).toEqual(['case-closed']);
      expect(decision.nextAllowedAt).toBeNull();
    }
  });

  it('written-only (debtor preference; cf. C. conso L121-7 3°) blocks calls and SMS, not e-mails or letters', () => {
    const preferences = { writtenOnly: true };
    expect(rules(decideContact(situationWith({ channel: 'call', preferences })))).toEqual(['written-only']);
    expect(rules(decideContact(situationWith({ channel: 'sms', preferences })))).toEqual(['written-only']);
    expect(decideContact(situationWith({ channel: 'email', preferences })).allowed).toBe(true);
    expect(decideContact(situationWith({ channel: 'letter', preferences })).allowed).toBe(true);
  });

  it('channel-opt-out (debtor preference; cf. C. conso L121-7 3°) blocks the refused channel only', () => {
    const decision = decideContact(situationWith({ channel: 'sms', preferences: { optOut: ['sms'] } }));
    expect(rules(decision)).toEqual(['channel-opt-out']);
    expect(decision.nextAllowedAt).toBeNull();
    expect(decideContact(situationWith({ channel: 'call', preferences: { optOut: ['sms'] } })).allowed).toBe(true);
  });

  it('wrong-number (policy; GDPR art. 5(1)(d)): the number being contacted is debtor.phone, however it is written', () => {
    const preferences = { wrongNumbers: ['06 12 34 56 78'] };
    expect(rules(decideContact(situationWith({ preferences })))).toEqual(['wrong-number']);
    expect(decideContact(situationWith({ preferences, debtor: { phone: '+33698765432' } })).allowed).toBe(true);
    expect(decideContact(situationWith({ preferences, channel: 'email' })).allowed).toBe(true);
  });

  it('quiet-hours (debtor preference; cf. C. conso L121-7 3°) in local time, including a range that crosses midnight', () => {
    const lunch = decideContact(situationWith({ at: '2027-03-10T09:00:00Z', preferences: { quietHours: [{ from: '09:30', to: '11:00' }] } }));
    expect(rules(lunch)).toEqual(['quiet-hours']);
    expect(lunch.nextAllowedAt).toBe('2027-03-10T10:00:00Z');
    const night = decideContact(situationWith({ at: '2027-03-10T18:30:00Z', preferences: { quietHours: [{ from: '19:00', to: '09:00' }] } }));
    expect(rules(night)).toEqual(['quiet-hours']);
    expect(night.nextAllowedAt).toBe('2027-03-11T08:00:00Z');
  });

  it('quiet hours covering every contact window leave no next instant', () => {
    const decision = decideContact(situationWith({ preferences: { quietHours: [{ from: '07:00', to: '21:00' }] } }));
    expect(decision).toMatchObject({ allowed: false, nextAllowedAt: null });
  });
});

describe('fr-amiable: purposes, letters and the full list of reasons', () => {
  it('an information message skips caps, notice, suspension, limitation and closure, but not the hours', () => {
    const blocked = situationWith({
      purpose: 'information', channel: 'email',
      case: { status: 'closed_paid', noticeSentAt: null, limitationExpiresOn: '2020-01-01' },
      suspensions: [{ kind: 'dispute', from: '2027-01-01T00:00:00Z' }],
      history: [{ channel: 'email', at: '2027-03-09T09:00:00Z' }, { channel: 'email', at: '2027-03-09T10:00:00Z' }],
    });
    expect(decideContact(blocked).allowed).toBe(true);
    expect(rules(decideContact({ ...blocked, at: '2027-03-14T09:00:00Z' }))).toEqual(['outside-hours', 'sunday']);
  });

  it('a letter may go any day at any hour but not to a closed or suspended case', () => {
    expect(decideContact(situationWith({ channel: 'letter', at: '2027-03-14T22:00:00Z' })).allowed).toBe(true);
    expect(rules(decideContact(situationWith({ channel: 'letter', case: { status: 'closed_settled' } })))).toEqual(['case-closed']);
    expect(rules(decideContact(situationWith({ channel: 'letter', suspensions: [{ kind: 'documents-requested', from: '2027-03-01T00:00:00Z' }] })))).toEqual(['suspended']);
  });

  it('reports every applicable reason, in the order of the rule list', () => {
    const decision = decideContact(situationWith({
      at: '2027-03-14T12:30:00Z',
      case: { status: 'litigation', noticeSentAt: null },
      preferences: { quietHours: [{ from: '13:00', to: '14:00' }], optOut: ['call'] },
      suspensions: [{ kind: 'dispute', from: '2027-03-01T00:00:00Z' }, { kind: 'over-indebtedness', from: '2027-03-02T00:00:00Z' }],
      history: [call('2027-03-13T09:00:00Z', { outcome: 'conversation' })],
    }));
    expect(rules(decision)).toEqual(['outside-hours', 'sunday', 'notice-not-sent', 'post-conversation-pause', 'suspended',
      'over-indebtedness', 'case-closed', 'channel-opt-out', 'quiet-hours']);
    expect(decision.nextAllowedAt).toBeNull();
    for (const reason of decision.reasons) {
      expect(reason.citation).not.toBe('');
      expect(reason.message.fr).not.toBe('');
      expect(reason.message.en).not.toBe('');
    }
  });

  it('names the field of a situation it cannot read', () => {
    expect(() => decideContact(situationWith({ at: '2027-02-31T10:00:00Z' }))).toThrow(/^at: invalid instant/);
    expect(() => decideContact(situationWith({ debtor: { postcode: '99999' } }))).toThrow(/^debtor: unknown postcode/);
    expect(() => decideContact(situationWith({ history: [{ channel: 'call', at: 'yesterday' }] }))).toThrow(/^history\[0\]\.at/);
    expect(() => decideContact(situationWith({ preferences: { quietHours: [{ from: '25:00', to: '01:00' }] } }))).toThrow(/^preferences\.quietHours\[0\]\.from/);
    expect(() => decideContact(situationWith({ case: { limitationExpiresOn: '2027-02-30' } }))).toThrow(/^case\.limitationExpiresOn/);
    expect(() => decideContact(situationWith({ channel: 'fax' as never }))).toThrow(/^channel: must be one of call, sms, email, letter/);
    expect(() => decideContact(situationWith({ profile: 'fr-lax' as never }))).toThrow(/^profile: must be one of/);
  });
});
