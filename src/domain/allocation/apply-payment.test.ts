import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cents } from '../money/index.ts';
import { applyPayment, type DebtItem } from './apply-payment.ts';

const item = (id: string, dueDate: string, principal: number, interest: number, accessories: number): DebtItem =>
  ({ id, dueDate, principal: cents(principal), interest: cents(interest), accessories: cents(accessories) });

describe('applyPayment', () => {
  const items = [item('march', '2027-03-01', 10000, 300, 200), item('january', '2027-01-01', 5000, 100, 0)];

  it('pays the oldest item first, interest and accessories before principal (C. civ. 1342-10, 1343-1)', () => {
    const result = applyPayment(cents(5400), items);
    expect(result.applications).toEqual([
      { itemId: 'january', component: 'interest', amount: 100 },
      { itemId: 'january', component: 'principal', amount: 5000 },
      { itemId: 'march', component: 'interest', amount: 300 },
    ]);
    expect(result.unapplied).toBe(0);
    expect(result.balances).toEqual([
      { id: 'march', principal: 10000, interest: 0, accessories: 200 },
      { id: 'january', principal: 0, interest: 0, accessories: 0 },
    ]);
  });

  it('returns an overpayment as unapplied', () => {
    expect(applyPayment(cents(20000), items).unapplied).toBe(20000 - 15600);
  });

  it('follows the debtor’s choice of debt first (C. civ. 1342-10 al. 1)', () => {
    expect(applyPayment(cents(300), items, { itemOrder: ['march'] }).applications)
      .toEqual([{ itemId: 'march', component: 'interest', amount: 300 }]);
    expect(() => applyPayment(cents(1), items, { itemOrder: ['nope'] })).toThrow(/unknown item/);
  });

  it('refuses bad input', () => {
    expect(() => applyPayment(cents(-1), items)).toThrow(/payment/);
    expect(() => applyPayment(cents(1), [items[0] as DebtItem, items[0] as DebtItem])).toThrow(/duplicate/);
    expect(() => applyPayment(cents(1), [item('x', '2027-02-30', 1, 0, 0)])).toThrow(/invalid date/);
    expect(() => applyPayment(cents(1), [item('x', '2027-02-01', -1, 0, 0)])).toThrow(/principal/);
  });

  it('never loses or creates a cent and never makes a balance negative (property)', () => {
    const debt = fc.record({
      id: fc.uuid(), dueDate: fc.constantFrom('2026-01-01', '2026-06-30', '2027-03-01'),
      principal: fc.integer({ min: 0, max: 1e9 }), interest: fc.integer({ min: 0, max: 1e7 }), accessories: fc.integer({ min: 0, max: 1e7 }),
    }).map((d) => item(d.id, d.dueDate, d.principal, d.interest, d.accessories));
    fc.assert(fc.property(fc.integer({ min: 0, max: 2e9 }), fc.uniqueArray(debt, { selector: (d) => d.id, maxLength: 8 }), (payment, debts) => {
      const result = applyPayment(cents(payment), debts);
      const applied = result.applications.reduce((total, application) => total + application.amount, 0);
      expect(applied + result.unapplied).toBe(payment);
      const owed = debts.reduce((total, d) => total + d.principal + d.interest + d.accessories, 0);
      expect(result.unapplied).toBe(Math.max(0, payment - owed));
      result.balances.forEach((balance, index) => {
        const original = debts[index] as DebtItem;
        for (const component of ['principal', 'interest', 'accessories'] as const) {
          expect(balance[component]).toBeGreaterThanOrEqual(0);
          const paid = result.applications.filter((a) => a.itemId === original.id && a.component === component)
            .reduce((total, a) => total + a.amount, 0);
          expect(balance[component] + paid).toBe(original[component]);
        }
      });
    }));
  });
});
