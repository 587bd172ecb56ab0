import { publicHolidayOn } from '../calendar/index.ts';
import { localToEpochMsAfter, startOfLocalDay, type ZonedDateTime } from '../time/index.ts';
import type { CapCounter, CountedAttempt, LocalAttempt, PreparedSituation, PreparedSuspension } from './prepare-situation.ts';
import type { TimedChannel } from './profiles.ts';
import type { Reason } from './situation.ts';

/**
 * What the rules found at one instant: how many of them forbid the contact, the latest instant at
 * which one of them alone stops forbidding it, and, when asked for, their reasons in the order of the
 * rule list. Each release is exact for its rule alone, which is what lets the search for the next
 * allowed instant jump from boundary to boundary instead of scanning minutes; the search needs only
 * the latest release, so it collects no reasons and allocates no blocker objects.
 */
export class Verdict {
  /** How many rules forbid the contact at the instant evaluated last. */
  blocked = 0;
  /** The latest release of those rules; Infinity when only a change of state (new data) can lift one. */
  latestRelease = -Infinity;
  /** Whether the reasons are kept (the search for the next allowed instant needs only the releases). */
  readonly collecting: boolean;
  // The first three reasons in fields, the rest in a list: the decision then returns a list of the
  // exact length (a list grown one push at a time starts at 16 slots, for 1 or 2 reasons usually).
  private first: Reason | undefined;
  private second: Reason | undefined;
  private third: Reason | undefined;
  private more: Reason[] | undefined;

  constructor(collecting: boolean) {
    this.collecting = collecting;
  }

  /** Ready for another instant (reasons are not cleared: the search collects none). */
  reset(): void {
    this.blocked = 0;
    this.latestRelease = -Infinity;
  }

  block(reason: Reason, release: number): void {
    this.blocked += 1;
    this.latestRelease = Math.max(this.latestRelease, release);
    if (!this.collecting) return;
    switch (this.blocked) {
      case 1: this.first = reason; break;
      case 2: this.second = reason; break;
      case 3: this.third = reason; break;
      case 4: this.more = [this.first as Reason, this.second as Reason, this.third as Reason, reason]; break;
      default: (this.more as Reason[]).push(reason);
    }
  }

  /** The reasons, in the order the rules gave them: a new list, for the caller to keep. */
  reasons(): Reason[] {
    switch (this.blocked) {
      case 0: return [];
      case 1: return [this.first as Reason];
      case 2: return [this.first as Reason, this.second as Reason];
      case 3: return [this.first as Reason, this.second as Reason, this.third as Reason];
      default: return this.more as Reason[];
    }
  }
}

const DAY_END = 86_400_000;

/**
 * Evaluates every rule at `t` into `verdict` (which must be fresh, or reset by the caller), in the
 * order of the rule list.
 */
export function evaluateAt(situation: PreparedSituation, t: number, zoned: ZonedDateTime, verdict: Verdict): void {
  const collection = situation.purpose === 'collection';
  if (situation.timedChannel !== undefined) {
    pushCalendarBlockers(situation, situation.timedChannel, t, zoned, verdict);
    if (collection) pushCapBlockers(situation, situation.timedChannel, t, zoned, verdict);
  }
  pushStateBlockers(situation, t, zoned, verdict);
}

/** Hours, Sundays, public holidays and the R124-4 notice: when calls, SMS and e-mails may happen. */
function pushCalendarBlockers(situation: PreparedSituation, channel: TimedChannel, t: number, zoned: ZonedDateTime, verdict: Verdict): void {
  const { profile, timeZone } = situation;
  const { rules } = situation;
  const windowRelease = outsideWindowsRelease(situation, channel, zoned, t);
  if (windowRelease !== undefined) verdict.block(rules.outsideHours[channel], windowRelease);
  if (profile.noSunday && zoned.weekday === 7) {
    verdict.block(rules.rules.sunday, startOfLocalDay(zoned.epochDay + 1, timeZone));
  }
  if (profile.noPublicHoliday && publicHolidayOn(situation.territory, zoned.epochDay) !== undefined) {
    verdict.block(rules.rules['public-holiday'], startOfLocalDay(zoned.epochDay + 1, timeZone));
  }
  if (situation.purpose === 'collection' && profile.requiresNotice) {
    if (situation.noticeDelayEnds === null) verdict.block(rules.rules['notice-not-sent'], Infinity);
    else if (t < situation.noticeDelayEnds) verdict.block(rules.rules['notice-delay'], situation.noticeDelayEnds);
  }
}

/**
 * Caps and the post-conversation pause, in the order of the rule list. A call at a callback time the
 * debtor asked for escapes the call caps and the pause; otherwise they stop blocking at their own
 * release or at the next callback time, whichever comes first.
 */
