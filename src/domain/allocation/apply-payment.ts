import { cents, type Cents } from '../money/index.ts';
import { parseCivilDate, type CivilDate } from '../time/index.ts';

export interface DebtItem {
  readonly id: string;
  readonly dueDate: CivilDate | string;
  readonly principal: Cents;
  readonly interest: Cents;
  /** Other accessories of the debt (not amicable collection fees: CPCE-exéc L111-8 keeps those with the creditor). */
  readonly accessories: Cents;
}

export type Component = 'interest' | 'accessories' | 'principal';

export interface Application {
  readonly itemId: string;
  readonly component: Component;
  readonly amount: Cents;
}

export interface ItemBalance {
  readonly id: string;
  readonly principal: Cents;
  readonly interest: Cents;
  readonly accessories: Cents;
}

export interface PaymentAllocation {
  /** Where each cent went, in the order applied; zero amounts are left out. */
  readonly applications: readonly Application[];
  /** Overpayment: what is left once every item is paid. */
  readonly unapplied: Cents;
  /** Every item's remaining balance, in the input order. */
  readonly balances: readonly ItemBalance[];
}

export interface AllocationOptions {
  /**
   * The debtor's own choice of which debts to pay (C. civ. 1342-10 al. 1): these item ids first, in
   * this order; the other items follow oldest first.
   */
  readonly itemOrder?: readonly string[];
}

/** Within an item: interest, then accessories, then principal (C. civ. 1343-1: a part payment goes to interest first). */
const componentOrder: readonly Component[] = ['interest', 'accessories', 'principal'];

/**
 * Applies a payment to a case's items. Default order: oldest due date first (C. civ. 1342-10 al. 2,
 * "à égalité d'intérêt, sur la plus ancienne"), items due the same day in input order; within an item,
 * interest and accessories before principal. Integer cents throughout: applied + unapplied = payment.
 */
export function applyPayment(payment: Cents, items: readonly DebtItem[], options: AllocationOptions = {}): PaymentAllocation {
  if (!Number.isSafeInteger(payment) || payment < 0) throw new RangeError('payment: a non-negative number of cents');
  const seen = new Set<string>();
  const entries = items.map((item, index) => {
    if (seen.has(item.id)) throw new RangeError(`items[${String(index)}].id: duplicate id ${JSON.stringify(item.id)}`);
    seen.add(item.id);
    for (const component of componentOrder) {
      if (!Number.isSafeInteger(item[component]) || item[component] < 0) {
        throw new RangeError(`items[${String(index)}].${component}: a non-negative number of cents`);
      }
    }
    const remaining: Record<Component, number> = { interest: item.interest, accessories: item.accessories, principal: item.principal };
    return { id: item.id, dueDate: parseCivilDate(item.dueDate), index, remaining };
  });

  const chosen = options.itemOrder ?? [];
  for (const id of chosen) if (!seen.has(id)) throw new RangeError(`itemOrder: unknown item ${JSON.stringify(id)}`);
  const rank = (id: string): number => {
    const position = chosen.indexOf(id);
    return position < 0 ? chosen.length : position;
  };
  const order = [...entries].sort((a, b) =>
    rank(a.id) - rank(b.id) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.index - b.index));

  const applications: Application[] = [];
  let left: number = payment;
  for (const entry of order) {
    for (const component of componentOrder) {
      if (left === 0) break;
      const amount = Math.min(left, entry.remaining[component]);
      if (amount === 0) continue;
      entry.remaining[component] -= amount;
      left -= amount;
      applications.push({ itemId: entry.id, component, amount: cents(amount) });
    }
  }
  return {
    applications,
    unapplied: cents(left),
    balances: entries.map((entry) => ({
      id: entry.id,
      principal: cents(entry.remaining.principal),
      interest: cents(entry.remaining.interest),
      accessories: cents(entry.remaining.accessories),
    })),
  };
}

