import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCivilDate } from '../time/index.ts';
import { callOutcomes, callPriority, callWindow, outcomeEffect, verifyIdentity } from './index.ts';

const d = parseCivilDate;
const base = { balanceCents: 50_000, limitationExpiresOn: null, promiseDueOn: null, instalmentDueOn: null, lastContactOn: d('2027-03-01') };

describe('callPriority', () => {
  it('explains every point of the score', () => {
    const p = callPriority({ ...base, promiseDueOn: d('2027-03-11'), limitationExpiresOn: d('2027-06-08') }, d('2027-03-10'));
    expect(p.reasons.map((r) => r.code)).toEqual(['promise-due', 'limitation-soon', 'balance', 'no-recent-contact']);
    expect(p.score).toBe(p.reasons.reduce((s, r) => s + r.points, 0));
    expect(p.reasons.find((r) => r.code === 'limitation-soon')!.points).toBe(150); // 90 of 180 days left
    expect(p.reasons[0]!.message.fr).toContain('2027-03-11');
  });
  it('puts an overdue instalment and a case never contacted first', () => {
    const overdue = callPriority({ ...base, instalmentDueOn: d('2027-03-05') }, d('2027-03-10'));
    const quiet = callPriority(base, d('2027-03-10'));
    expect(overdue.score).toBeGreaterThan(quiet.score);
    expect(callPriority({ ...base, lastContactOn: null }, d('2027-03-10')).reasons.some((r) => r.code === 'never-contacted')).toBe(true);
  });
  it('ignores a promise not yet near its date and a limitation far away', () => {
    const p = callPriority({ ...base, promiseDueOn: d('2027-04-01'), limitationExpiresOn: d('2029-01-01') }, d('2027-03-10'));
    expect(p.reasons.map((r) => r.code)).toEqual(['balance', 'no-recent-contact']);
  });
  it('never decreases when the balance grows or time since the last contact grows (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 400 }), (a, b, days) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const today = d('2028-01-01');
      const last = d('2027-06-01');
      expect(callPriority({ ...base, balanceCents: hi, lastContactOn: last }, today).score)
        .toBeGreaterThanOrEqual(callPriority({ ...base, balanceCents: lo, lastContactOn: last }, today).score);
      const later = parseCivilDate(new Date(Date.UTC(2028, 0, 1 + days)).toISOString().slice(0, 10));
      const p = callPriority({ ...base, lastContactOn: last }, later);
      expect(p.score).toBeGreaterThanOrEqual(callPriority({ ...base, lastContactOn: last }, today).score);
      for (const r of p.reasons) expect(r.points).toBeGreaterThanOrEqual(0);
    }));
  });
});

describe('call script outcomes', () => {
  it('opens the matching suspension at once for disputes, documents, hardship, over-indebtedness and death', () => {
    expect(outcomeEffect('dispute').suspension).toBe('dispute');
    expect(outcomeEffect('documents_requested').suspension).toBe('documents-requested');
    expect(outcomeEffect('over_indebtedness').suspension).toBe('over-indebtedness');
    expect(outcomeEffect('deceased').suspension).toBe('deceased');
    expect(outcomeEffect('hardship').suspension).toBe('vulnerability');
    expect(outcomeEffect('promise').suspension).toBeNull();
  });
  it('never discloses the debt to a third party, a voicemail or a wrong number', () => {
    for (const outcome of ['no_answer', 'voicemail', 'wrong_number', 'third_party', 'deceased'] as const) {
      expect(outcomeEffect(outcome).disclosesDebt).toBe(false);
      expect(outcomeEffect(outcome).rightParty).toBe(false);
    }
    // Every outcome that reaches the debtor and discusses the debt counts as a conversation for the engine (7-day pause).
    for (const outcome of callOutcomes) {
      const e = outcomeEffect(outcome);
      if (e.disclosesDebt) expect(e.engineOutcome).toBe('conversation');
    }
  });
});

describe('verifyIdentity', () => {
  const file = { birth_date: '1984-07-02', postcode: '75011', birth_place: 'Saint-Étienne', contract_reference: 'CT-880037', email: null };
  it('needs two distinct facts from the file', () => {
    expect(verifyIdentity(file, [{ fact: 'birth_date', value: '02/07/1984' }]).verified).toBe(false);
    expect(verifyIdentity(file, [{ fact: 'birth_date', value: '02/07/1984' }, { fact: 'postcode', value: '75 011' }])).toMatchObject({ verified: true, matched: ['birth_date', 'postcode'] });
    expect(verifyIdentity(file, [{ fact: 'birth_place', value: 'saint etienne' }, { fact: 'contract_reference', value: 'ct880037' }]).verified).toBe(true);
  });
  it('refuses when any answer is wrong, or repeated, or about a fact the file lacks', () => {
    expect(verifyIdentity(file, [{ fact: 'birth_date', value: '1984-07-02' }, { fact: 'postcode', value: '75012' }, { fact: 'birth_place', value: 'Saint-Etienne' }]).verified).toBe(false);
    expect(verifyIdentity(file, [{ fact: 'postcode', value: '75011' }, { fact: 'postcode', value: '75011' }]).verified).toBe(false);
    expect(verifyIdentity(file, [{ fact: 'postcode', value: '75011' }, { fact: 'email', value: 'x@y.z' }])).toMatchObject({ verified: false, unavailable: ['email'] });
  });
  it('never verifies with empty answers (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('birth_date', 'postcode', 'birth_place', 'contract_reference', 'email' as const), { maxLength: 6 }), (facts) => {
      expect(verifyIdentity(file, facts.map((fact) => ({ fact, value: '  ' }))).verified).toBe(false);
    }));
  });
});

describe('callWindow', () => {
  it('says until when a case is callable and how many calls are left (debtor local time)', () => {
    // Tuesday 2027-03-09 10:00 in Paris (09:00Z); two calls in the last 7 days.
    const at = Date.parse('2027-03-09T09:00:00Z');
    const w = callWindow('fr-amiable', at, 'Europe/Paris', [
      { channel: 'call', at: '2027-03-05T10:00:00Z', outcome: 'no_answer' }, { channel: 'call', at: '2027-03-08T10:00:00Z', outcome: 'voicemail' },
      { channel: 'call', at: '2027-02-20T10:00:00Z', outcome: 'no_answer' }, { channel: 'sms', at: '2027-03-08T10:00:00Z' },
    ]);
    expect(w).toMatchObject({ until: '20:00', callsLeft: 1 });
    expect(w.message.en).toBe('Callable until 20:00 local time, 1 call left in 7 days');
    expect(w.message.fr).toBe('Appelable jusqu’à 20:00 heure locale, 1 appel restant sur 7 jours');
  });
  it('is outside the window at 05:00 in Réunion even when it is 02:00 in Paris', () => {
    expect(callWindow('fr-amiable', Date.parse('2027-03-09T01:00:00Z'), 'Indian/Reunion', []).until).toBeNull();
    expect(callWindow('fr-amiable', Date.parse('2027-03-09T05:00:00Z'), 'Indian/Reunion', []).until).toBe('20:00');
  });
});
