/**
 * Portal login throttling per typed case reference. The counter is keyed by what the person typed,
 * not by a case found in the database, so an unknown reference is counted and locked exactly like a
 * real one: the answers never tell whether a case exists (OWASP ASVS 2.2.1; CNIL recommendation on
 * passwords, délibération 2022-100: limit attempts and lock temporarily after repeated failures).
 */
export const PORTAL_MAX_FAILURES = 10;
/** Failures older than this no longer count. */
export const PORTAL_FAILURE_WINDOW_MS = 60 * 60_000;
export const PORTAL_LOCKOUT_MS = 30 * 60_000;

export interface ThrottleState {
  readonly failures: number;
  readonly windowStartedAt: Date;
  readonly lockedUntil: Date | null;
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return state?.lockedUntil != null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failure at `now`: the tenth failure within the hour locks for 30 minutes. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() > PORTAL_FAILURE_WINDOW_MS
    || (state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime());
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const lockedUntil = failures >= PORTAL_MAX_FAILURES ? new Date(now.getTime() + PORTAL_LOCKOUT_MS) : null;
  return { failures: lockedUntil ? 0 : failures, windowStartedAt, lockedUntil };
}
