/** Fuzzing the money parser (issue #9): any text gives exact integer cents or a RangeError that quotes it. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseMoney } from './parse-money.ts';

// Thousands of runs on a shared machine: seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

const amountish = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', ',', '.', ' ', '\u00A0', '\u202F', '-', '+', 'e', '€', 'x'), maxLength: 24 });

describe('parseMoney under fuzzing', () => {
  it('never throws anything but a RangeError naming the input, and never returns a non-integer', () => {
    fc.assert(fc.property(fc.oneof(amountish, fc.string()), fc.boolean(), (text, allowNegative) => {
      let result: number;
      try {
        result = parseMoney(text, { allowNegative });
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        expect((error as Error).message).toContain(`invalid amount ${JSON.stringify(text)}: `);
        return;
      }
      expect(Number.isSafeInteger(result)).toBe(true);
      if (!allowNegative) expect(result).toBeGreaterThanOrEqual(0);
    }), { numRuns: 5_000 });
  });

  it('reads back any amount written the French way or the English way, to the cent', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(' ', '\u00A0', '\u202F', '.'), (cents, group) => {
      const euros = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
      const french = `${euros},${String(cents % 100).padStart(2, '0')}`;
      expect(parseMoney(french)).toBe(cents);
      const english = `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(cents % 100).padStart(2, '0')}`;
      expect(parseMoney(english)).toBe(cents);
    }), { numRuns: 2_000 });
  });
});
