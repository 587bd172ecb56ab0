import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { baseSituation } from '../../domain/contact-policy/test-situations.ts';
import { computeLimitations, decideContacts } from './check-items.ts';
import { DecisionSchema, SituationSchema } from './contact-schemas.ts';
import { LimitationInputSchema, LimitationOutputSchema } from './limitation-schemas.ts';

describe('decideContacts', () => {
  it('returns a decision per valid situation, valid against DecisionSchema', () => {
    const [decision] = decideContacts([baseSituation]);
    expect(decision).toMatchObject({ id: 'base', allowed: true });
    expect(Compile(DecisionSchema).Check(decision)).toBe(true);
  });

  it.each([
    [{ ...baseSituation, channel: 'fax' }, 'channel: must be one of call, sms, email, letter'],
    [{ ...baseSituation, profile: 'fr-lax' }, 'profile: must be one of fr-amiable, fr-d223-9, us-regf'],
    [{ ...baseSituation, at: '2027-02-31T10:00:00Z' }, 'at: invalid instant "2027-02-31T10:00:00Z": expected an ISO 8601 date-time with Z or an offset, e.g. 2027-03-26T09:15:00Z'],
    [{ ...baseSituation, debtor: { postcode: '99999' } }, 'debtor: unknown postcode "99999": no supported French territory uses it'],
    [{ ...baseSituation, debtor: { timeZone: 'Mars/Olympus', postcode: '75011' } }, 'debtor: unknown time zone "Mars/Olympus": expected an IANA zone such as Europe/Paris'],
    [(({ at: _at, ...withoutAt }) => withoutAt)(baseSituation), 'at: required'],
    [{ ...baseSituation, suspension: [] }, 'suspension: unknown field'],
    [{ ...baseSituation, history: [{ channel: 'call', at: 'yesterday' }] }, 'history[0].at: invalid instant "yesterday": expected an ISO 8601 date-time with Z or an offset, e.g. 2027-03-26T09:15:00Z'],
    [{ ...baseSituation, case: { status: 'open' } }, 'case.status: must be one of intake, notice_pending, active, promise, plan, closed_paid, closed_settled, closed_prescribed, closed_returned, closed_erroneous, litigation'],
    [{ ...baseSituation, preferences: { quietHours: [{ from: '25:00', to: '01:00' }] } }, 'preferences.quietHours[0].from: must match ^([01][0-9]|2[0-3]):[0-5][0-9]$'],
    [{ ...baseSituation, debtor: { postcode: 75011 } }, 'debtor.postcode: must be string or null'],
  ])('reports a clear error for %j', (input, message) => {
    expect(decideContacts([input])).toEqual([{ id: 'base', index: 0, error: message }]);
  });

  it('reports non-objects and keeps going', () => {
    const results = decideContacts(['not a situation', null, baseSituation]);
    expect(results[0]).toEqual({ index: 0, error: 'input: must be object' });
    expect(results[1]).toEqual({ index: 1, error: 'input: must be object' });
    expect(results[2]).toMatchObject({ id: 'base', allowed: true });
  });
});

describe('computeLimitations', () => {
  it('computes the issue’s example, valid against LimitationOutputSchema', () => {
    const [result] = computeLimitations([{
      id: 'l1', category: 'telecom', debtorType: 'consumer', dueDate: '2025-03-01', firstUnpaidDate: null, titleDate: null,
      events: [{ type: 'acknowledgement', date: '2025-12-01' }], asOf: '2026-06-01',
    }]);
    expect(result).toMatchObject({ id: 'l1', kind: 'prescription', expiresOn: '2026-12-01', status: 'running', basis: 'CPCE-télécom L34-2; C. civ. 2240' });
    expect(Compile(LimitationOutputSchema).Check(result)).toBe(true);
  });

  it('names the missing or wrong field', () => {
    expect(computeLimitations([
      { id: 'a', category: 'telecom', asOf: '2026-06-01' },
      { id: 'b', category: 'phone', dueDate: '2025-01-01', asOf: '2026-06-01' },
      { category: 'rent', dueDate: '2025-02-30', asOf: '2026-06-01' },
      { id: 'd', category: 'rent', dueDate: '2025-02-28', asOf: '2026-06-01', events: [{ type: 'letter', date: '2025-03-01' }] },
    ])).toEqual([
      { id: 'a', index: 0, error: 'dueDate is required for category telecom' },
      { id: 'b', index: 1, error: expect.stringMatching(/^category: must be one of telecom, energy/) },
      { index: 2, error: 'dueDate: invalid date "2025-02-30": expected an existing date as YYYY-MM-DD' },
      { id: 'd', index: 3, error: expect.stringMatching(/^events\[0\]\.type: must be one of acknowledgement/) },
    ]);
  });
});

describe('schemas', () => {
  it('are plain JSON Schema without $id, with a description on every field of a situation', () => {
    for (const schema of [SituationSchema, DecisionSchema, LimitationInputSchema, LimitationOutputSchema]) {
      expect(JSON.stringify(schema)).not.toContain('$id');
    }
    for (const [name, property] of Object.entries(SituationSchema.properties)) {
      expect(JSON.stringify(property), name).toContain('"description"');
    }
    for (const [name, property] of Object.entries(LimitationInputSchema.properties)) {
      expect(JSON.stringify(property), name).toContain('"description"');
    }
  });
});
