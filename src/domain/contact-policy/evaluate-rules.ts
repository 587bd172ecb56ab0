import { publicHolidayOn } from '../calendar/index.ts';
import { localToEpochMsAfter, startOfLocalDay, toZonedDateTime, type ZonedDateTime } from '../time/index.ts';
import type { CapCounter, CountedAttempt, PreparedSituation } from './prepare-situation.ts';
import type { TimedChannel } from './profiles.ts';
import type { Reason } from './situation.ts';

/** A rule that forbids the contact at an instant, and the earliest instant it alone stops forbidding it. */
export interface Blocker {
  readonly reason: Reason;
  /** Infinity: only a change of state (new data) can lift it. */
  readonly release: number;
}

const DAY_END = 86_400_000;

/**
 * Every rule that forbids the contact at `t`, in the order of the rule list. Each blocker's
 * `release` is exact for that rule alone, which is what lets the search for the next allowed instant
 * jump from boundary to boundary instead of scanning minutes.
 */
export function blockersAt(situation: PreparedSituation, t: number, zoned: ZonedDateTime = toZonedDateTime(t, situation.timeZone)): Blocker[] {
  const blockers: Blocker[] = [];
  const collection = situation.purpose === 'collection';
  if (situation.timedChannel !== undefined) {
    pushCalendarBlockers(situation, situation.timedChannel, t, zoned, blockers);
    if (collection) pushCapBlockers(situation, situation.timedChannel, t, zoned, blockers);
  }
  pushStateBlockers(situation, t, zoned, blockers);
  return blockers;
}

/** Hours, Sundays, public holidays and the R124-4 notice: when calls, SMS and e-mails may happen. */
function pushCalendarBlockers(situation: PreparedSituation, channel: TimedChannel, t: number, zoned: ZonedDateTime, blockers: Blocker[]): void {
  const { profile, timeZone } = situation;
  const { rules } = situation;
  const windowRelease = outsideWindowsRelease(situation, channel, zoned, t);
  if (windowRelease !== undefined) blockers.push({ reason: rules.outsideHours[channel], release: windowRelease });
  if (profile.noSunday && zoned.weekday === 7) {
    blockers.push({ reason: rules.rules.sunday, release: startOfLocalDay(zoned.epochDay + 1, timeZone) });
  }
  if (profile.noPublicHoliday && publicHolidayOn(situation.territory, zoned.epochDay) !== undefined) {
    blockers.push({ reason: rules.rules['public-holiday'], release: startOfLocalDay(zoned.epochDay + 1, timeZone) });
  }
  if (situation.purpose === 'collection' && profile.requiresNotice) {
    if (situation.noticeDelayEnds === null) blockers.push({ reason: rules.rules['notice-not-sent'], release: Infinity });
    else if (t < situation.noticeDelayEnds) blockers.push({ reason: rules.rules['notice-delay'], release: situation.noticeDelayEnds });
  }
}

/**
 * Caps and the post-conversation pause, in the order of the rule list. A call at a callback time the
 * debtor asked for escapes the call caps and the pause; otherwise they stop blocking at their own
 * release or at the next callback time, whichever comes first.
 */
function pushCapBlockers(situation: PreparedSituation, channel: TimedChannel, t: number, zoned: ZonedDateTime, blockers: Blocker[]): void {
  const { profile } = situation;
  const { rules } = situation;
  const isCall = channel === 'call';
  if (isCall && callbackCovers(situation, t)) return;
  const nextCallback = isCall ? nextCallbackStart(situation, t) : Infinity;
  if (isCall && profile.dailyCallCap !== null) {
    let today = 0;
    for (const call of situation.calls) if (call.at <= t && call.epochDay === zoned.epochDay) today += 1;
    if (today >= profile.dailyCallCap) {
      blockers.push({ reason: rules.rules['daily-cap'], release: Math.min(startOfLocalDay(zoned.epochDay + 1, situation.timeZone), nextCallback) });
    }
  }
  pushRollingCaps(situation, channel, t, true, nextCallback, blockers);
  if (isCall) {
    const release = pauseRelease(situation.pauses, t);
    if (release !== undefined) blockers.push({ reason: rules.rules['post-conversation-pause'], release: Math.min(release, nextCallback) });
  }
  pushRollingCaps(situation, channel, t, false, nextCallback, blockers);
}

/** The weekly call cap comes before the pause in the rule list, the other caps after it. */
function pushRollingCaps(situation: PreparedSituation, channel: TimedChannel, t: number, weekly: boolean, nextCallback: number, blockers: Blocker[]): void {
  const { rules } = situation;
  for (const counter of situation.capCounters) {
    if ((counter.cap.rule === 'weekly-cap') !== weekly || counter.cap.channel !== channel) continue;
    const release = rollingCapRelease(counter, t);
    if (release !== undefined) blockers.push({ reason: rules.rules[counter.cap.rule], release: Math.min(release, nextCallback) });
  }
}

