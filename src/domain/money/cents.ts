/**
 * Money is an integer number of euro cents (DESIGN.md §3.1): exact addition, no float drift.
 * The brand stops a plain number (a count, a rate) from being passed where an amount is expected.
 */
export type Cents = number & { readonly __brand: 'Cents' };

/** Brands a safe integer as cents; throws on a fraction, NaN or a value beyond 2^53 − 1. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`amount must be a safe integer number of cents, got ${String(value)}`);
  }
  return value as Cents;
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Sum that refuses to leave the safe-integer range instead of silently losing cents. */
export function addCents(...amounts: readonly Cents[]): Cents {
  let total = 0 as Cents;
  // Checked at each step: once a partial sum leaves the safe range, later terms could hide the loss.
  for (const amount of amounts) total = cents(total + amount);
  return total;
}

export function subtractCents(a: Cents, b: Cents): Cents {
  return cents(a - b);
}

export const zeroCents: Cents = 0 as Cents;
