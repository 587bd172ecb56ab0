import { civilDateFromParts, epochDayFromParts, fromEpochDay, partsFromEpochDay, type CivilDate } from '../time/index.ts';
import { easterSundayEpochDay } from './easter.ts';
import { isFrenchTerritory, type FrenchTerritory, type TerritoryCode } from './territories.ts';

/** A public holiday as data: a fixed day of the year or a distance in days from Easter Sunday. */
export interface HolidayRule {
  readonly id: string;
  readonly name: { readonly fr: string; readonly en: string };
  readonly source: string;
  readonly date: { readonly month: number; readonly day: number } | { readonly daysAfterEaster: number };
}

export interface PublicHoliday {
  readonly date: CivilDate;
  readonly id: string;
  readonly name: { readonly fr: string; readonly en: string };
  readonly source: string;
}

const L3133_1 = 'C. trav. L3133-1';
const L3134_13 = 'C. trav. L3134-13';
// Abolition of slavery: loi 83-550 of 30 June 1983, dates set by décret 83-1003 of 23 Nov 1983 as
// amended by décret 2012-553 (C. trav. L3422-2). Saint-Martin moved from 27 to 28 May in 2018:
// LEGAL_RULES §(c) flags that date for a re-check of the consolidated decree.
const ABOLITION = 'Loi 83-550; décret 83-1003 mod. (décret 2012-553)';

const fixed = (id: string, fr: string, en: string, source: string, month: number, day: number): HolidayRule =>
  ({ id, name: { fr, en }, source, date: { month, day } });
const easterBased = (id: string, fr: string, en: string, source: string, daysAfterEaster: number): HolidayRule =>
  ({ id, name: { fr, en }, source, date: { daysAfterEaster } });

/** The 11 national public holidays of C. trav. L3133-1, in every territory. */
export const nationalHolidays: readonly HolidayRule[] = [
  fixed('new-year', 'Jour de l’an', 'New Year’s Day', L3133_1, 1, 1),
  easterBased('easter-monday', 'Lundi de Pâques', 'Easter Monday', L3133_1, 1),
  fixed('labour-day', 'Fête du travail', 'Labour Day', L3133_1, 5, 1),
  fixed('victory-1945', 'Victoire 1945', 'Victory in Europe Day', L3133_1, 5, 8),
  easterBased('ascension', 'Ascension', 'Ascension Day', L3133_1, 39),
  easterBased('whit-monday', 'Lundi de Pentecôte', 'Whit Monday', L3133_1, 50),
  fixed('national-day', 'Fête nationale', 'Bastille Day', L3133_1, 7, 14),
  fixed('assumption', 'Assomption', 'Assumption Day', L3133_1, 8, 15),
  fixed('all-saints', 'Toussaint', 'All Saints’ Day', L3133_1, 11, 1),
  fixed('armistice-1918', 'Armistice 1918', 'Armistice Day', L3133_1, 11, 11),
  fixed('christmas', 'Noël', 'Christmas Day', L3133_1, 12, 25),
];

/** Alsace-Moselle (57, 67, 68): Good Friday and 26 December, C. trav. L3134-13. */
const alsaceMoselle: readonly HolidayRule[] = [
  easterBased('good-friday', 'Vendredi saint', 'Good Friday', L3134_13, -2),
  fixed('st-stephen', 'Saint-Étienne', 'St Stephen’s Day', L3134_13, 12, 26),
];

const abolition = (month: number, day: number): readonly HolidayRule[] =>
  [fixed('abolition-of-slavery', 'Abolition de l’esclavage', 'Abolition of Slavery Day', ABOLITION, month, day)];

/**
 * Holidays per territory beyond the national 11. Good Friday is NOT listed for Guadeloupe and
 * Martinique: it is customary there (date-holidays marks it public) but is not in L3133-1.
 * Saint-Pierre-et-Miquelon has its own labour code; its local list is unconfirmed (LEGAL_RULES §(c))
 * so only the national days apply.
 */
