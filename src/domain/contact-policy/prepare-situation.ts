import { caseStatuses, isCollectable, type CaseStatus } from '../case/case-status.ts';
import { normalizePhone, resolveTerritory } from '../calendar/index.ts';
import {
  addLocalDays, localEpochDay, MS_PER_DAY, parseCanonicalUtc, parseCivilDate, parseInstantToEpochMs, parseLocalTime, startOfLocalDay, toEpochDay,
} from '../time/index.ts';
import { contactProfiles, type ContactProfile, type PeriodCounting, type RollingCap, type TimedChannel } from './profiles.ts';
import {
  channels, profileIds, purposes, suspensionKinds,
  type Channel, type ContactAttempt, type ProfileId, type Purpose, type QuietHours, type Situation, type Suspension, type SuspensionKind,
} from './situation.ts';

/** An attempt that counts toward a cap: when it happened and when it stops counting. */
export interface CountedAttempt {
  readonly at: number;
  readonly expires: number;
}

export interface CapCounter {
  readonly cap: RollingCap;
  /** Sorted by `at`. */
  readonly attempts: readonly CountedAttempt[];
}

export interface LocalAttempt {
  readonly at: number;
  readonly epochDay: number;
}

export interface PreparedSuspension {
  readonly kind: SuspensionKind;
  readonly from: number;
  /** Infinity when open-ended. */
  readonly until: number;
}

/** A quiet interval within one local day, [from, to) in ms since midnight. */
export interface DayInterval {
  readonly from: number;
  readonly to: number;
}

/** A situation parsed once, so the search for the next allowed instant re-reads nothing. */
export interface PreparedSituation {
  readonly id: string | undefined;
  readonly at: number;
  readonly channel: Channel;
  readonly timedChannel: TimedChannel | undefined;
  readonly purpose: Purpose;
  readonly profileId: ProfileId;
  readonly profile: ContactProfile;
  readonly territory: string;
  readonly timeZone: string;
  readonly caseOpen: boolean;
  readonly noticeSentAt: number | null;
  /** Epoch day of the last day before the claim is time-barred. */
  readonly limitationLastDay: number | null;
  readonly suspensions: readonly PreparedSuspension[];
  readonly writtenOnly: boolean;
  readonly optedOut: boolean;
  readonly wrongNumber: boolean;
  readonly quietIntervals: readonly DayInterval[];
  /** Start of the local day from which the notice delay is over (R124-4 letter + N days). */
  readonly noticeDelayEnds: number | null;
  /** Call attempts with their local day, sorted, for the daily cap and the callback exception. */
  readonly calls: readonly LocalAttempt[];
  readonly capCounters: readonly CapCounter[];
  /** Conversations with the end of the pause each one starts, sorted by start. */
  readonly pauses: readonly CountedAttempt[];
  /** Callback times the debtor asked for, sorted. */
  readonly callbacks: readonly number[];
}

/**
 * A field's path, built only when there is an error to report: 'history', 3, 'at' → 'history[3].at'.
 * Building it for every field of every decision would be most of the garbage a decision makes.
 */
function fieldPath(list: string, index: number, field?: string): string {
  return index < 0 ? list : `${list}[${String(index)}]${field === undefined ? '' : `.${field}`}`;
}

