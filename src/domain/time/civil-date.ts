/**
 * A calendar date with no time and no zone ('YYYY-MM-DD', Postgres `date`), DESIGN.md §3.2.
 * Arithmetic runs on integers (days since 1970-01-01, "epoch days") and never through `Date`, so
 * the host's TZ and DST changes cannot shift a date.
 */
export type CivilDate = string & { readonly __brand: 'CivilDate' };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CivilDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const civilDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidDateParts(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)
    && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Reads 'YYYY-MM-DD' and refuses dates that do not exist (2027-02-31) or years outside 0001–9999. */
export function parseCivilDate(text: string): CivilDate {
  if (isCanonicalCivilDate(text)) return text as CivilDate;
  const match = civilDatePattern.exec(text);
  if (!match || !isValidDateParts(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`invalid date ${JSON.stringify(text)}: expected an existing date as YYYY-MM-DD`);
  }
  return text as CivilDate;
}

/** The same check as the pattern, character by character: dates are read for every decision. */
function isCanonicalCivilDate(text: string): boolean {
  return canonicalEpochDay(text) !== undefined;
}

/**
 * The epoch day of an existing 'YYYY-MM-DD' date read digit by digit, or undefined for anything
 * else (the caller then goes through parseCivilDate, which words the error).
 */
function canonicalEpochDay(text: string): number | undefined {
  if (typeof text !== 'string' || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const y0 = text.charCodeAt(0) - 48; const y1 = text.charCodeAt(1) - 48; const y2 = text.charCodeAt(2) - 48; const y3 = text.charCodeAt(3) - 48;
  const m0 = text.charCodeAt(5) - 48; const m1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48; const d1 = text.charCodeAt(9) - 48;
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return isValidDateParts(year, month, day) ? epochDayFromParts(year, month, day) : undefined;
}

/** Reads 'YYYY-MM-DD' straight into days since 1970-01-01; the same errors as parseCivilDate. */
export function parseCivilDateToEpochDay(text: string): number {
  return canonicalEpochDay(text) ?? toEpochDay(parseCivilDate(text));
}

export function isCivilDate(text: unknown): text is CivilDate {
  if (typeof text !== 'string') return false;
  const match = civilDatePattern.exec(text);
  return match !== null && isValidDateParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function civilDateFromParts(year: number, month: number, day: number): CivilDate {
  if (!isValidDateParts(year, month, day)) {
    throw new RangeError(`invalid date ${String(year)}-${String(month)}-${String(day)}`);
  }
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` as CivilDate;
}

export function civilDateParts(date: CivilDate): CivilDateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * Epoch day of the first of each month from 1900 to 2199, computed once by the general formula below:
 * every instant a decision reads is turned into an epoch day, and a table lookup is several times
 * cheaper than the era arithmetic. Other years take the general formula.
 */
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
const monthStarts = new Int32Array(TABLE_YEARS * 12);
for (let index = 0; index < monthStarts.length; index += 1) {
  monthStarts[index] = daysFromCivil(TABLE_FIRST_YEAR + Math.floor(index / 12), (index % 12) + 1, 1);
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil, exact for the proleptic Gregorian calendar). */
export function epochDayFromParts(year: number, month: number, day: number): number {
  if (month >= 1 && month <= 12 && (month | 0) === month && year >= TABLE_FIRST_YEAR && year < TABLE_FIRST_YEAR + TABLE_YEARS && (year | 0) === year) {
    return (monthStarts[(year - TABLE_FIRST_YEAR) * 12 + month - 1] as number) + day - 1;
  }
  return daysFromCivil(year, month, day);
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of epochDayFromParts (civil_from_days). */
export function partsFromEpochDay(epochDay: number): CivilDateParts {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524)
    - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function toEpochDay(date: CivilDate): number {
  const fast = canonicalEpochDay(date);
  if (fast !== undefined) return fast;
  const { year, month, day } = civilDateParts(date);
  return epochDayFromParts(year, month, day);
}

export function fromEpochDay(epochDay: number): CivilDate {
  const { year, month, day } = partsFromEpochDay(epochDay);
  return civilDateFromParts(year, month, day);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds calendar months; a day that does not exist in the target month clamps to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = civilDateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return civilDateFromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Adds calendar years; 29 February becomes 28 February in a common year (CPC art. 641 al. 2 does the same for time limits). */
export function addYears(date: CivilDate, years: number): CivilDate {
  return addMonths(date, years * 12);
}

export function isoWeekdayOfEpochDay(epochDay: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((epochDay + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

export function dayOfWeek(date: CivilDate): IsoWeekday {
  return isoWeekdayOfEpochDay(toEpochDay(date));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 'YYYY-MM-DD' strings order like the dates they name. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxCivilDate(a: CivilDate, b: CivilDate): CivilDate {
  return a >= b ? a : b;
}

export function minCivilDate(a: CivilDate, b: CivilDate): CivilDate {
  return a <= b ? a : b;
}

/** '00'…'99': formatting runs for every decision, and a table lookup beats building the string. */
const twoDigits: readonly string[] = Array.from({ length: 100 }, (_, value) => (value < 10 ? `0${String(value)}` : String(value)));

export function pad2(value: number): string {
  return value >= 0 && value < 100 && Number.isInteger(value) ? twoDigits[value] as string : value < 10 ? `0${String(value)}` : String(value);
}

/**
 * The texts of the days formatted lately, in a direct-mapped table: decisions format a few nearby days
 * (their local date, their next allowed instant) over and over, and a hit skips the calendar arithmetic.
 */
const DAY_TEXT_SLOTS = 4096;
const dayTextKeys = new Float64Array(DAY_TEXT_SLOTS).fill(Number.NaN);
const dayTexts: (CivilDate | undefined)[] = new Array<CivilDate | undefined>(DAY_TEXT_SLOTS).fill(undefined);

/** 'YYYY-MM-DD' of an epoch day. */
export function formatEpochDay(epochDay: number): CivilDate {
  const slot = epochDay & (DAY_TEXT_SLOTS - 1);
  if (dayTextKeys[slot] === epochDay) return dayTexts[slot] as CivilDate;
  const { year, month, day } = partsFromEpochDay(epochDay);
  const yearText = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  const text = `${yearText}-${pad2(month)}-${pad2(day)}` as CivilDate;
  dayTextKeys[slot] = epochDay;
  dayTexts[slot] = text;
  return text;
}
