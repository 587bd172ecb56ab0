import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatRfReference, isValidRfReference, rfReference, rfReferenceForCase } from './rf-reference.ts';

describe('ISO 11649 RF reference', () => {
  it('computes the check digits of the standard\'s example', () => {
    // ISO 11649 / EPC142-08 example: body 539007547034 → RF18539007547034.
    expect(rfReference('539007547034')).toBe('RF18539007547034');
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('rf18539007547034')).toBe(true);
  });

  it('refuses wrong check digits, bad characters and over-long bodies', () => {
    expect(isValidRfReference('RF19539007547034')).toBe(false);
    expect(isValidRfReference('RF18539007547035')).toBe(false);
    expect(isValidRfReference('RX18539007547034')).toBe(false);
    expect(isValidRfReference(`RF00${'1'.repeat(22)}`)).toBe(false);
    expect(() => rfReference('abc')).toThrow(/1 to 21 letters or digits/);
    expect(() => rfReference('1'.repeat(22))).toThrow(/1 to 21/);
  });

  it('checks the digits as MOD 97-10 of the reference with RF and its check digits moved to the end (property)', () => {
    // The previous formulation, built as a string: the in-place reading gives the same answer.
    const byString = (reference: string) => {
      const compact = reference.replace(/ /g, '').toUpperCase();
      if (!/^RF[0-9]{2}[0-9A-Z]{1,21}$/.test(compact)) return false;
      const digits = [...`${compact.slice(4)}${compact.slice(0, 4)}`].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
      return BigInt(digits) % 97n === 1n;
    };
    fc.assert(fc.property(fc.oneof(fc.stringMatching(/^RF[0-9]{2}[0-9A-Z]{1,22}$/), fc.stringMatching(/^[0-9A-Z]{1,21}$/).map((body) => rfReference(body)), fc.string({ maxLength: 30 })),
      (reference) => {
        expect(isValidRfReference(reference)).toBe(byString(reference));
      }), { numRuns: 5_000 });
  });

  it('derives a valid, 25-character, deterministic reference from a case id', () => {
    const id = '019a1b2c-3d4e-7f56-8a9b-0c1d2e3f4a5b';
    const reference = rfReferenceForCase(id);
    expect(reference).toMatch(/^RF\d{2}[0-9A-Z]{21}$/);
    expect(rfReferenceForCase(id.toUpperCase())).toBe(reference);
    expect(isValidRfReference(reference)).toBe(true);
    expect(() => rfReferenceForCase('not-a-uuid')).toThrow(/UUID/);
  });

  // MOD 97-10 catches every substitution of a digit by a digit or a letter by a letter (the
  // difference is a non-zero multiple of a power of ten below 97·10^k); a letter swapped for a digit
  // changes the expanded length and is not guaranteed to be caught, so the property keeps the class.
  it('gives every body valid check digits, and a changed character invalid ones (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9A-Z]{1,21}$/), fc.nat(), (body, position) => {
      const reference = rfReference(body);
      expect(isValidRfReference(reference)).toBe(true);
      const index = 4 + (position % body.length);
      const original = reference[index]!;
      const replaced = /\d/.test(original) ? (original === '7' ? '8' : '7') : (original === 'K' ? 'L' : 'K');
      expect(isValidRfReference(reference.slice(0, index) + replaced + reference.slice(index + 1))).toBe(false);
    }));
  });

  it('maps distinct case ids to distinct references (property)', () => {
    fc.assert(fc.property(fc.uuid({ version: 7 }), fc.uuid({ version: 7 }), (a, b) => {
      fc.pre(a !== b && a.slice(0, 29) !== b.slice(0, 29));
      expect(rfReferenceForCase(a)).not.toBe(rfReferenceForCase(b));
    }));
  });
});
