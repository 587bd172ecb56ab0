/**
 * Remittance statements (issue #7): what an agency collected for a creditor, its commission per
 * mandate, and what it must pay over; and the one-month deadline for paying funds over.
 *
 * Sources:
 * - CPCE-exéc R124-6 (law, regulation): the collector gives a receipt for every payment and pays the
 *   funds collected over to the creditor **within one month of their actual collection**, unless the
 *   parties agreed otherwise (`remittanceDeadline`, `overdueFunds`).
 * - CPCE-exéc R124-3 4° and 6°: the written mandate states the fee the creditor pays and how funds are
 *   paid over; the commission rate is the mandate's `commission_bps` (`commissionCents`).
 *
 * Money is integer cents; the commission is computed in BigInt and rounded half away from zero to the
 * cent (named mode, the usual commercial rounding), once per mandate on the period's net amount, so the
 * statement's lines add up exactly to its total.
 */
import { addMonths, compareCivilDates, daysBetween, type CivilDate } from '../time/index.ts';

/** R124-6: one month from the actual collection. */
export const REMITTANCE_DEADLINE_MONTHS = 1;
export const BPS_PER_UNIT = 10_000;

/** `amount` × `bps` / 10 000, rounded half away from zero (exact: BigInt). A negative amount gives a negative commission. */
export function commissionCents(amount: number, bps: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer of cents, got ${amount}`);
  if (!Number.isInteger(bps) || bps < 0 || bps > BPS_PER_UNIT) throw new RangeError(`bps must be an integer from 0 to 10000, got ${bps}`);
  const sign = amount < 0 ? -1n : 1n;
  const product = BigInt(amount) * sign * BigInt(bps);
  const unit = BigInt(BPS_PER_UNIT);
  const rounded = (product + unit / 2n) / unit;
  return Number(rounded * sign);
}

/** The last day funds collected on `collectedOn` may wait before being paid over (R124-6). */
export function remittanceDeadline(collectedOn: CivilDate): CivilDate {
  return addMonths(collectedOn, REMITTANCE_DEADLINE_MONTHS);
}

export interface HeldFunds {
  readonly valueDate: CivilDate;
  readonly amountCents: number;
}

export interface OverdueFunds {
  readonly overdueCents: number;
  readonly overdueCount: number;
  readonly oldestCollectedOn: CivilDate;
  readonly deadline: CivilDate;
  readonly daysOverdue: number;
}

/** Funds held past their R124-6 deadline on `today`, or null when none is late. */
export function overdueFunds(held: readonly HeldFunds[], today: CivilDate): OverdueFunds | null {
  const late = held.filter((f) => compareCivilDates(today, remittanceDeadline(f.valueDate)) > 0);
  if (late.length === 0) return null;
  const oldest = late.reduce((a, b) => (compareCivilDates(a.valueDate, b.valueDate) <= 0 ? a : b)).valueDate;
  const deadline = remittanceDeadline(oldest);
  return {
    overdueCents: late.reduce((sum, f) => sum + f.amountCents, 0), overdueCount: late.length, oldestCollectedOn: oldest, deadline,
    daysOverdue: daysBetween(deadline, today),
  };
}

export interface StatementEntry {
  readonly mandateId: string | null;
  readonly mandateReference: string | null;
  readonly commissionBps: number;
  /** Signed: a reversal is negative. */
  readonly amountCents: number;
  /** False for money the creditor received directly: commission is due on it, but there is nothing to pay over. */
  readonly heldByAgency: boolean;
}

export interface MandateLine {
  readonly mandateId: string | null;
  readonly mandateReference: string | null;
  readonly commissionBps: number;
  /** Received on the agency's account (positive entries). */
  readonly collectedCents: number;
  /** Received by the creditor directly (net). */
  readonly directCents: number;
  /** Reversed (returned transfers, chargebacks), as a positive number. */
  readonly reversedCents: number;
  /** collected + direct − reversed: the base of the commission. */
  readonly netCents: number;
  readonly commissionCents: number;
}

export interface StatementTotals {
  readonly lines: readonly MandateLine[];
  readonly collectedCents: number;
  readonly directCents: number;
  readonly reversedCents: number;
  readonly commissionCents: number;
  /** What the agency pays over: collected − reversed − commission (negative: the creditor owes the agency). */
  readonly payableCents: number;
}

export function buildStatement(entries: readonly StatementEntry[]): StatementTotals {
  const byMandate = new Map<string, { mandateId: string | null; mandateReference: string | null; commissionBps: number; collected: number; direct: number; reversed: number }>();
  for (const entry of entries) {
    const key = `${entry.mandateId ?? ''}|${entry.commissionBps}`;
    const line = byMandate.get(key) ?? { mandateId: entry.mandateId, mandateReference: entry.mandateReference, commissionBps: entry.commissionBps, collected: 0, direct: 0, reversed: 0 };
    if (!entry.heldByAgency) line.direct += entry.amountCents;
    else if (entry.amountCents >= 0) line.collected += entry.amountCents;
    else line.reversed -= entry.amountCents;
    byMandate.set(key, line);
  }
  const lines: MandateLine[] = [...byMandate.values()]
    .sort((a, b) => (a.mandateReference ?? '').localeCompare(b.mandateReference ?? ''))
    .map((l) => {
      const net = l.collected + l.direct - l.reversed;
      return {
        mandateId: l.mandateId, mandateReference: l.mandateReference, commissionBps: l.commissionBps, collectedCents: l.collected, directCents: l.direct,
        reversedCents: l.reversed, netCents: net, commissionCents: commissionCents(net, l.commissionBps),
      };
    });
  const sum = (pick: (l: MandateLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const collected = sum((l) => l.collectedCents);
  const reversed = sum((l) => l.reversedCents);
  const commission = sum((l) => l.commissionCents);
  return { lines, collectedCents: collected, directCents: sum((l) => l.directCents), reversedCents: reversed, commissionCents: commission, payableCents: collected - reversed - commission };
}
