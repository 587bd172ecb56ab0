import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCivilDates, daysBetween, fromEpochDay, parseCivilDate } from '../time/index.ts';
import { deadlineState, rightsDeadline } from './rights-deadline.ts';

describe('rightsDeadline (GDPR Art. 12(3))', () => {
  it('is one month later, on the same date', () => {
    expect(rightsDeadline('2027-03-10')).toEqual({ dueOn: '2027-04-10', extendedDueOn: '2027-06-10' });
  });
  it('ends on the last day of a shorter month', () => {
    expect(rightsDeadline('2027-01-31').dueOn).toBe('2027-02-28');
    expect(rightsDeadline('2028-01-31').dueOn).toBe('2028-02-29');
  });
  it('is always 28 to 31 days later, and the extension 2 months after that at most 92 days more', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40_000 }), (epochDay) => {
      const received = fromEpochDay(epochDay);
      const { dueOn, extendedDueOn } = rightsDeadline(received);
      const days = daysBetween(received, dueOn);
      expect(days).toBeGreaterThanOrEqual(28);
      expect(days).toBeLessThanOrEqual(31);
      expect(compareCivilDates(extendedDueOn, dueOn)).toBeGreaterThan(0);
      expect(daysBetween(dueOn, extendedDueOn)).toBeLessThanOrEqual(92);
    }));
  });
});

describe('deadlineState', () => {
  it('warns a week before and flags an overdue request', () => {
    const due = parseCivilDate('2027-04-10');
    expect(deadlineState(due, '2027-03-20')).toBe('on-time');
    expect(deadlineState(due, '2027-04-03')).toBe('due-soon');
    expect(deadlineState(due, '2027-04-10')).toBe('due-soon');
    expect(deadlineState(due, '2027-04-11')).toBe('overdue');
  });
});