/** Suspensions, limitation, closure and the debtor's preferences. */
function pushStateBlockers(situation: PreparedSituation, t: number, zoned: ZonedDateTime, blockers: Blocker[]): void {
  const { rules } = situation;
  if (situation.purpose === 'collection') {
    pushSuspensions(situation, t, blockers);
    if (situation.limitationLastDay !== null && zoned.epochDay > situation.limitationLastDay) {
      blockers.push({ reason: rules.rules['limitation-expired'], release: Infinity });
    }
    if (!situation.caseOpen) blockers.push({ reason: rules.rules['case-closed'], release: Infinity });
  }
  if (situation.writtenOnly) blockers.push({ reason: rules.rules['written-only'], release: Infinity });
  if (situation.optedOut) blockers.push({ reason: rules.rules['channel-opt-out'], release: Infinity });
  if (situation.wrongNumber) blockers.push({ reason: rules.rules['wrong-number'], release: Infinity });
  const quietRelease = quietHoursRelease(situation, zoned, t);
  if (quietRelease !== undefined) blockers.push({ reason: rules.rules['quiet-hours'], release: quietRelease });
}

/** Undefined when `zoned` is inside a contact window; otherwise the start of the next window. */
function outsideWindowsRelease(situation: PreparedSituation, channel: TimedChannel, zoned: ZonedDateTime, t: number): number | undefined {
  const weekly = situation.profile.windows[channel];
  for (const window of weekly[zoned.weekday]) {
    if (zoned.msOfDay >= window.from && zoned.msOfDay < window.to) return undefined;
  }
  for (let dayOffset = 0; dayOffset <= 7; dayOffset += 1) {
    const weekday = (((zoned.weekday - 1 + dayOffset) % 7) + 1) as ZonedDateTime['weekday'];
    for (const window of weekly[weekday]) {
      if (dayOffset === 0 && window.from <= zoned.msOfDay) continue;
      return localToEpochMsAfter(zoned.epochDay + dayOffset, window.from, situation.timeZone, t);
    }
  }
  return Infinity;
}

function callbackCovers(situation: PreparedSituation, t: number): boolean {
  for (const callbackAt of situation.callbacks) {
    if (callbackAt > t) return false;
    if (t > callbackAt + situation.profile.callbackGraceMs) continue;
    // The exception allows one call: a call already placed in the window uses it up.
    if (!situation.calls.some((call) => call.at >= callbackAt && call.at < t)) return true;
  }
  return false;
}

function nextCallbackStart(situation: PreparedSituation, t: number): number {
  for (const callbackAt of situation.callbacks) if (callbackAt > t) return callbackAt;
  return Infinity;
}

/** Undefined below the cap; otherwise when enough of the counted attempts have rolled off. */
function rollingCapRelease(counter: CapCounter, t: number): number | undefined {
  let count = 0;
  let earliestEnd = Infinity;
  for (const attempt of counter.attempts) {
    if (attempt.at <= t && t < attempt.expires) {
      count += 1;
      if (attempt.expires < earliestEnd) earliestEnd = attempt.expires;
    }
  }
  const { max } = counter.cap;
  if (count < max) return undefined;
  // At the cap exactly (the usual case), the first attempt to roll off releases it.
  if (count === max) return earliestEnd;
  // Above it: the (count − max + 1)-th attempt to roll off. Lists are short: an insertion sort.
  const active: number[] = [];
  for (const attempt of counter.attempts) {
    if (attempt.at <= t && t < attempt.expires) {
      let position = active.length;
      while (position > 0 && (active[position - 1] as number) > attempt.expires) {
        active[position] = active[position - 1] as number;
        position -= 1;
      }
      active[position] = attempt.expires;
    }
  }
  return active[active.length - max] ?? Infinity;
}

function pauseRelease(pauses: readonly CountedAttempt[], t: number): number | undefined {
  let release: number | undefined;
  for (const pause of pauses) {
    if (pause.at <= t && t < pause.expires) release = Math.max(release ?? 0, pause.expires);
  }
  return release;
}

function pushSuspensions(situation: PreparedSituation, t: number, blockers: Blocker[]): void {
  if (situation.suspensions.length === 0) return;
  const active = situation.suspensions.filter((suspension) => suspension.from <= t && t < suspension.until);
  if (active.length === 0) return;
  // Until every suspension is over, chaining the ones that overlap.
  let release = t;
  for (let changed = true; changed;) {
    changed = false;
    for (const suspension of situation.suspensions) {
      if (suspension.from <= release && release < suspension.until) {
        release = suspension.until;
        changed = true;
      }
    }
  }
  const { rules } = situation;
  const reported = new Set<string>();
  for (const suspension of active) {
    const reason = suspension.kind === 'over-indebtedness' ? rules.rules['over-indebtedness'] : rules.suspended[suspension.kind];
    if (reported.has(suspension.kind)) continue;
    reported.add(suspension.kind);
    blockers.push({ reason, release });
  }
}

function quietHoursRelease(situation: PreparedSituation, zoned: ZonedDateTime, t: number): number | undefined {
  let release: number | undefined;
  for (const interval of situation.quietIntervals) {
    if (zoned.msOfDay < interval.from || zoned.msOfDay >= interval.to) continue;
    const end = interval.to === DAY_END
      ? startOfLocalDay(zoned.epochDay + 1, situation.timeZone)
      : localToEpochMsAfter(zoned.epochDay, interval.to, situation.timeZone, t);
    release = Math.max(release ?? 0, end);
  }
  return release;
}
