/**
 * Following an instalment plan: payments made since the plan was agreed are applied to its instalments
 * in order (oldest first); an instalment still unpaid after its due date plus the mandate's grace days
 * breaks the plan, and the case goes back to active collection.
 */
import { cents, type Cents } from '../money/index.ts';
import { addDays, compareCivilDates, type CivilDate } from '../time/index.ts';

export interface PlannedInstalment {
  readonly dueOn: CivilDate;
  readonly amount: Cents;
}

export type InstalmentStatus = 'paid' | 'due' | 'overdue' | 'missed';

export interface InstalmentState extends PlannedInstalment {
  readonly paid: Cents;
  readonly status: InstalmentStatus;
}

export type PlanStatus = 'active' | 'completed' | 'broken';

export interface PlanState {
  readonly status: PlanStatus;
  readonly instalments: readonly InstalmentState[];
  readonly paidTotal: Cents;
  /** Amount of instalments past their due date and still unpaid. */
  readonly arrears: Cents;
  /** When broken: the first missed instalment's due date. */
  readonly missedDueOn: CivilDate | null;
  /** The next instalment not yet paid, if any. */
  readonly next: InstalmentState | null;
}

export function trackPlan(instalments: readonly PlannedInstalment[], paidTowardsPlan: Cents, today: CivilDate, graceDays: number): PlanState {
  if (instalments.length === 0) throw new RangeError('instalments: a plan has at least one instalment');
  if (paidTowardsPlan < 0) throw new RangeError('paidTowardsPlan: cannot be negative');
  let remaining = paidTowardsPlan as number;
  let arrears = 0;
  let missedDueOn: CivilDate | null = null;
  const states = instalments.map((instalment): InstalmentState => {
    const paid = Math.min(remaining, instalment.amount);
    remaining -= paid;
    let status: InstalmentStatus;
    if (paid === instalment.amount) status = 'paid';
    else if (compareCivilDates(today, instalment.dueOn) <= 0) status = 'due';
    else if (compareCivilDates(today, addDays(instalment.dueOn, graceDays)) <= 0) status = 'overdue';
    else status = 'missed';
    if (status === 'overdue' || status === 'missed') arrears += instalment.amount - paid;
    if (status === 'missed' && missedDueOn === null) missedDueOn = instalment.dueOn;
    return { ...instalment, paid: cents(paid), status };
  });
  const completed = states.every((s) => s.status === 'paid');
  return {
    status: completed ? 'completed' : missedDueOn !== null ? 'broken' : 'active',
    instalments: states,
    paidTotal: cents(paidTowardsPlan),
    arrears: cents(arrears),
    missedDueOn,
    next: states.find((s) => s.status !== 'paid') ?? null,
  };
}
