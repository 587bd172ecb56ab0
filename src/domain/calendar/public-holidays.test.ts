import { describe, expect, it } from 'vitest';
import Holidays from 'date-holidays';
import { civilDateFromParts, fromEpochDay, toEpochDay, type CivilDate } from '../time/index.ts';
import { easterSundayEpochDay } from './easter.ts';
import { publicHolidayOn, publicHolidays } from './public-holidays.ts';
import { frenchTerritoryCodes, type FrenchTerritory } from './territories.ts';

/** Easter by Gauss's algorithm (with its two exceptions): independent of the Meeus/Butcher code under test. */
function gaussEaster(year: number): CivilDate {
  const a = year % 19;
  const b = year % 4;
  const c = year % 7;
  const k = Math.floor(year / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const m = (15 - p + k - q) % 30;
  const n = (4 + k - q) % 7;
  const d = (19 * a + m) % 30;
  const e = (2 * b + 4 * c + 6 * d + n) % 7;
  if (d === 29 && e === 6) return civilDateFromParts(year, 4, 19);
  if (d === 28 && e === 6 && (11 * m + 11) % 30 < 19) return civilDateFromParts(year, 4, 18);
  const dayInMarch = 22 + d + e;
  return dayInMarch <= 31 ? civilDateFromParts(year, 3, dayInMarch) : civilDateFromParts(year, 4, dayInMarch - 31);
}

const plusDays = (date: CivilDate, days: number): CivilDate => fromEpochDay(toEpochDay(date) + days);

/** The list, written out independently of the rule table under test. */
function expectedHolidays(territory: FrenchTerritory, year: number): CivilDate[] {
  const easter = gaussEaster(year);
  const day = (month: number, dayOfMonth: number): CivilDate => civilDateFromParts(year, month, dayOfMonth);
  const national = [day(1, 1), plusDays(easter, 1), day(5, 1), day(5, 8), plusDays(easter, 39), plusDays(easter, 50),
    day(7, 14), day(8, 15), day(11, 1), day(11, 11), day(12, 25)];
  const extra: Record<FrenchTerritory, CivilDate[]> = {
    'FR-METRO': [], 'FR-COR': [], 'FR-PM': [],
    'FR-57': [plusDays(easter, -2), day(12, 26)],
    'FR-67': [plusDays(easter, -2), day(12, 26)],
    'FR-68': [plusDays(easter, -2), day(12, 26)],
    'FR-YT': [day(4, 27)], 'FR-MQ': [day(5, 22)], 'FR-GP': [day(5, 27)], 'FR-MF': [day(5, 28)],
    'FR-GF': [day(6, 10)], 'FR-BL': [day(10, 9)], 'FR-RE': [day(12, 20)],
  };
  return [...national, ...extra[territory]].sort();
}

const years = [2025, 2026, 2027, 2028, 2029, 2030];

describe('Easter', () => {
  it('matches the published Easter Sundays 2025–2030 and Gauss’s algorithm over four centuries', () => {
    const published = ['2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01', '2030-04-21'];
    expect(years.map((year) => fromEpochDay(easterSundayEpochDay(year)))).toEqual(published);
    for (let year = 1900; year <= 2299; year += 1) {
      expect(fromEpochDay(easterSundayEpochDay(year))).toBe(gaussEaster(year));
    }
  });
});

describe('public holidays (C. trav. L3133-1, L3134-13; abolition days)', () => {
  it.each(frenchTerritoryCodes.flatMap((territory) => years.map((year) => [territory, year] as const)))(
    '%s %i holds exactly the issue’s list', (territory, year) => {
      expect(publicHolidays(territory, year).map((holiday) => holiday.date)).toEqual(expectedHolidays(territory, year));
    });

  it('finds a holiday by local epoch day, with its source', () => {
    const goodFriday2027 = toEpochDay(civilDateFromParts(2027, 3, 26));
    expect(publicHolidayOn('FR-57', goodFriday2027)?.source).toBe('C. trav. L3134-13');
    expect(publicHolidayOn('FR-METRO', goodFriday2027)).toBeUndefined();
    expect(publicHolidayOn('FR-GP', goodFriday2027)).toBeUndefined();
    expect(publicHolidayOn('FR-GP', toEpochDay(civilDateFromParts(2027, 5, 27)))?.id).toBe('abolition-of-slavery');
    expect(publicHolidayOn('US', goodFriday2027)).toBeUndefined();
  });

  it('keeps both holidays when two fall on one day (Guyane, 10 June 2030 = Whit Monday)', () => {
    const sameDay = publicHolidays('FR-GF', 2030).filter((holiday) => holiday.date === '2030-06-10');
    expect(sameDay.map((holiday) => holiday.id).sort()).toEqual(['abolition-of-slavery', 'whit-monday']);
  });

  /**
   * date-holidays 3.37.0 as a second opinion, with the differences this project decided on:
   * Good Friday is customary but not a legal holiday in Guadeloupe and Martinique (it is not in
   * L3133-1), and Saint-Martin's abolition day moved from 27 to 28 May in 2018.
   */
  it.each(frenchTerritoryCodes.flatMap((territory) => years.map((year) => [territory, year] as const)))(
    '%s %i agrees with date-holidays apart from the documented differences', (territory, year) => {
      const region = territory.slice(3);
      const calendar = territory === 'FR-PM' ? new Holidays('PM')
        : territory === 'FR-METRO' || territory === 'FR-COR' ? new Holidays('FR') : new Holidays('FR', region);
      const library = calendar.getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .filter((holiday) => !((territory === 'FR-GP' || territory === 'FR-MQ') && holiday.name === 'Vendredi saint'))
        .map((holiday) => holiday.date.slice(0, 10))
        .map((date) => (territory === 'FR-MF' && date.endsWith('-05-27') ? `${String(year)}-05-28` : date));
      expect([...new Set(library)].sort()).toEqual([...new Set(expectedHolidays(territory, year))].sort());
    });
});
