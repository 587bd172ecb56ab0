import { daysInMonth, epochDayFromParts, formatEpochDay, isValidDateParts, pad2 } from './civil-date.ts';

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

/**
 * The common 'YYYY-MM-DDTHH:mm:ss[.sss]Z' form read digit by digit: decisions parse a dozen instants
 * each, and this path is several times faster than the general pattern. Anything else → undefined
 * (the caller then tries the general pattern, which also produces the error message).
 */
export function parseCanonicalUtc(text: string): number | undefined {
  const length = text.length;
  const withMilliseconds = length === 24;
  if ((length !== 20 && !withMilliseconds) || text.charCodeAt(length - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */
    || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58
    || (withMilliseconds && text.charCodeAt(19) !== 46 /* . */)) {
    return undefined;
  }
  // Each digit minus '0'; `>>> 0 > 9` rejects anything that is not a digit (negative values wrap).
  const y0 = text.charCodeAt(0) - 48; const y1 = text.charCodeAt(1) - 48; const y2 = text.charCodeAt(2) - 48; const y3 = text.charCodeAt(3) - 48;
  const m0 = text.charCodeAt(5) - 48; const m1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48; const d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48; const h1 = text.charCodeAt(12) - 48;
  const i0 = text.charCodeAt(14) - 48; const i1 = text.charCodeAt(15) - 48;
  const s0 = text.charCodeAt(17) - 48; const s1 = text.charCodeAt(18) - 48;
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9
    || (d1 >>> 0) > 9 || (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (i0 >>> 0) > 9 || (i1 >>> 0) > 9 || (s0 >>> 0) > 9 || (s1 >>> 0) > 9) {
    return undefined;
  }
  let millisecond = 0;
  if (withMilliseconds) {
    const f0 = text.charCodeAt(20) - 48; const f1 = text.charCodeAt(21) - 48; const f2 = text.charCodeAt(22) - 48;
    if ((f0 >>> 0) > 9 || (f1 >>> 0) > 9 || (f2 >>> 0) > 9) return undefined;
    millisecond = f0 * 100 + f1 * 10 + f2;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 59 || month < 1 || month > 12 || day < 1 || year < 1
    || (day > 28 && day > daysInMonth(year, month))) {
    return undefined;
  }
  return epochDayFromParts(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
}

/** The instants a canonical string can name: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. */
export const MIN_EPOCH_MS = -62_135_596_800_000;
export const MAX_EPOCH_MS = 253_402_300_799_999;

/**
 * An instant given as epoch milliseconds (the in-process form of a `Date` or a database timestamp):
 * accepted as is when it is a whole number of milliseconds in the range a canonical string can name.
 */
export function checkEpochMs(value: number): number {
  if (Number.isInteger(value) && value >= MIN_EPOCH_MS && value <= MAX_EPOCH_MS) return value;
  throw new RangeError(`invalid instant ${String(value)}: expected epoch milliseconds, a whole number from ${String(MIN_EPOCH_MS)} (0001-01-01T00:00:00Z) to ${String(MAX_EPOCH_MS)} (9999-12-31T23:59:59.999Z)`);
}

/** An instant as a string (read as by parseInstantToEpochMs) or as epoch milliseconds (checkEpochMs). */
export function readInstantInput(value: string | number): number {
  return typeof value === 'number' ? checkEpochMs(value) : parseInstantToEpochMs(value);
}

export function parseInstant(text: string): Instant {
  return instantFromEpochMs(parseInstantToEpochMs(text));
}

/** Canonical form; the milliseconds are written only when there are some. */
export function instantFromEpochMs(epochMs: number): Instant {
  if (!Number.isSafeInteger(epochMs)) throw new RangeError(`invalid epoch milliseconds ${String(epochMs)}`);
  const epochDay = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - epochDay * MS_PER_DAY;
  return `${formatEpochDay(epochDay)}T${formatTimeOfDay(msOfDay)}Z` as Instant;
}

export function epochMsOf(instant: Instant): number {
  return parseInstantToEpochMs(instant);
}

/** 'HH:mm:00' of each minute of the day, built on first use: most instants formatted are whole minutes. */
const minuteTexts: (string | undefined)[] = new Array<string | undefined>(1440).fill(undefined);

/** 'HH:mm:ss' or 'HH:mm:ss.sss' for a number of milliseconds since midnight. */
export function formatTimeOfDay(msOfDay: number): string {
  if (msOfDay % MS_PER_MINUTE === 0 && msOfDay >= 0 && msOfDay < MS_PER_DAY) {
    const minute = msOfDay / MS_PER_MINUTE;
    return minuteTexts[minute] ?? (minuteTexts[minute] = formatAnyTimeOfDay(msOfDay));
  }
  return formatAnyTimeOfDay(msOfDay);
}

function formatAnyTimeOfDay(msOfDay: number): string {
  const hour = Math.floor(msOfDay / MS_PER_HOUR);
  const minute = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const second = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const millisecond = msOfDay % 1000;
  const base = `${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  return millisecond === 0 ? base : `${base}.${String(millisecond).padStart(3, '0')}`;
}