function pushCapBlockers(situation: PreparedSituation, channel: TimedChannel, t: number, zoned: ZonedDateTime, verdict: Verdict): void {
  const { profile } = situation;
  const { rules } = situation;
  const isCall = channel === 'call';
  // Callback times are rare: most decisions have none to look at.
  const withCallbacks = isCall && situation.callbacks.length > 0;
  if (withCallbacks && callbackCovers(situation, t)) return;
  const nextCallback = withCallbacks ? nextCallbackStart(situation, t) : Infinity;
  if (isCall && profile.dailyCallCap !== null) {
    let today = 0;
    for (const call of situation.calls) if (call.at <= t && call.epochDay === zoned.epochDay) today += 1;
    if (today >= profile.dailyCallCap) {
      verdict.block(rules.rules['daily-cap'], Math.min(startOfLocalDay(zoned.epochDay + 1, situation.timeZone), nextCallback));
    }
  }
  pushRollingCaps(situation, t, true, nextCallback, verdict);
  if (isCall) {
    const release = pauseRelease(situation.pauses, t);
    if (release !== undefined) verdict.block(rules.rules['post-conversation-pause'], Math.min(release, nextCallback));
  }
  pushRollingCaps(situation, t, false, nextCallback, verdict);
}

/**
 * The caps before the pause in the rule list, or those after it. The counters are those of the
 * decision's channel (prepareSituation counts for no other), and a cap with fewer counted attempts
 * than its maximum cannot be reached at any instant.
 */
function pushRollingCaps(situation: PreparedSituation, t: number, beforePause: boolean, nextCallback: number, verdict: Verdict): void {
  const { rules } = situation;
  for (const counter of situation.capCounters) {
    if (counter.beforePause !== beforePause || counter.attempts.length < counter.cap.max) continue;
    const release = rollingCapRelease(counter, t);
    if (release !== undefined) verdict.block(rules.rules[counter.cap.rule], Math.min(release, nextCallback));
  }
}

/** Suspensions, limitation, closure and the debtor's preferences. */
function pushStateBlockers(situation: PreparedSituation, t: number, zoned: ZonedDateTime, verdict: Verdict): void {
  const { rules } = situation;
  if (situation.purpose === 'collection') {
    pushSuspensions(situation, t, verdict);
    if (situation.limitationLastDay !== null && zoned.epochDay > situation.limitationLastDay) {
      verdict.block(rules.rules['limitation-expired'], Infinity);
    }
    if (!situation.caseOpen) verdict.block(rules.rules['case-closed'], Infinity);
  }
  if (situation.writtenOnly) verdict.block(rules.rules['written-only'], Infinity);
  if (situation.optedOut) verdict.block(rules.rules['channel-opt-out'], Infinity);
  if (situation.wrongNumber) verdict.block(rules.rules['wrong-number'], Infinity);
  const quietRelease = quietHoursRelease(situation, zoned, t);
  if (quietRelease !== undefined) verdict.block(rules.rules['quiet-hours'], quietRelease);
}

/** Undefined when `zoned` is inside a contact window; otherwise the start of the next window. */
function outsideWindowsRelease(situation: PreparedSituation, channel: TimedChannel, zoned: ZonedDateTime, t: number): number | undefined {
  const weekly = situation.windows ?? situation.profile.windows[channel];
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
    if (!callPlacedWithin(situation.calls, callbackAt, t)) return true;
  }
  return false;
}

function callPlacedWithin(calls: readonly LocalAttempt[], from: number, until: number): boolean {
  for (const call of calls) if (call.at >= from && call.at < until) return true;
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

function isSuspendedAt(suspension: PreparedSuspension, t: number): boolean {
  return suspension.from <= t && t < suspension.until;
}

function pushSuspensions(situation: PreparedSituation, t: number, verdict: Verdict): void {
  const { suspensions } = situation;
  let anyActive = false;
  for (const suspension of suspensions) if (isSuspendedAt(suspension, t)) anyActive = true;
  if (!anyActive) return;
  // Until every suspension is over, chaining the ones that overlap.
  let release = t;
  for (let changed = true; changed;) {
    changed = false;
    for (const suspension of suspensions) {
      if (suspension.from <= release && release < suspension.until) {
        release = suspension.until;
        changed = true;
      }
    }
  }
  const { rules } = situation;
  // One reason per kind, in the order the active suspensions are given (the lists are a few items long).
  for (let index = 0; index < suspensions.length; index += 1) {
    const suspension = suspensions[index] as PreparedSuspension;
    if (!isSuspendedAt(suspension, t) || activeEarlier(suspensions, index, t)) continue;
    verdict.block(suspension.kind === 'over-indebtedness' ? rules.rules['over-indebtedness'] : rules.suspended[suspension.kind], release);
  }
}

/** Whether an active suspension of the same kind comes before `index` (its reason is then already given). */
function activeEarlier(suspensions: readonly PreparedSuspension[], index: number, t: number): boolean {
  const kind = (suspensions[index] as PreparedSuspension).kind;
  for (let earlier = 0; earlier < index; earlier += 1) {
    const suspension = suspensions[earlier] as PreparedSuspension;
    if (suspension.kind === kind && isSuspendedAt(suspension, t)) return true;
  }
  return false;
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
