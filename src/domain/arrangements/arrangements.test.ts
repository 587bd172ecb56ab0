import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from '../money/index.ts';
import { schedule } from '../plans/index.ts';
import { addDays, parseCivilDate } from '../time/index.ts';
import { checkMandate, discountBps, evaluatePromise, planMonths, trackPlan } from './index.ts';

const d = parseCivilDate;

describe('evaluatePromise', () => {
  const terms = { amount: cents(10_000), madeOn: d('2027-03-01'), dueOn: d('2027-03-15') };

  it('is kept as soon as the payments reach the amount, even before the due date', () => {
    const state = evaluatePromise(terms, [{ amount: cents(4_000), valueDate: d('2027-03-03') }, { amount: cents(6_000), valueDate: d('2027-03-10') }], d('2027-03-11'), 3);
    expect(state).toMatchObject({ status: 'kept', paid: 10_000, shortfall: 0 });
  });

  it('is pending until the due date plus the grace days, then broken', () => {
    const partial = [{ amount: cents(4_000), valueDate: d('2027-03-03') }];
    expect(evaluatePromise(terms, partial, d('2027-03-18'), 3)).toMatchObject({ status: 'pending', shortfall: 6_000, lastDay: '2027-03-18' });
    expect(evaluatePromise(terms, partial, d('2027-03-19'), 3)).toMatchObject({ status: 'broken', paid: 4_000 });
  });

  it('ignores payments made before the promise or after its last day', () => {
    const payments = [{ amount: cents(10_000), valueDate: d('2027-02-28') }, { amount: cents(10_000), valueDate: d('2027-03-19') }];
    expect(evaluatePromise(terms, payments, d('2027-03-20'), 3).status).toBe('broken');
  });
});

describe('trackPlan', () => {
  const plan = schedule(cents(30_000), { count: 3 }, 'monthly', '2027-04-05').map((i) => ({ dueOn: i.dueDate, amount: i.amount }));

  it('applies payments to instalments oldest first', () => {
    const state = trackPlan(plan, cents(15_000), d('2027-05-01'), 10);
    expect(state.instalments.map((i) => [i.paid, i.status])).toEqual([[10_000, 'paid'], [5_000, 'due'], [0, 'due']]);
    expect(state).toMatchObject({ status: 'active', arrears: 0, missedDueOn: null });
    expect(state.next?.dueOn).toBe('2027-05-05');
  });

  it('is overdue within the grace days and broken after them', () => {
    expect(trackPlan(plan, cents(10_000), d('2027-05-15'), 10)).toMatchObject({ status: 'active', arrears: 10_000 });
    expect(trackPlan(plan, cents(10_000), d('2027-05-16'), 10)).toMatchObject({ status: 'broken', missedDueOn: '2027-05-05' });
  });

  it('is completed when every instalment is paid, whatever the date', () => {
    expect(trackPlan(plan, cents(30_000), d('2030-01-01'), 0).status).toBe('completed');
  });

  it('never counts more paid than was paid, nor more than planned (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 100, max: 10_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 800 }), (count, total, paid, dayOffset) => {
      const instalments = schedule(cents(total), { count: Math.min(count, total) }, 'monthly', '2027-01-31').map((i) => ({ dueOn: i.dueDate, amount: i.amount }));
      const state = trackPlan(instalments, cents(paid), addDays(d('2027-01-01'), dayOffset), 5);
      const applied = state.instalments.reduce((sum, i) => sum + i.paid, 0);
      expect(applied).toBe(Math.min(paid, total));
      for (const i of state.instalments) expect(i.paid).toBeLessThanOrEqual(i.amount);
      expect(state.status === 'completed').toBe(paid >= total);
    }));
  });
});

describe('checkMandate', () => {
  const limits = { maxPlanMonths: 6, minInstalmentCents: cents(2_000), maxDiscountBps: 1_000, interestWaiverAllowed: false };
  const instalmentsOf = (total: number, count: number, first = '2027-04-05') =>
    schedule(cents(total), { count }, 'monthly', first).map((i) => ({ dueOn: i.dueDate, amount: i.amount }));

  it('accepts a six-month plan within every limit', () => {
    expect(checkMandate({ agreedOn: d('2027-03-20'), balance: cents(60_000), total: cents(60_000), instalments: instalmentsOf(60_000, 6), interestWaived: false }, limits)).toEqual([]);
  });

  it('names each limit exceeded, with the figures', () => {
    const violations = checkMandate({
      agreedOn: d('2027-03-20'), balance: cents(60_000), total: cents(50_000), instalments: instalmentsOf(50_000, 30), interestWaived: true,
    }, limits);
    expect(violations.map((v) => v.rule)).toEqual(['max-plan-months', 'min-instalment', 'max-discount', 'interest-waiver']);
    expect(violations[0]).toMatchObject({ limit: 6, actual: 30 });
    expect(violations[2]).toMatchObject({ limit: 1_000, actual: 1_667 });
    expect(violations[1]!.message.fr).toMatch(/16,66\s€/);
  });

  it('counts a started month as a whole one and rounds a discount up', () => {
    expect(planMonths(d('2027-01-31'), d('2027-02-28'))).toBe(1);
    expect(planMonths(d('2027-01-31'), d('2027-03-01'))).toBe(2);
    expect(discountBps(cents(30_000), cents(26_999))).toBe(1_001);
    expect(discountBps(cents(30_000), cents(30_000))).toBe(0);
  });
});
