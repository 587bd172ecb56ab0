/**
 * A promise to pay: an amount by a date. It is kept as soon as the payments made since it was given
 * reach the amount, and broken once the due date plus the grace days has passed without that.
 * Payments count by their value date (the day the money was received), not by when they were booked.
 */
import { cents, type Cents } from '../money/index.ts';
import { addDays, compareCivilDates, type CivilDate } from '../time/index.ts';

export interface PromiseTerms {
  readonly amount: Cents;
  readonly madeOn: CivilDate;
  readonly dueOn: CivilDate;
}

export interface DatedPayment {
  readonly amount: Cents;
  readonly valueDate: CivilDate;
}

export type PromiseStatus = 'pending' | 'kept' | 'broken';

export interface PromiseState {
  readonly status: PromiseStatus;
  /** Paid towards the promise, capped at its amount. */
  readonly paid: Cents;
  readonly shortfall: Cents;
  /** The last day a payment still counts: the due date plus the grace days. */
  readonly lastDay: CivilDate;
}

export function evaluatePromise(terms: PromiseTerms, payments: readonly DatedPayment[], today: CivilDate, graceDays: number): PromiseState {
  if (terms.amount <= 0) throw new RangeError('amount: a promise is for a positive amount');
  if (compareCivilDates(terms.dueOn, terms.madeOn) < 0) throw new RangeError('dueOn: a promise cannot fall due before it is made');
  const lastDay = addDays(terms.dueOn, graceDays);
  let paid = 0;
  for (const payment of payments) {
    if (compareCivilDates(payment.valueDate, terms.madeOn) >= 0 && compareCivilDates(payment.valueDate, lastDay) <= 0) paid += payment.amount;
  }
  const counted = Math.min(paid, terms.amount);
  const shortfall = cents(terms.amount - counted);
  const status: PromiseStatus = shortfall === 0 ? 'kept' : compareCivilDates(today, lastDay) > 0 ? 'broken' : 'pending';
  return { status, paid: cents(counted), shortfall, lastDay };
}
