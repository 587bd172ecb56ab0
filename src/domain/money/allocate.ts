import { cents, type Cents } from './cents.ts';

/**
 * Splits `total` in proportion to integer `weights` by the largest-remainder method: each part gets
 * the floor of its exact share, then the cents left over go one by one to the largest fractional
 * remainders, ties to the lower index so that the result is deterministic. The parts always sum
 * exactly to the total. The arithmetic runs in BigInt because total × weight can exceed 2^53.
 * A negative total is split as its absolute value and negated part by part.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`weights must be non-negative safe integers, got ${String(weight)}`);
    }
  }
  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (weightSum === 0n) throw new RangeError('allocate needs at least one positive weight');

  const sign = total < 0 ? -1n : 1n;
  const absoluteTotal = BigInt(total) * sign;
  const shares = weights.map((weight, index) => {
    const exact = absoluteTotal * BigInt(weight);
    return { index, floor: exact / weightSum, remainder: exact % weightSum };
  });
  let leftover = absoluteTotal - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byLargestRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1);
  const extra = new Array<bigint>(weights.length).fill(0n);
  for (const share of byLargestRemainder) {
    if (leftover === 0n) break;
    extra[share.index] = 1n;
    leftover -= 1n;
  }
  return shares.map((share) => cents(Number((share.floor + (extra[share.index] ?? 0n)) * sign)));
}

/** `n` parts as equal as possible (they differ by at most one cent), the extra cents first. */
export function splitEvenly(total: Cents, n: number): Cents[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`cannot split into ${String(n)} parts`);
  return allocate(total, new Array<number>(n).fill(1));
}
