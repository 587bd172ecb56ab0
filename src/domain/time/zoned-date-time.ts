import {
  civilDateFromParts, formatEpochDay, isoWeekdayOfEpochDay, pad2, partsFromEpochDay, toEpochDay,
  type CivilDate, type IsoWeekday,
} from './civil-date.ts';
import { formatTimeOfDay, MS_PER_DAY, MS_PER_MINUTE } from './instant.ts';
import { constantOffsetOver, offsetMsAt } from './time-zone.ts';

/** An instant seen in an IANA zone: the local calendar date and wall-clock time there. */
export interface ZonedDateTime {
  readonly epochMs: number;
  readonly timeZone: string;
  readonly offsetMs: number;
  /** Local calendar date as days since 1970-01-01. */
  readonly epochDay: number;
  /** Local wall-clock time as milliseconds since local midnight. */
  readonly msOfDay: number;
  readonly weekday: IsoWeekday;
}

export function toZonedDateTime(epochMs: number, timeZone: string): ZonedDateTime {
  const offsetMs = offsetMsAt(timeZone, epochMs);
  const localMs = epochMs + offsetMs;
  const epochDay = Math.floor(localMs / MS_PER_DAY);
  return {
    epochMs, timeZone, offsetMs, epochDay,
    msOfDay: localMs - epochDay * MS_PER_DAY,
    weekday: isoWeekdayOfEpochDay(epochDay),
  };
}

export function zonedCivilDate(zoned: ZonedDateTime): CivilDate {
  const { year, month, day } = partsFromEpochDay(zoned.epochDay);
  return civilDateFromParts(year, month, day);
}

/** '+01:00' for each offset in minutes from −24 h to +24 h, built on first use (every decision writes one). */
const offsetTexts: (string | undefined)[] = new Array<string | undefined>(2 * 1440 + 1).fill(undefined);

function offsetText(offsetMinutes: number): string {
  const cached = offsetTexts[offsetMinutes + 1440];
  if (cached !== undefined) return cached;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const text = `${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`;
  if (absolute <= 1440) offsetTexts[offsetMinutes + 1440] = text;
  return text;
}

/** ISO 8601 with the local offset, e.g. '2027-03-26T10:15:00+01:00'. */
export function formatZonedDateTime(zoned: ZonedDateTime): string {
  return `${formatEpochDay(zoned.epochDay)}T${formatTimeOfDay(zoned.msOfDay)}${offsetText(Math.round(zoned.offsetMs / MS_PER_MINUTE))}`;
}

/**
 * The instant at which the wall clock of `timeZone` shows local date `epochDay` and time `msOfDay`.
 * DST policy (the same as Temporal's 'compatible' disambiguation):
 * - in a gap (spring forward: 02:30 does not exist in Paris on the last Sunday of March), the time
 *   is read with the offset in force before the change, which lands the same distance after it
 *   (02:30 → 03:30 CEST);
 * - in an overlap (fall back: 02:30 happens twice), the earlier of the two instants is chosen,
 *   i.e. the offset in force before the change.
 * Assumes at most one offset change within a day either side, which holds in the tz database.
 */
export function localToEpochMs(epochDay: number, msOfDay: number, timeZone: string): number {
  const localMs = epochDay * MS_PER_DAY + msOfDay;
  // Usually no offset change lies within a day either side: then there is one reading, with that offset.
  const constant = constantOffsetOver(timeZone, localMs - MS_PER_DAY, localMs + MS_PER_DAY);
  if (constant !== undefined) return localMs - constant;
  const offsetBefore = offsetMsAt(timeZone, localMs - MS_PER_DAY);
  const offsetAfter = offsetMsAt(timeZone, localMs + MS_PER_DAY);
  const withBefore = localMs - offsetBefore;
  if (offsetBefore === offsetAfter) return withBefore;
  const withAfter = localMs - offsetAfter;
  const beforeIsReal = offsetMsAt(timeZone, withBefore) === offsetBefore;
  const afterIsReal = offsetMsAt(timeZone, withAfter) === offsetAfter;
  if (beforeIsReal && afterIsReal) return Math.min(withBefore, withAfter);
  if (afterIsReal) return withAfter;
  return withBefore;
}

/**
 * Like localToEpochMs, but the first reading of that wall-clock time that is later than `after`:
 * in an autumn overlap, a time already passed in its first occurrence is taken in its second.
 */
export function localToEpochMsAfter(epochDay: number, msOfDay: number, timeZone: string, after: number): number {
  const first = localToEpochMs(epochDay, msOfDay, timeZone);
  if (first > after) return first;
  const localMs = epochDay * MS_PER_DAY + msOfDay;
  const second = localMs - offsetMsAt(timeZone, localMs + MS_PER_DAY);
  return second > after ? second : after + 1;
}

export function civilDateTimeToEpochMs(date: CivilDate, msOfDay: number, timeZone: string): number {
  return localToEpochMs(toEpochDay(date), msOfDay, timeZone);
}

/** Local midnight starting `epochDay` (or the first instant of that day when midnight is skipped). */
export function startOfLocalDay(epochDay: number, timeZone: string): number {
  return localToEpochMs(epochDay, 0, timeZone);
}

/** The local calendar day (days since 1970-01-01) of an instant, without building a ZonedDateTime. */
export function localEpochDay(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + offsetMsAt(timeZone, epochMs)) / MS_PER_DAY);
}

/** The same local clock time `days` calendar days later (not days × 24 h: DST days are 23 or 25 h long). */
export function addLocalDays(epochMs: number, days: number, timeZone: string): number {
  // Usually no offset change lies between the two: then it is exactly `days` × 24 h later.
  const sameOffset = epochMs + days * MS_PER_DAY;
  if (constantOffsetOver(timeZone, Math.min(epochMs, sameOffset - MS_PER_DAY), Math.max(epochMs, sameOffset + MS_PER_DAY)) !== undefined) {
    return sameOffset;
  }
  const offset = offsetMsAt(timeZone, epochMs);
  if (offsetMsAt(timeZone, sameOffset) === offset && offsetMsAt(timeZone, sameOffset - MS_PER_DAY) === offset
    && offsetMsAt(timeZone, sameOffset + MS_PER_DAY) === offset) {
    return sameOffset;
  }
  const zoned = toZonedDateTime(epochMs, timeZone);
  return localToEpochMs(zoned.epochDay + days, zoned.msOfDay, timeZone);
}
