import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cents } from './cents.ts';
import { allocate, splitEvenly } from './allocate.ts';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('allocate', () => {
  it('gives leftover cents to the largest remainders, ties to the lower index', () => {
    expect(allocate(cents(100), [1, 1, 1])).toEqual([34, 33, 33]);
    // 10 × 1/6 = 1.67 and 10 × 5/6 = 8.33: the larger remainder (0.67) takes the cent.
    expect(allocate(cents(10), [1, 5])).toEqual([2, 8]);
    expect(allocate(cents(5), [0, 1, 0])).toEqual([0, 5, 0]);
    expect(allocate(cents(-100), [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('refuses weights it cannot split by', () => {
    expect(() => allocate(cents(1), [])).toThrow(/at least one weight/);
    expect(() => allocate(cents(1), [0, 0])).toThrow(/positive weight/);
    expect(() => allocate(cents(1), [1, -1])).toThrow(/non-negative/);
    expect(() => allocate(cents(1), [0.5])).toThrow(/non-negative safe integers/);
  });

  it('never loses or creates a cent, and each part is within one cent of its exact share (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }).filter((w) => sum(w) > 0),
      (total, weights) => {
        const parts = allocate(cents(total), weights);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((a, b) => BigInt(a) + BigInt(b), 0n)).toBe(BigInt(total));
        const weightSum = BigInt(sum(weights));
        parts.forEach((part, index) => {
          const exactTimesSum = BigInt(total) * BigInt(weights[index] ?? 0);
          const distance = BigInt(part) * weightSum - exactTimesSum;
          expect(distance < 0n ? -distance : distance).toBeLessThan(weightSum);
          if (weights[index] === 0) expect(part).toBe(0);
        });
      },
    ));
  });
});

describe('splitEvenly', () => {
  it('splits into parts that differ by at most one cent and sum to the total (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 500 }), (total, n) => {
      const parts = splitEvenly(cents(total), n);
      expect(sum(parts)).toBe(total);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }));
    expect(() => splitEvenly(cents(1), 0)).toThrow(/0 parts/);
  });
});
