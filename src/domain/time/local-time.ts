import { MS_PER_HOUR, MS_PER_MINUTE } from './instant.ts';

const localTimePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads a wall-clock time 'HH:mm' (00:00–23:59) into milliseconds since midnight. */
export function parseLocalTime(text: string): number {
  // 'HH:mm' read digit by digit first (quiet hours are read for every decision that has some).
  if (typeof text === 'string' && text.length === 5 && text.charCodeAt(2) === 58) {
    const h0 = text.charCodeAt(0) - 48; const h1 = text.charCodeAt(1) - 48;
    const m0 = text.charCodeAt(3) - 48; const m1 = text.charCodeAt(4) - 48;
    if ((h0 >>> 0) <= 2 && (h1 >>> 0) <= 9 && (m0 >>> 0) <= 5 && (m1 >>> 0) <= 9 && h0 * 10 + h1 <= 23) {
      return (h0 * 10 + h1) * MS_PER_HOUR + (m0 * 10 + m1) * MS_PER_MINUTE;
    }
  }
  const match = localTimePattern.exec(text);
  if (!match) throw new RangeError(`invalid time ${JSON.stringify(text)}: expected HH:mm between 00:00 and 23:59`);
  return Number(match[1]) * MS_PER_HOUR + Number(match[2]) * MS_PER_MINUTE;
}

export function hoursMinutes(hours: number, minutes = 0): number {
  return hours * MS_PER_HOUR + minutes * MS_PER_MINUTE;
}
