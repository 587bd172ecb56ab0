import { MS_PER_HOUR, MS_PER_MINUTE } from './instant.ts';

const localTimePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads a wall-clock time 'HH:mm' (00:00–23:59) into milliseconds since midnight. */
export function parseLocalTime(text: string): number {
  const match = localTimePattern.exec(text);
  if (!match) throw new RangeError(`invalid time ${JSON.stringify(text)}: expected HH:mm between 00:00 and 23:59`);
  return Number(match[1]) * MS_PER_HOUR + Number(match[2]) * MS_PER_MINUTE;
}

export function hoursMinutes(hours: number, minutes = 0): number {
  return hours * MS_PER_HOUR + minutes * MS_PER_MINUTE;
}
