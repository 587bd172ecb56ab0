import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { offsetMsAt } from './time-zone.ts';

/** Offset as Intl prints it ('GMT+01:00'), read on its own: an independent path through the tz database. */
const longOffsetFormats = new Map<string, Intl.DateTimeFormat>();
function longOffsetMs(zone: string, epochMs: number): number {
  let format = longOffsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    longOffsetFormats.set(zone, format);
  }
  const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
}

const YEAR = 365.25 * 86_400_000;

describe('zone offsets remembered across lookups (property)', () => {
  it('stay exact when lookups jump between years, blocks and offset changes in any order', () => {
    // The remembered segments (the current one and the one before, extended over neighbouring blocks)
    // must never answer for an instant outside them: jumps of minutes, days and years, back and forth.
    const zones = ['Europe/Paris', 'America/Miquelon', 'Indian/Reunion', 'America/New_York', 'Australia/Lord_Howe'];
    const step = fc.oneof(fc.integer({ min: -90, max: 90 }).map((minutes) => minutes * 60_000),
      fc.integer({ min: -400, max: 400 }).map((days) => days * 86_400_000), fc.integer({ min: -20, max: 20 }).map((years) => Math.round(years * YEAR)));
    fc.assert(fc.property(fc.constantFrom(...zones), fc.integer({ min: Math.round(5 * YEAR), max: Math.round(120 * YEAR) }), fc.array(step, { minLength: 5, maxLength: 30 }),
      (zone, start, steps) => {
        let at = start;
        for (const delta of steps) {
          at = Math.min(Math.max(at + delta, Math.round(1 * YEAR)), Math.round(125 * YEAR));
          expect(offsetMsAt(zone, at)).toBe(longOffsetMs(zone, at));
        }
      }), { numRuns: 200 });
  }, 60_000);

  it('stay exact through every offset change of 1995–2035, with a far lookup between each two near ones', () => {
    // Walking in 20-hour steps crosses each change within a day of it; the far lookup in between makes
    // the near segment the "previous" one, so an extension past a change would answer wrongly here.
    const from = Date.UTC(1995, 0, 1);
    const to = Date.UTC(2035, 0, 1);
    for (const zone of ['Europe/Paris', 'America/Miquelon', 'Australia/Lord_Howe']) {
      for (let at = from; at < to; at += 20 * 3_600_000) {
        offsetMsAt(zone, at + 200 * 86_400_000);
        const offset = offsetMsAt(zone, at);
        if (offset !== longOffsetMs(zone, at)) expect(offset, `${zone} at ${new Date(at).toISOString()}`).toBe(longOffsetMs(zone, at));
      }
    }
  }, 60_000);
});
