import { cents, type Cents } from '../money/index.ts';
import { addDays, addMonths, parseCivilDate, type CivilDate } from '../time/index.ts';

export const frequencies = ['weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof frequencies)[number];

export interface Instalment {
  /** 1-based position in the plan. */
  readonly number: number;
  readonly dueDate: CivilDate;
  readonly amount: Cents;
}

export type ScheduleSize = { readonly count: number } | { readonly amount: Cents };

/** Beyond 10 years of monthly instalments a plan is not amicable any more; it also bounds the output. */
export const MAX_INSTALMENTS = 520;

/**
 * A payment plan whose instalments sum exactly to `total`.
 * - `{ count }`: equal instalments rounded down to the cent; the cents left over (fewer than `count`)
 *   go one each to the LAST instalments, so no instalment is ever larger than a later one and the
 *   debtor starts with the smallest amount.
 * - `{ amount }`: instalments of `amount`, the last one carrying what remains (at most `amount`).
 * Dates: every 7 or 14 calendar days, or monthly on the day of `firstDate` clamped to the end of
 * shorter months (31 January → 28/29 February → 31 March, never drifting to the 28th).
 */
export function schedule(total: Cents, size: ScheduleSize, frequency: Frequency, firstDate: CivilDate | string): Instalment[] {
  if (!Number.isSafeInteger(total) || total <= 0) throw new RangeError('total: a plan needs a positive amount of cents');
  const first = parseCivilDate(firstDate);
  const amounts = 'count' in size ? evenAmounts(total, size.count) : fixedAmounts(total, size.amount);
  return amounts.map((amount, index) => ({ number: index + 1, dueDate: dueDateOf(first, index, frequency), amount }));
}

function evenAmounts(total: number, count: number): Cents[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_INSTALMENTS) {
    throw new RangeError(`count: between 1 and ${String(MAX_INSTALMENTS)} instalments (got ${String(count)})`);
  }
  const base = Math.floor(total / count);
  const leftover = total - base * count;
  return Array.from({ length: count }, (_, index) => cents(index >= count - leftover ? base + 1 : base));
}

function fixedAmounts(total: number, amount: number): Cents[] {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError('amount: a positive number of cents per instalment');
  const count = Math.ceil(total / amount);
  if (count > MAX_INSTALMENTS) {
    throw new RangeError(`amount: ${String(amount)} cents would need ${String(count)} instalments (at most ${String(MAX_INSTALMENTS)})`);
  }
  return Array.from({ length: count }, (_, index) => cents(index < count - 1 ? amount : total - amount * (count - 1)));
}

function dueDateOf(first: CivilDate, index: number, frequency: Frequency): CivilDate {
  switch (frequency) {
    case 'weekly': return addDays(first, 7 * index);
    case 'biweekly': return addDays(first, 14 * index);
    case 'monthly': return addMonths(first, index);
  }
}
