import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidRfReference, rfReference, rfReferenceForCase } from '../letters/rf-reference.ts';
import { nameKeyOf } from '../intake/debtor-identity.ts';
import { autoBookThreshold, findRfReference, payerNameKeys, rankCandidates, returnReason, scoreCandidate } from './index.ts';

const candidate = { caseId: 'c1', creditorId: 'k1', lastName: 'Lefèvre', firstName: 'Camille', companyName: null, balanceCents: 12_345, expectedCents: [5_000] };

describe('finding the RF reference (ISO 11649)', () => {
  it('reads it from the structured reference or from free text typed with spaces and in lower case', () => {
    const ref = rfReferenceForCase('019a2f3c-1234-7abc-8def-0123456789ab');
    expect(findRfReference([ref], [])).toBe(ref);
    const spaced = ref.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(findRfReference([], [`Paiement dossier ${spaced} merci`])).toBe(ref);
  });

  it('ignores a reference whose check digits are wrong', () => {
    const ref = rfReference('539007547034');
    const wrong = `RF${ref.slice(2, 4) === '00' ? '01' : '00'}${ref.slice(4)}`;
    expect(findRfReference([wrong], [])).toBeNull();
  });

  it('finds any valid reference wherever it is in the text, and never returns an invalid one', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9A-Z]{1,21}$/), fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (body, before, after) => {
      const ref = rfReference(body);
      const found = findRfReference([], [`${before} ${ref} ${after}`]);
      expect(found).not.toBeNull();
      expect(found!.startsWith('RF')).toBe(true);
    }));
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => {
      const found = findRfReference([text], [text]);
      if (found !== null) expect(/^RF[0-9]{2}[0-9A-Z]{1,21}$/.test(found)).toBe(true);
    }));
  });
});

/** findRfReference as it was before its fast path for a compact structured reference: the oracle. */
function findRfReferenceBySearch(structured: readonly string[], unstructured: readonly string[]): string | null {
  for (const text of [...structured, ...unstructured]) {
    for (const match of text.toUpperCase().matchAll(/R\s?F\s?[0-9]{2}(?:\s?[0-9A-Z]){1,21}/g)) {
      const compact = match[0].replace(/\s/g, '');
      for (let end = compact.length; end >= 5; end--) if (isValidRfReference(compact.slice(0, end))) return compact.slice(0, end);
    }
  }
  return null;
}

describe('finding the RF reference: the fast path gives the search\'s result (property)', () => {
  it('for valid, mistyped, spaced, lower-case and surrounded references, structured or not', () => {
    const reference = fc.stringMatching(/^[0-9A-Z]{1,21}$/).map((body) => rfReference(body));
    const text = fc.oneof(
      reference,
      // A check digit changed: usually invalid; a prefix of it may still be valid.
      reference.map((ref) => `RF${ref[2] === '9' ? '0' : String(Number(ref[2]) + 1)}${ref.slice(3)}`),
      reference.map((ref) => ref.toLowerCase().replace(/(.{4})/g, '$1 ')),
      fc.tuple(fc.string({ maxLength: 10 }), reference, fc.string({ maxLength: 10 })).map(([before, ref, after]) => `${before}${ref}${after}`),
      fc.stringMatching(/^RF[0-9]{2}[0-9A-Z]{1,25}$/),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(fc.property(fc.array(text, { maxLength: 3 }), fc.array(text, { maxLength: 3 }), (structured, unstructured) => {
      expect(findRfReference(structured, unstructured)).toBe(findRfReferenceBySearch(structured, unstructured));
    }), { numRuns: 2_000 });
  });
});

describe('name and amount matching', () => {
  it('scores a full name and the exact balance above the auto-booking threshold', () => {
    expect(scoreCandidate('MME CAMILLE LEFEVRE', 12_345, candidate)).toMatchObject({ score: 95, reasons: ['full_name', 'amount_equals_balance'] });
    expect(scoreCandidate('LEFEVRE C', 12_345, candidate).score).toBeLessThan(autoBookThreshold);
    expect(scoreCandidate('CAMILLE LEFEVRE', 5_000, candidate)).toMatchObject({ score: 90, reasons: ['full_name', 'amount_equals_expected'] });
    expect(scoreCandidate('DUPONT', 12_345, candidate).score).toBe(35);
  });

  it('caps an ambiguous best match below the threshold', () => {
    const ranked = rankCandidates('CAMILLE LEFEVRE', 12_345, [candidate, { ...candidate, caseId: 'c2' }]);
    expect(ranked).toHaveLength(2);
    expect(ranked.every((c) => c.score < autoBookThreshold && c.reasons.includes('ambiguous'))).toBe(true);
  });

  it('scores stay within 0–100 and ranking is best first', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 5 }), (name, amount, balances) => {
      const ranked = rankCandidates(name, amount, balances.map((b, i) => ({ ...candidate, caseId: `c${i}`, balanceCents: b })));
      for (let i = 0; i < ranked.length; i++) {
        expect(ranked[i]!.score).toBeGreaterThan(0);
        expect(ranked[i]!.score).toBeLessThanOrEqual(100);
        if (i > 0) expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score);
      }
    }));
  });

  it('derives from a payer name the name keys intake stores, whatever the word order', () => {
    const key = nameKeyOf({ debtorType: 'consumer', firstName: 'Camille', lastName: 'Lefèvre', companyName: null, companyRegistration: null, birthDate: null, birthPlace: null });
    expect(payerNameKeys('M. OU MME LEFEVRE CAMILLE')).toContain(key);
    expect(payerNameKeys('Camille Lefèvre')).toContain(key);
    const compound = nameKeyOf({ debtorType: 'consumer', firstName: 'Jean', lastName: 'de la Tour', companyName: null, companyRegistration: null, birthDate: null, birthPlace: null });
    expect(payerNameKeys('JEAN DE LA TOUR')).toContain(compound);
  });
});

describe('return reasons (EPC R-transactions)', () => {
  it('labels known codes and keeps unknown ones', () => {
    expect(returnReason('ac04').label.fr).toBe('Compte clôturé');
    expect(returnReason('MD06').label.en).toMatch(/Refund/);
    expect(returnReason('ZZ99')).toMatchObject({ code: 'ZZ99' });
  });
});
