import { epochDayFromParts, isValidDateParts, pad2, partsFromEpochDay } from './civil-date.ts';

/** A point in time as a canonical UTC ISO 8601 string: 'YYYY-MM-DDTHH:mm:ss[.sss]Z'. */
export type Instant = string & { readonly __brand: 'Instant' };

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

// RFC 3339 date-time: a zone designator is mandatory, because a time without one names no instant.
const instantPattern = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Reads an RFC 3339 date-time with 'Z' or an offset ('2027-03-26T09:15:00Z',
 * '2027-03-26T10:15:00+01:00') into milliseconds since the epoch. Impossible dates and times
 * (2027-02-31, 24:00, 10:60) are refused; fractions beyond milliseconds are truncated.
 */
export function parseInstantToEpochMs(text: string): number {
  const fast = parseCanonicalUtc(text);
  if (fast !== undefined) return fast;
  const match = instantPattern.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = s === undefined ? 0 : Number(s);
    const offsetH = zulu ? 0 : Number(offsetHours);
    const offsetM = zulu ? 0 : Number(offsetMinutes);
    if (isValidDateParts(year, month, day) && hour <= 23 && minute <= 59 && second <= 59
      && offsetH <= 23 && offsetM <= 59) {
      const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
      const offsetMs = (offsetH * 60 + offsetM) * MS_PER_MINUTE * (sign === '-' ? -1 : 1);
      return epochDayFromParts(year, month, day) * MS_PER_DAY
        + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond - offsetMs;
    }
  }
  throw new RangeError(`invalid instant ${JSON.stringify(text)}: expected an ISO 8601 date-time with Z or an offset, e.g. 2027-03-26T09:15:00Z`);
}

const ZERO = 48;

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The common 'YYYY-MM-DDTHH:mm:ss[.sss]Z' form read digit by digit: decisions parse a dozen instants
 * each, and this path is several times faster than the general pattern. Anything else → undefined.
 */
function parseCanonicalUtc(text: string): number | undefined {
  const withMilliseconds = text.length === 24 && text.charCodeAt(19) === 46; /* . */
  if ((text.length !== 20 && !withMilliseconds) || text.charCodeAt(text.length - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */
    || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millisecond = withMilliseconds ? digitsAt(text, 20, 3) : 0;
  if (millisecond < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
    || !isValidDateParts(year, month, day)) {
    return undefined;
  }
  return epochDayFromParts(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
}

export function parseInstant(text: string): Instant {
  return instantFromEpochMs(parseInstantToEpochMs(text));
}

/** Canonical form; the milliseconds are written only when there are some. */
export function instantFromEpochMs(epochMs: number): Instant {
  if (!Number.isSafeInteger(epochMs)) throw new RangeError(`invalid epoch milliseconds ${String(epochMs)}`);
  const epochDay = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - epochDay * MS_PER_DAY;
  const { year, month, day } = partsFromEpochDay(epochDay);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${formatTimeOfDay(msOfDay)}Z` as Instant;
}

export function epochMsOf(instant: Instant): number {
  return parseInstantToEpochMs(instant);
}

/** 'HH:mm:ss' or 'HH:mm:ss.sss' for a number of milliseconds since midnight. */
export function formatTimeOfDay(msOfDay: number): string {
  const hour = Math.floor(msOfDay / MS_PER_HOUR);
  const minute = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const second = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const millisecond = msOfDay % 1000;
  const base = `${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  return millisecond === 0 ? base : `${base}.${String(millisecond).padStart(3, '0')}`;
}
