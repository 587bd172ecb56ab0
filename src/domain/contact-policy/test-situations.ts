import type { Situation } from './situation.ts';

/**
 * A contact that every profile allows: Wednesday 10 March 2027, 10:00 in Paris, notice sent a month
 * earlier, no history. Tests change one thing at a time from it.
 */
export const baseSituation: Situation = {
  id: 'base',
  at: '2027-03-10T09:00:00Z',
  channel: 'call',
  purpose: 'collection',
  profile: 'fr-amiable',
  debtor: { postcode: '75011', country: 'FR', timeZone: null, phone: '+33612345678' },
  case: { id: 'case-1', status: 'active', noticeSentAt: '2027-02-01T10:00:00Z', limitationExpiresOn: '2028-01-10' },
  suspensions: [],
  preferences: { writtenOnly: false, optOut: [], quietHours: [], wrongNumbers: [] },
  history: [],
};

type SituationOverrides = Omit<Partial<Situation>, 'debtor' | 'case' | 'preferences'> & {
  readonly debtor?: Partial<Situation['debtor']>;
  readonly case?: Partial<NonNullable<Situation['case']>>;
  readonly preferences?: Partial<NonNullable<Situation['preferences']>>;
};

/** The base situation with some fields replaced (nested objects are merged one level deep). */
export function situationWith(overrides: SituationOverrides): Situation {
  return {
    ...baseSituation,
    ...overrides,
    debtor: { ...baseSituation.debtor, ...overrides.debtor },
    case: { ...baseSituation.case, ...overrides.case },
    preferences: { ...baseSituation.preferences, ...overrides.preferences },
  };
}
