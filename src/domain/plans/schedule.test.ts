import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cents } from '../money/index.ts';
import { addDays, civilDateFromParts, daysBetween, parseCivilDate } from '../time/index.ts';
import { frequencies, MAX_INSTALMENTS, schedule } from './schedule.ts';

const sum = (values: readonly { amount: number }[]): number => values.reduce((total, { amount }) => total + amount, 0);

describe('schedule', () => {
  it('splits by count with the leftover cents on the last instalments', () => {
    const plan = schedule(cents(10000), { count: 3 }, 'monthly', '2027-01-31');
    expect(plan.map((i) => i.amount)).toEqual([3333, 3333, 3334]);
    expect(plan.map((i) => i.dueDate)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
    expect(plan.map((i) => i.number)).toEqual([1, 2, 3]);
  });

  it('splits by amount with a smaller last instalment', () => {
    const plan = schedule(cents(10000), { amount: cents(3000) }, 'weekly', '2027-03-26');
    expect(plan.map((i) => i.amount)).toEqual([3000, 3000, 3000, 1000]);
    expect(plan.map((i) => i.dueDate)).toEqual(['2027-03-26', '2027-04-02', '2027-04-09', '2027-04-16']);
    expect(schedule(cents(9000), { amount: cents(3000) }, 'biweekly', '2028-02-20').map((i) => i.dueDate))
      .toEqual(['2028-02-20', '2028-03-05', '2028-03-19']);
  });

  it('clamps monthly dates to the month end from the first date, in leap years too', () => {
    expect(schedule(cents(500), { count: 5 }, 'monthly', '2027-12-31').map((i) => i.dueDate))
      .toEqual(['2027-12-31', '2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
  });

  it('refuses plans it cannot build', () => {
    expect(() => schedule(cents(0), { count: 2 }, 'monthly', '2027-01-01')).toThrow(/positive/);
    expect(() => schedule(cents(100), { count: 0 }, 'monthly', '2027-01-01')).toThrow(/count/);
    expect(() => schedule(cents(100), { count: MAX_INSTALMENTS + 1 }, 'monthly', '2027-01-01')).toThrow(/count/);
    expect(() => schedule(cents(100), { amount: cents(0) }, 'monthly', '2027-01-01')).toThrow(/amount/);
    expect(() => schedule(cents(1_000_000), { amount: cents(1) }, 'weekly', '2027-01-01')).toThrow(/instalments/);
    expect(() => schedule(cents(100), { count: 1 }, 'monthly', '2027-02-30')).toThrow(/invalid date/);
  });

  it('always sums to the total, never lets an instalment exceed a later one, keeps the rhythm (property)', () => {
    const start = fc.integer({ min: 0, max: 3650 }).map((offset) => addDays(civilDateFromParts(2025, 1, 1), offset));
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e11 }), fc.integer({ min: 1, max: 120 }), fc.constantFrom(...frequencies), start,
      (total, count, frequency, first) => {
        const plan = schedule(cents(total), { count }, frequency, first);
        expect(plan).toHaveLength(count);
        expect(sum(plan)).toBe(total);
        for (let index = 1; index < plan.length; index += 1) {
          const previous = plan[index - 1];
          const current = plan[index];
          if (!previous || !current) continue;
          expect(current.amount).toBeGreaterThanOrEqual(previous.amount);
          expect(current.amount - (plan[0]?.amount ?? 0)).toBeLessThanOrEqual(1);
          const gap = daysBetween(parseCivilDate(previous.dueDate), parseCivilDate(current.dueDate));
          if (frequency === 'weekly') expect(gap).toBe(7);
          if (frequency === 'biweekly') expect(gap).toBe(14);
          if (frequency === 'monthly') expect(gap).toBeGreaterThanOrEqual(28);
        }
      }));
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (total, amount) => {
      fc.pre(Math.ceil(total / amount) <= MAX_INSTALMENTS);
      const plan = schedule(cents(total), { amount: cents(amount) }, 'monthly', '2027-01-31');
      expect(sum(plan)).toBe(total);
      expect(plan.every((instalment) => instalment.amount > 0 && instalment.amount <= amount)).toBe(true);
    }));
  });
});
