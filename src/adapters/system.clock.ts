import type { Clock } from '../application/ports/clock.ts';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and runs at real speed from there (AMIABLE_CLOCK_START: demos, browser tests). */
export function startedClock(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