export const regionalHolidays: Readonly<Record<FrenchTerritory, readonly HolidayRule[]>> = {
  'FR-METRO': [],
  'FR-COR': [],
  'FR-57': alsaceMoselle,
  'FR-67': alsaceMoselle,
  'FR-68': alsaceMoselle,
  'FR-YT': abolition(4, 27),
  'FR-MQ': abolition(5, 22),
  'FR-GP': abolition(5, 27),
  'FR-MF': abolition(5, 28),
  'FR-GF': abolition(6, 10),
  'FR-BL': abolition(10, 9),
  'FR-RE': abolition(12, 20),
  'FR-PM': [],
};

function epochDayOf(rule: HolidayRule, year: number): number {
  return 'daysAfterEaster' in rule.date
    ? easterSundayEpochDay(year) + rule.date.daysAfterEaster
    : epochDayFromParts(year, rule.date.month, rule.date.day);
}

interface YearCalendar {
  /** Every holiday in date order; two can share a day (Whit Monday and 10 June in Guyane, 2030). */
  readonly list: readonly PublicHoliday[];
  readonly byDay: ReadonlyMap<number, HolidayRule>;
  /** January 1st as an epoch day, and the holiday of each day of the year by its distance from it. */
  readonly firstDay: number;
  readonly lastDay: number;
  readonly byDayOfYear: readonly (HolidayRule | undefined)[];
}

const calendarCache = new Map<string, Map<number, YearCalendar>>();

/** One territory's holidays for a year; computed once, then shared. */
function yearCalendar(territory: FrenchTerritory, year: number): YearCalendar {
  let byYear = calendarCache.get(territory);
  if (!byYear) {
    byYear = new Map();
    calendarCache.set(territory, byYear);
  }
  let calendar = byYear.get(year);
  if (!calendar) {
    const occurrences = [...nationalHolidays, ...regionalHolidays[territory]]
      .map((rule) => ({ rule, epochDay: epochDayOf(rule, year) }))
      .sort((a, b) => a.epochDay - b.epochDay);
    const byDay = new Map<number, HolidayRule>();
    for (const { rule, epochDay } of occurrences) if (!byDay.has(epochDay)) byDay.set(epochDay, rule);
    const firstDay = epochDayFromParts(year, 1, 1);
    const lastDay = epochDayFromParts(year, 12, 31);
    const byDayOfYear: (HolidayRule | undefined)[] = [];
    for (let day = firstDay; day <= lastDay; day += 1) byDayOfYear.push(byDay.get(day));
    calendar = {
      byDay,
      firstDay,
      lastDay,
      byDayOfYear,
      list: occurrences.map(({ rule, epochDay }) =>
        ({ date: fromEpochDay(epochDay), id: rule.id, name: rule.name, source: rule.source })),
    };
    byYear.set(year, calendar);
  }
  return calendar;
}

/** Public holidays of a territory for a year, in date order. A foreign territory has none known. */
export function publicHolidays(territory: TerritoryCode, year: number): readonly PublicHoliday[] {
  if (!isFrenchTerritory(territory)) return [];
  civilDateFromParts(year, 1, 1); // validates the year
  return yearCalendar(territory, year).list;
}

/** The year of each territory asked about last: a decision asks about the same few days again and again. */
const recentYears = new Map<FrenchTerritory, YearCalendar>();

/** The holiday falling on a local calendar day (as an epoch day), if any. */
export function publicHolidayOn(territory: TerritoryCode, epochDay: number): HolidayRule | undefined {
  const recent = recentYears.get(territory as FrenchTerritory);
  // By its day of the year: an index, not a hash lookup.
  if (recent !== undefined && epochDay >= recent.firstDay && epochDay <= recent.lastDay) return recent.byDayOfYear[epochDay - recent.firstDay];
  if (!isFrenchTerritory(territory)) return undefined;
  const calendar = yearCalendar(territory, partsFromEpochDay(epochDay).year);
  recentYears.set(territory, calendar);
  return calendar.byDay.get(epochDay);
}
