import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKeyOf, matchDebtor, matchKeyOf, nameKeyOf, normaliseText, type DebtorCandidate, type IdentityInput } from './debtor-identity.ts';

const person = (overrides: Partial<IdentityInput> = {}): IdentityInput => ({
  debtorType: 'consumer', firstName: 'Jean-Pierre', lastName: 'N\'Diaye', companyName: null, companyRegistration: null,
  birthDate: '1979-11-02', birthPlace: 'Dakar', ...overrides,
});
const candidateOf = (id: string, identity: IdentityInput, addressKeys: string[] = []): DebtorCandidate => ({
  id, nameKey: nameKeyOf(identity), matchKey: matchKeyOf(identity), birthPlaceKey: identity.birthPlace ? normaliseText(identity.birthPlace) : null, addressKeys,
});
const incomingOf = (identity: IdentityInput, addressKeys: string[] = []) => {
  const { id: _id, ...rest } = candidateOf('x', identity, addressKeys);
  return rest;
};

describe('normalisation', () => {
  it('ignores case, accents, ligatures, punctuation and spacing', () => {
    expect(normaliseText('  Jean-Pierre  N\'DIAYE ')).toBe('jean pierre n diaye');
    expect(normaliseText('Lætitia Œuvrard')).toBe('laetitia oeuvrard');
    expect(nameKeyOf(person({ firstName: 'JEAN PIERRE', lastName: 'n diaye' }))).toBe(nameKeyOf(person()));
  });

  it('is idempotent and insensitive to case and accents (property)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'é', 'È', 'ç', '-', ' ', '\'', 'Z', 'œ', '.') }), (text) => {
      const once = normaliseText(text);
      expect(normaliseText(once)).toBe(once);
      expect(normaliseText(text.toUpperCase())).toBe(once);
      expect(once).toMatch(/^[a-z0-9 ]*$/);
    }));
  });

  it('keys a company on its name and SIREN', () => {
    const company = person({ debtorType: 'professional', companyName: 'Boulangerie du Port SARL', companyRegistration: '552 100 554 00012' });
    expect(matchKeyOf(company)).toBe('co|boulangerie du port sarl|552100554');
  });
});

describe('matchDebtor', () => {
  const existing = person();
  const address = addressKeyOf({ line1: '4 cours Gambetta', postcode: '69003', country: 'FR' });

  it('the same names and birth date are one debtor, across creditors and files', () => {
    expect(matchDebtor(incomingOf(person({ firstName: 'jean pierre' })), [candidateOf('d1', existing)])).toEqual({ kind: 'existing', debtorId: 'd1', via: 'match_key' });
  });

  it('without a birth date, the same names at the same address are one debtor', () => {
    const incoming = incomingOf(person({ birthDate: null }), [addressKeyOf({ line1: '4, Cours Gambetta', postcode: '69 003', country: 'fr' })]);
    expect(matchDebtor(incoming, [candidateOf('d1', existing, [address])])).toEqual({ kind: 'existing', debtorId: 'd1', via: 'address' });
  });

  it('flags a probable homonym (same names, other birth date or birth place) instead of merging', () => {
    expect(matchDebtor(incomingOf(person({ birthDate: '1980-01-01' }), [address]), [candidateOf('d1', existing, [address])])).toEqual({ kind: 'new', homonymOf: ['d1'] });
    expect(matchDebtor(incomingOf(person({ birthPlace: 'Lyon' })), [candidateOf('d1', existing)])).toEqual({ kind: 'new', homonymOf: ['d1'] });
    expect(matchDebtor(incomingOf(person({ lastName: 'Diallo' })), [candidateOf('d1', existing)])).toEqual({ kind: 'new', homonymOf: [] });
  });

  it('an identity always matches itself, and a different birth date never matches on the key (property)', () => {
    const date = fc.integer({ min: 0, max: 20000 }).map((d) => new Date(Date.UTC(1930, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), date, date, (first, last, birth, other) => {
      const identity = person({ firstName: first, lastName: last, birthDate: birth });
      expect(matchDebtor(incomingOf(identity), [candidateOf('d', identity)])).toMatchObject({ kind: 'existing', debtorId: 'd' });
      const decision = matchDebtor(incomingOf(person({ firstName: first, lastName: last, birthDate: other })), [candidateOf('d', identity)]);
      if (other !== birth) expect(decision).toEqual({ kind: 'new', homonymOf: ['d'] });
    }));
  });
});
