import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCivilDate, toEpochDay } from './civil-date.ts';
import { parseInstantToEpochMs } from './instant.ts';
import { hoursMinutes } from './local-time.ts';
import { constantOffsetOver, isTimeZone, offsetMsAt } from './time-zone.ts';
import {
  addLocalDays, civilDateTimeToEpochMs, formatZonedDateTime, localToEpochMs, startOfLocalDay, toZonedDateTime,
} from './zoned-date-time.ts';

const ms = parseInstantToEpochMs;
const local = (instant: string, zone: string): string => formatZonedDateTime(toZonedDateTime(ms(instant), zone));
const zones = ['Europe/Paris', 'America/Miquelon', 'America/Guadeloupe', 'America/Cayenne', 'Indian/Reunion',
  'Indian/Mayotte', 'America/Marigot', 'America/St_Barthelemy', 'America/Martinique', 'America/New_York',
  'Pacific/Auckland', 'Australia/Lord_Howe', 'Asia/Kathmandu'];

/** Offset as Intl prints it ('GMT+01:00'): an independent path through the tz database. */
function intlLongOffsetMs(zone: string, epochMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}

describe('zoned date-times', () => {
  it('knows the French zones', () => {
    for (const zone of zones) expect(isTimeZone(zone)).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('follows the Paris DST changes of 2027 (last Sundays of March and October)', () => {
    expect(local('2027-03-28T00:59:59Z', 'Europe/Paris')).toBe('2027-03-28T01:59:59+01:00');
    expect(local('2027-03-28T01:00:00Z', 'Europe/Paris')).toBe('2027-03-28T03:00:00+02:00');
    expect(local('2027-10-31T00:59:59Z', 'Europe/Paris')).toBe('2027-10-31T02:59:59+02:00');
    expect(local('2027-10-31T01:00:00Z', 'Europe/Paris')).toBe('2027-10-31T02:00:00+01:00');
  });

  it('follows the Saint-Pierre-et-Miquelon DST changes of 2027 (North American dates)', () => {
    expect(local('2027-03-14T04:59:00Z', 'America/Miquelon')).toBe('2027-03-14T01:59:00-03:00');
    expect(local('2027-03-14T05:00:00Z', 'America/Miquelon')).toBe('2027-03-14T03:00:00-02:00');
    expect(local('2027-11-07T03:59:00Z', 'America/Miquelon')).toBe('2027-11-07T01:59:00-02:00');
    expect(local('2027-11-07T04:00:00Z', 'America/Miquelon')).toBe('2027-11-07T01:00:00-03:00');
  });

  it('shifts a local time in the spring gap forward and picks the earlier instant in the autumn overlap', () => {
    const paris = (date: string, h: number, m: number): number =>
      civilDateTimeToEpochMs(parseCivilDate(date), hoursMinutes(h, m), 'Europe/Paris');
    expect(paris('2027-03-28', 2, 30)).toBe(ms('2027-03-28T01:30:00Z')); // shown as 03:30+02:00
    expect(paris('2027-10-31', 2, 30)).toBe(ms('2027-10-31T00:30:00Z')); // the first 02:30 (+02:00)
    expect(paris('2027-10-31', 3, 0)).toBe(ms('2027-10-31T02:00:00Z'));
    const miquelon = (date: string, h: number, m: number): number =>
      civilDateTimeToEpochMs(parseCivilDate(date), hoursMinutes(h, m), 'America/Miquelon');
    expect(miquelon('2027-03-14', 2, 30)).toBe(ms('2027-03-14T05:30:00Z'));
    expect(miquelon('2027-11-07', 1, 30)).toBe(ms('2027-11-07T03:30:00Z'));
  });

  it('adds calendar days at the same wall-clock time across a DST change (23 h and 25 h days)', () => {
    expect(addLocalDays(ms('2027-03-27T11:00:00Z'), 1, 'Europe/Paris')).toBe(ms('2027-03-28T10:00:00Z'));
    expect(addLocalDays(ms('2027-10-30T10:00:00Z'), 1, 'Europe/Paris')).toBe(ms('2027-10-31T11:00:00Z'));
    expect(addLocalDays(ms('2027-03-13T12:00:00Z'), 7, 'America/Miquelon')).toBe(ms('2027-03-20T11:00:00Z'));
    expect(startOfLocalDay(toEpochDay(parseCivilDate('2027-03-28')), 'Europe/Paris')).toBe(ms('2027-03-27T23:00:00Z'));
    expect(startOfLocalDay(toEpochDay(parseCivilDate('2027-10-31')), 'Europe/Paris')).toBe(ms('2027-10-30T22:00:00Z'));
  });

  it('reads the same offsets as Intl longOffset names (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...zones), fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2035-12-31T00:00:00Z') }),
      (zone, epochMs) => {
        expect(offsetMsAt(zone, epochMs)).toBe(intlLongOffsetMs(zone, epochMs));
      }), { numRuns: 300 });
  });

  it('turns local date-times back into the instants that show them (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...zones), fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2035-12-31T00:00:00Z') }),
      (zone, epochMs) => {
        const zoned = toZonedDateTime(epochMs, zone);
        const back = civilDateTimeToEpochMs(
          parseCivilDate(formatZonedDateTime(zoned).slice(0, 10)), zoned.msOfDay, zone);
        // Equal, or the earlier twin of an hour repeated in autumn.
        expect(back).toBeLessThanOrEqual(epochMs);
        expect(formatZonedDateTime(toZonedDateTime(back, zone)).slice(0, 19)).toBe(formatZonedDateTime(zoned).slice(0, 19));
      }), { numRuns: 500 });
  });

  it('knows an offset constant over an interval only when it is (property)', () => {
    // Sampled every 12 hours (the tz database never changes an offset twice within a day) by the point
    // lookup, which the property above checks against Intl, and both ends against Intl itself.
    fc.assert(fc.property(fc.constantFrom(...zones), fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2035-12-31T00:00:00Z') }),
      fc.integer({ min: 0, max: 40 * 86_400_000 }), (zone, from, span) => {
        const constant = constantOffsetOver(zone, from, from + span);
        if (constant === undefined) return;
        for (let at = from; at < from + span; at += 12 * 3_600_000) expect(offsetMsAt(zone, at)).toBe(constant);
        expect(intlLongOffsetMs(zone, from)).toBe(constant);
        expect(intlLongOffsetMs(zone, from + span)).toBe(constant);
      }), { numRuns: 300 });
  });

  it('gives the same instants as reading each offset on its own (property)', () => {
    // The lookups localToEpochMs and addLocalDays made before they asked for a constant offset over a
    // span: the same answers, whether the span holds an offset change or not.
    const reference = {
      localToEpochMs(epochDay: number, msOfDay: number, zone: string): number {
        const localMs = epochDay * 86_400_000 + msOfDay;
        const before = offsetMsAt(zone, localMs - 86_400_000);
        const after = offsetMsAt(zone, localMs + 86_400_000);
        if (before === after) return localMs - before;
        const beforeIsReal = offsetMsAt(zone, localMs - before) === before;
        const afterIsReal = offsetMsAt(zone, localMs - after) === after;
        if (beforeIsReal && afterIsReal) return Math.min(localMs - before, localMs - after);
        return afterIsReal ? localMs - after : localMs - before;
      },
      addLocalDays(epochMs: number, days: number, zone: string): number {
        const offset = offsetMsAt(zone, epochMs);
        const same = epochMs + days * 86_400_000;
        if (offsetMsAt(zone, same) === offset && offsetMsAt(zone, same - 86_400_000) === offset && offsetMsAt(zone, same + 86_400_000) === offset) return same;
        const zoned = toZonedDateTime(epochMs, zone);
        return reference.localToEpochMs(zoned.epochDay + days, zoned.msOfDay, zone);
      },
    };
    // Near offset changes on purpose: instants within a few days of the Paris, Miquelon and New York changes.
    const nearChange = fc.tuple(fc.constantFrom('2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z', '2027-03-14T05:00:00Z', '2027-11-07T05:00:00Z'),
      fc.integer({ min: -9 * 86_400_000, max: 2 * 86_400_000 })).map(([change, delta]) => ms(change) + delta);
    const anyInstant = fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2035-12-31T00:00:00Z') });
    fc.assert(fc.property(fc.constantFrom(...zones), fc.oneof(nearChange, anyInstant), fc.integer({ min: 0, max: 31 }), (zone, epochMs, days) => {
      expect(addLocalDays(epochMs, days, zone)).toBe(reference.addLocalDays(epochMs, days, zone));
      const zoned = toZonedDateTime(epochMs, zone);
      expect(localToEpochMs(zoned.epochDay + days, zoned.msOfDay, zone)).toBe(reference.localToEpochMs(zoned.epochDay + days, zoned.msOfDay, zone));
      expect(startOfLocalDay(zoned.epochDay + days, zone)).toBe(reference.localToEpochMs(zoned.epochDay + days, 0, zone));
    }), { numRuns: 2000 });
  });
});
