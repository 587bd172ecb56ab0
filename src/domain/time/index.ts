export {
  addDays, addMonths, addYears, civilDateFromParts, civilDateParts, compareCivilDates, dayOfWeek, daysBetween,
  daysInMonth, epochDayFromParts, formatEpochDay, fromEpochDay, isCivilDate, isLeapYear, isoWeekdayOfEpochDay, isValidDateParts,
  maxCivilDate, minCivilDate, parseCivilDate, parseCivilDateToEpochDay, partsFromEpochDay, toEpochDay,
  type CivilDate, type CivilDateParts, type IsoWeekday,
} from './civil-date.ts';
export {
  checkEpochMs, epochMsOf, formatTimeOfDay, instantFromEpochMs, MAX_EPOCH_MS, MIN_EPOCH_MS, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE,
  parseCanonicalUtc, parseInstant, parseInstantToEpochMs, readInstantInput, type Instant,
} from './instant.ts';
export { assertTimeZone, isTimeZone, offsetMsAt } from './time-zone.ts';
export {
  addLocalDays, civilDateTimeToEpochMs, formatZonedDateTime, localEpochDay, localToEpochMs, localToEpochMsAfter, startOfLocalDay, toZonedDateTime,
  zonedCivilDate, type ZonedDateTime,
} from './zoned-date-time.ts';
export { hoursMinutes, parseLocalTime } from './local-time.ts';