function fieldError(path: string, error: unknown): RangeError {
  return new RangeError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Runs a parser and names the field in its error, so a bad line says where the problem is. The
 * parser is passed by reference, not wrapped in a closure: this runs a dozen times per decision.
 */
function parseField<T>(parse: (text: string) => T, text: string, list: string, index = -1, field?: string): T {
  try {
    return parse(text);
  } catch (error) {
    throw fieldError(fieldPath(list, index, field), error);
  }
}

const epochDayOfDate = (text: string): number => toEpochDay(parseCivilDate(text));

/**
 * An instant field: the canonical UTC form through the fast reader, anything else (offsets, bad
 * input) through the general parser, which also names the field in its error.
 */
function instantField(text: string, list: string, index = -1, field?: string): number {
  const fast = typeof text === 'string' ? parseCanonicalUtc(text) : undefined;
  return fast ?? parseField(parseInstantToEpochMs, text, list, index, field);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, list: string, index = -1, field?: string): T {
  if (value === undefined || value === null) return fallback;
  for (let position = 0; position < allowed.length; position += 1) if (allowed[position] === value) return value as T;
  throw new RangeError(`${fieldPath(list, index, field)}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

function periodEnd(at: number, days: number, counting: PeriodCounting, timeZone: string): number {
  return counting === 'same-clock-time'
    ? addLocalDays(at, days, timeZone)
    : startOfLocalDay(localEpochDay(at, timeZone) + days, timeZone);
}

/** Splits quiet hours into same-day intervals; 22:00–07:00 becomes [22:00, 24:00) and [00:00, 07:00). */
function quietIntervalsOf(quietHours: readonly QuietHours[] | null | undefined): DayInterval[] {
  const intervals: DayInterval[] = [];
  if (!quietHours) return intervals;
  for (let index = 0; index < quietHours.length; index += 1) {
    const quiet = quietHours[index] as QuietHours;
    const from = parseField(parseLocalTime, quiet.from, 'preferences.quietHours', index, 'from');
    const to = parseField(parseLocalTime, quiet.to, 'preferences.quietHours', index, 'to');
    if (from === to) throw new RangeError(`${fieldPath('preferences.quietHours', index)}: from and to must differ`);
    if (from < to) intervals.push({ from, to });
    else intervals.push({ from, to: 86_400_000 }, { from: 0, to });
  }
  return intervals;
}

function locate(debtor: Situation['debtor']): ReturnType<typeof resolveTerritory> {
  try {
    return resolveTerritory(debtor);
  } catch (error) {
    throw fieldError('debtor', error);
  }
}

function countersOf(caps: readonly RollingCap[], attempts: readonly (readonly CountedAttempt[])[]): CapCounter[] {
  const counters: CapCounter[] = [];
  for (let index = 0; index < caps.length; index += 1) {
    counters.push({ cap: caps[index] as RollingCap, attempts: attempts[index] ?? [] });
  }
  return counters;
}

function byTime(a: { readonly at: number }, b: { readonly at: number }): number {
  return a.at - b.at;
}

function ascending(a: number, b: number): number {
  return a - b;
}

export function prepareSituation(situation: Situation): PreparedSituation {
  const at = instantField(situation.at, 'at');
  if (situation.channel === undefined || situation.channel === null) throw new RangeError('channel: required');
  const channel = knownChannel(situation.channel) ?? oneOf(situation.channel, channels, 'call', 'channel');
  const purpose = situation.purpose === 'collection' ? 'collection' : oneOf(situation.purpose, purposes, 'collection', 'purpose');
  const profileId = situation.profile === 'fr-amiable' ? 'fr-amiable' : oneOf(situation.profile, profileIds, 'fr-amiable', 'profile');
  const profile = contactProfiles[profileId];
  const debtor = situation.debtor ?? {};
  const location = locate(debtor);
  const timeZone = location.timeZone;
  const caseInfo = situation.case ?? {};
  const status: CaseStatus = caseInfo.status === 'active' ? 'active' : oneOf(caseInfo.status, caseStatuses, 'active', 'case.status');
  const noticeSentAt = caseInfo.noticeSentAt ? instantField(caseInfo.noticeSentAt, 'case.noticeSentAt') : null;
  const limitationLastDay = caseInfo.limitationExpiresOn
    ? parseField(epochDayOfDate, caseInfo.limitationExpiresOn, 'case.limitationExpiresOn')
    : null;

  const suspensions: PreparedSuspension[] = [];
  const suspensionList = situation.suspensions ?? [];
  for (let index = 0; index < suspensionList.length; index += 1) {
    const suspension = suspensionList[index] as Suspension;
    suspensions.push({
      kind: oneOf(suspension.kind, suspensionKinds, 'dispute', 'suspensions', index, 'kind'),
      from: instantField(suspension.from, 'suspensions', index, 'from'),
      until: suspension.until ? instantField(suspension.until, 'suspensions', index, 'until') : Infinity,
    });
  }

  const preferences = situation.preferences ?? {};
  const optOutList = preferences.optOut ?? [];
  let optedOut = false;
  for (let index = 0; index < optOutList.length; index += 1) {
    if ((knownChannel(optOutList[index]) ?? oneOf(optOutList[index], channels, 'call', 'preferences.optOut', index)) === channel) optedOut = true;
  }
  const usesPhone = channel === 'call' || channel === 'sms';
  const wrongNumbers = preferences.wrongNumbers ?? [];
  let wrongNumber = false;
  if (usesPhone && debtor.phone && wrongNumbers.length > 0) {
    const phone = normalizePhone(debtor.phone);
    for (const number of wrongNumbers) if (normalizePhone(number) === phone) wrongNumber = true;
  }

  // Caps, pauses and callbacks apply to collection contacts on a timed channel only (evaluate-rules).
  const capsApply = channel !== 'letter' && purpose === 'collection';
  const history = readHistory(situation.history ?? [], at, timeZone, profile, caseInfo.id ?? undefined, capsApply ? channel : undefined);

  return {
    id: situation.id ?? undefined,
    at,
    channel,
    timedChannel: channel === 'letter' ? undefined : channel,
    purpose,
    profileId,
    profile,
    territory: location.territory,
    timeZone,
    caseOpen: isCollectable(status),
    noticeSentAt,
    limitationLastDay,
    suspensions,
    writtenOnly: usesPhone && preferences.writtenOnly === true,
    optedOut,
    wrongNumber,
    quietIntervals: channel === 'letter' ? [] : quietIntervalsOf(preferences.quietHours),
    noticeDelayEnds: noticeSentAt === null ? null
      : startOfLocalDay(localEpochDay(noticeSentAt, timeZone) + profile.noticeDelayDays, timeZone),
    calls: history.calls,
    capCounters: history.capCounters,
    pauses: history.pauses,
    callbacks: history.callbacks,
  };
}

/** The channel when it is spelled exactly; undefined sends the value through the checking path. */
function knownChannel(value: unknown): Channel | undefined {
  switch (value) {
    case 'call': return 'call';
    case 'sms': return 'sms';
    case 'email': return 'email';
    case 'letter': return 'letter';
    default: return undefined;
  }
}

const noCaps: readonly RollingCap[] = [];
const capsByChannel = new Map<ContactProfile, Map<TimedChannel, readonly RollingCap[]>>();

/** A profile's caps on one channel, computed once. */
function capsOn(profile: ContactProfile, channel: TimedChannel): readonly RollingCap[] {
  let byChannel = capsByChannel.get(profile);
  if (!byChannel) {
    byChannel = new Map();
    capsByChannel.set(profile, byChannel);
  }
  let caps = byChannel.get(channel);
  if (!caps) {
    caps = profile.rollingCaps.filter((cap) => cap.channel === channel);
    byChannel.set(channel, caps);
  }
  return caps;
}

const horizons = new Map<ContactProfile, number>();

/**
 * How old an attempt may be and still count for something (the daily cap looks two days back, the
 * pause and the caps their period plus two days): older ones are read and validated, nothing more.
 */
function historyHorizonMs(profile: ContactProfile): number {
  let horizon = horizons.get(profile);
  if (horizon === undefined) {
    let days = 2;
    if (profile.conversationPause) days = Math.max(days, profile.conversationPause.days + 2);
    for (const cap of profile.rollingCaps) days = Math.max(days, cap.days + 2);
    horizon = days * MS_PER_DAY;
    horizons.set(profile, horizon);
  }
  return horizon;
}

interface ReadHistory {
  readonly calls: readonly LocalAttempt[];
  readonly capCounters: readonly CapCounter[];
  readonly pauses: readonly CountedAttempt[];
  readonly callbacks: readonly number[];
}

/**
 * The attempts that matter from `at` on: calls of the last two days (daily cap, callback use),
 * conversations still pausing calls, attempts still counting toward a cap, callback windows not over.
 * An attempt more than a period (plus a day for DST and calendar-day counting) before `at` has rolled
 * off every cap by `at`, so the zone arithmetic is skipped for it. Only attempts on `countedChannel`
 * (the decision's channel, when caps apply to it) are counted; every attempt is still validated.
 */
function readHistory(
  history: readonly ContactAttempt[], at: number, timeZone: string, profile: ContactProfile, caseId: string | undefined,
  countedChannel: TimedChannel | undefined,
): ReadHistory {
  const calls: LocalAttempt[] = [];
  const callbacks: number[] = [];
  const pauses: CountedAttempt[] = [];
  // One list per cap on the counted channel; the other caps cannot block this decision.
  const caps = countedChannel === undefined ? noCaps : capsOn(profile, countedChannel);
  const capCounters: CountedAttempt[][] = caps.map(() => []);
  const horizon = historyHorizonMs(profile);
  for (let index = 0; index < history.length; index += 1) {
    const attempt = history[index] as ContactAttempt;
    const attemptChannel = knownChannel(attempt.channel) ?? oneOf(attempt.channel, channels, 'call', 'history', index, 'channel');
    const attemptAt = instantField(attempt.at, 'history', index, 'at');
    if (attempt.callbackAt) {
      const callbackAt = instantField(attempt.callbackAt, 'history', index, 'callbackAt');
      if (countedChannel === 'call' && callbackAt + profile.callbackGraceMs >= at) callbacks.push(callbackAt);
    }
    // A receipt or confirmation does not use up the debtor's contact budget.
    if (attempt.purpose !== undefined && attempt.purpose !== 'collection'
      && oneOf(attempt.purpose, purposes, 'collection', 'history', index, 'purpose') === 'information') continue;
    // Every attempt is validated above; only the decision's own channel counts toward its caps
    // (each cap, the daily cap and the pause are per channel), and only when caps apply at all.
    const age = at - attemptAt;
    if (attemptChannel !== countedChannel || age > horizon) continue;
    if (attemptChannel === 'call') {
      if (age <= 2 * MS_PER_DAY) calls.push({ at: attemptAt, epochDay: localEpochDay(attemptAt, timeZone) });
      const pause = profile.conversationPause;
      if (attempt.outcome === 'conversation' && pause && age <= (pause.days + 2) * MS_PER_DAY) {
        pauses.push({ at: attemptAt, expires: periodEnd(attemptAt, pause.days, pause.counting, timeZone) });
      }
    }
    for (let capIndex = 0; capIndex < caps.length; capIndex += 1) {
      const cap = caps[capIndex] as RollingCap;
      if (age > (cap.days + 2) * MS_PER_DAY) continue;
      if (cap.perDebt && caseId !== undefined && attempt.caseId && attempt.caseId !== caseId) continue;
      capCounters[capIndex]?.push({ at: attemptAt, expires: periodEnd(attemptAt, cap.days, cap.counting, timeZone) });
    }
  }
  for (const attempts of capCounters) attempts.sort(byTime);
  return {
    calls: calls.sort(byTime),
    capCounters: countersOf(caps, capCounters),
    pauses: pauses.sort(byTime),
    callbacks: callbacks.sort(ascending),
  };
}
