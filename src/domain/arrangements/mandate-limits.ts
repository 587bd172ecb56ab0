/**
 * What an agent may agree without asking: the creditor's collection mandate (CPCE-exéc R124-3 requires
 * a written mandate) sets the longest plan, the smallest instalment, the largest discount and whether
 * contractual interest may be waived. Anything beyond needs a manager's approval, with a reason.
 */
import { cents, formatMoney, type Cents } from '../money/index.ts';
import { addMonths, compareCivilDates, type CivilDate } from '../time/index.ts';

export interface MandateLimits {
  readonly maxPlanMonths: number;
  readonly minInstalmentCents: Cents;
  /** Largest discount on the balance, in basis points (1/100 of a percent). */
  readonly maxDiscountBps: number;
  readonly interestWaiverAllowed: boolean;
}

export interface ProposedArrangement {
  readonly agreedOn: CivilDate;
  readonly balance: Cents;
  /** What the debtor will pay in all (the balance minus any discount). */
  readonly total: Cents;
  readonly instalments: readonly { readonly dueOn: CivilDate; readonly amount: Cents }[];
  readonly interestWaived: boolean;
}

export type MandateRule = 'max-plan-months' | 'min-instalment' | 'max-discount' | 'interest-waiver';

export interface MandateViolation {
  readonly rule: MandateRule;
  readonly limit: number;
  readonly actual: number;
  readonly message: { readonly fr: string; readonly en: string };
}

/** Months from the agreement to the last due date, a started month counting as a whole one. */
export function planMonths(agreedOn: CivilDate, lastDueOn: CivilDate): number {
  let months = 0;
  while (compareCivilDates(addMonths(agreedOn, months), lastDueOn) < 0) months++;
  return months;
}

/** Discount in basis points, rounded up so that a discount just over the limit is never let through. */
export function discountBps(balance: Cents, total: Cents): number {
  if (balance <= 0 || total >= balance) return 0;
  return Math.ceil(((balance - total) * 10_000) / balance);
}

export function checkMandate(arrangement: ProposedArrangement, limits: MandateLimits): MandateViolation[] {
  const violations: MandateViolation[] = [];
  const last = arrangement.instalments.at(-1);
  if (!last) throw new RangeError('instalments: at least one');
  const months = planMonths(arrangement.agreedOn, last.dueOn);
  if (months > limits.maxPlanMonths) {
    violations.push({ rule: 'max-plan-months', limit: limits.maxPlanMonths, actual: months, message: {
      fr: `Le plan dure ${months} mois ; le mandat en autorise ${limits.maxPlanMonths}.`,
      en: `The plan lasts ${months} months; the mandate allows ${limits.maxPlanMonths}.`,
    } });
  }
  // The last instalment may be a smaller remainder; every other one must reach the minimum.
  const smallest = arrangement.instalments.length > 1
    ? Math.min(...arrangement.instalments.slice(0, -1).map((i) => i.amount))
    : last.amount;
  if (smallest < limits.minInstalmentCents && !(arrangement.instalments.length === 1 && last.amount === arrangement.total)) {
    violations.push({ rule: 'min-instalment', limit: limits.minInstalmentCents, actual: smallest, message: {
      fr: `Une échéance est de ${formatMoney(cents(smallest), 'fr')} ; le mandat impose au moins ${formatMoney(limits.minInstalmentCents, 'fr')}.`,
      en: `An instalment is ${formatMoney(cents(smallest), 'en')}; the mandate requires at least ${formatMoney(limits.minInstalmentCents, 'en')}.`,
    } });
  }
  const discount = discountBps(arrangement.balance, arrangement.total);
  if (discount > limits.maxDiscountBps) {
    violations.push({ rule: 'max-discount', limit: limits.maxDiscountBps, actual: discount, message: {
      fr: `Remise de ${discount / 100} % ; le mandat autorise au plus ${limits.maxDiscountBps / 100} %.`,
      en: `Discount of ${discount / 100}%; the mandate allows at most ${limits.maxDiscountBps / 100}%.`,
    } });
  }
  if (arrangement.interestWaived && !limits.interestWaiverAllowed) {
    violations.push({ rule: 'interest-waiver', limit: 0, actual: 1, message: {
      fr: 'Le mandat n’autorise pas l’abandon des intérêts.',
      en: 'The mandate does not allow waiving interest.',
    } });
  }
  return violations;
}
