import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, addMonths, addYears, civilDateFromParts, dayOfWeek, daysBetween, fromEpochDay, isCivilDate,
  parseCivilDate, toEpochDay,
} from './civil-date.ts';

const d = parseCivilDate;

describe('CivilDate', () => {
  it('accepts existing dates only', () => {
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2000-02-29')).toBe(true);
    expect(isCivilDate('2027-02-29')).toBe(false);
    expect(isCivilDate('2100-02-29')).toBe(false);
    expect(isCivilDate('2027-02-31')).toBe(false);
    expect(isCivilDate('2027-13-01')).toBe(false);
    expect(isCivilDate('2027-00-10')).toBe(false);
    expect(isCivilDate('27-03-01')).toBe(false);
    expect(isCivilDate('2027-3-1')).toBe(false);
    expect(isCivilDate(20270301)).toBe(false);
    expect(() => parseCivilDate('2027-02-31')).toThrow(/invalid date "2027-02-31"/);
  });

  it('counts epoch days like Date.UTC, an independent implementation (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
      (year, month, day) => {
        const date = civilDateFromParts(year, month, day);
        const utc = new Date(0);
        utc.setUTCFullYear(year, month - 1, day);
        expect(toEpochDay(date)).toBe(Math.round(utc.getTime() / 86_400_000));
        expect(fromEpochDay(toEpochDay(date))).toBe(date);
      }));
  });

  it('adds months clamped to the end of the month, from the original day', () => {
    expect(addMonths(d('2027-01-31'), 1)).toBe('2027-02-28');
    expect(addMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(d('2027-01-31'), 2)).toBe('2027-03-31');
    expect(addMonths(d('2027-12-15'), 1)).toBe('2028-01-15');
    expect(addMonths(d('2027-03-31'), -1)).toBe('2027-02-28');
    expect(addMonths(d('2027-01-15'), -13)).toBe('2025-12-15');
  });

  it('adds years, turning 29 February into 28 February in a common year', () => {
    expect(addYears(d('2028-02-29'), 1)).toBe('2029-02-28');
    expect(addYears(d('2028-02-29'), 4)).toBe('2032-02-29');
    expect(addYears(d('2025-03-01'), 1)).toBe('2026-03-01');
  });

  it('adds days across month, year and DST boundaries without a clock', () => {
    expect(addDays(d('2027-03-27'), 1)).toBe('2027-03-28');
    expect(addDays(d('2027-03-28'), 1)).toBe('2027-03-29');
    expect(addDays(d('2027-12-31'), 1)).toBe('2028-01-01');
    expect(addDays(d('2028-03-01'), -1)).toBe('2028-02-29');
    expect(daysBetween(d('2027-03-01'), d('2027-04-01'))).toBe(31);
    expect(daysBetween(d('2027-04-01'), d('2027-03-01'))).toBe(-31);
  });

  it('knows the ISO weekday', () => {
    expect(dayOfWeek(d('2027-03-26'))).toBe(5); // a Friday (Good Friday 2027)
    expect(dayOfWeek(d('2027-03-28'))).toBe(7);
    expect(dayOfWeek(d('1970-01-01'))).toBe(4);
    expect(dayOfWeek(d('1969-12-29'))).toBe(1);
  });
});
