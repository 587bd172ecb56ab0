import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, PORTAL_LOCKOUT_MS, PORTAL_MAX_FAILURES, type ThrottleState } from './login-throttle.ts';

const t0 = new Date('2027-03-10T09:00:00Z');

describe('portal login throttle', () => {
  it('locks at the tenth failure within the hour, for thirty minutes', () => {
    let state: ThrottleState | null = null;
    for (let i = 1; i < PORTAL_MAX_FAILURES; i += 1) {
      state = afterFailure(state, new Date(t0.getTime() + i * 1000));
      expect(isLocked(state, new Date(t0.getTime() + i * 1000))).toBe(false);
    }
    const at = new Date(t0.getTime() + 60_000);
    state = afterFailure(state, at);
    expect(isLocked(state, at)).toBe(true);
    expect(isLocked(state, new Date(at.getTime() + PORTAL_LOCKOUT_MS - 1))).toBe(true);
    expect(isLocked(state, new Date(at.getTime() + PORTAL_LOCKOUT_MS))).toBe(false);
  });

  it('forgets failures older than an hour', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < PORTAL_MAX_FAILURES - 1; i += 1) state = afterFailure(state, t0);
    state = afterFailure(state, new Date(t0.getTime() + 61 * 60_000));
    expect(state.failures).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });

  it('never locks with fewer failures than the limit, whatever their timing', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: PORTAL_MAX_FAILURES - 1 }), (offsets) => {
      let state: ThrottleState | null = null;
      for (const offset of [...offsets].sort((a, b) => a - b)) state = afterFailure(state, new Date(t0.getTime() + offset));
      expect(state?.lockedUntil ?? null).toBeNull();
    }));
  });
});
