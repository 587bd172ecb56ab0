import { caseStatuses, isCollectable, type CaseStatus } from '../case/case-status.ts';
import { normalizePhone, resolveTerritory } from '../calendar/index.ts';
import {
  addLocalDays, localEpochDay, MAX_EPOCH_MS, MIN_EPOCH_MS, MS_PER_DAY, parseCanonicalUtc, parseCivilDateToEpochDay, parseLocalTime, readInstantInput, startOfLocalDay,
} from '../time/index.ts';
import { profileRules, type ProfileRules } from './rule-catalogue.ts';
import { contactProfiles, type ContactProfile, type PeriodCounting, type RollingCap, type TimedChannel, type WeeklyWindows } from './profiles.ts';
import {
  channels, profileIds, purposes, suspensionKinds,
  type Channel, type ContactAttempt, type InstantInput, type ProfileId, type Purpose, type QuietHours, type Situation, type Suspension, type SuspensionKind,
} from './situation.ts';

/** An attempt that counts toward a cap: when it happened and when it stops counting. */
export interface CountedAttempt {
  readonly at: number;
  readonly expires: number;
}

export interface CapCounter {
  readonly cap: RollingCap;
  /** The weekly call cap comes before the post-conversation pause in the rule list, the other caps after it. */
  readonly beforePause: boolean;
  /**
   * In no particular order: the rules count them, they do not walk them in time. Empty when fewer
   * attempts count than the cap's maximum: such a cap cannot be reached at any instant.
   */
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
  readonly timedChannel: TimedChannel | undefined;
  /** The contact hours of the timed channel, by weekday. */
  readonly windows: WeeklyWindows | undefined;
  readonly purpose: Purpose;
  readonly profile: ContactProfile;
  /** The profile's reasons (kind, citation, messages), looked up once. */
  readonly rules: ProfileRules;
  readonly territory: string;
  readonly timeZone: string;
  readonly caseOpen: boolean;
  /** Epoch day of the last day before the claim is time-barred. */
  readonly limitationLastDay: number | null;
  readonly suspensions: readonly PreparedSuspension[];
  readonly writtenOnly: boolean;
  readonly optedOut: boolean;
  readonly wrongNumber: boolean;
  readonly quietIntervals: readonly DayInterval[];
  /** Start of the local day from which the notice delay is over (R124-4 letter + N days). */
  readonly noticeDelayEnds: number | null;
  /** Call attempts with their local day, for the daily cap and the callback exception (in no particular order). */
  readonly calls: readonly LocalAttempt[];
  /** The caps of the decision's channel, when caps apply to it (a collection contact on a timed channel). */
  readonly capCounters: readonly CapCounter[];
  /** Conversations with the end of the pause each one starts (in no particular order). */
  readonly pauses: readonly CountedAttempt[];
  /** Callback times the debtor asked for, sorted: the rules look for the first one after an instant. */
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
function parseField<T, V>(parse: (value: V) => T, text: V, list: string, index = -1, field?: string): T {
  try {
    return parse(text);
  } catch (error) {
    throw fieldError(fieldPath(list, index, field), error);
  }
}

/**
 * An instant field: epoch milliseconds (the in-process form) checked as they are, the canonical UTC
 * form through the fast reader, anything else (offsets, bad input) through the general reader, which
 * also names the field in its error.
 */
function instantField(value: InstantInput, list: string, index = -1, field?: string): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= MIN_EPOCH_MS && value <= MAX_EPOCH_MS) return value;
  } else if (typeof value === 'string') {
    const fast = parseCanonicalUtc(value);
    if (fast !== undefined) return fast;
  }
  return parseField(readInstantInput, value, list, index, field);
}

/**
 * Whether an optional instant field holds an instant: null, absent and an empty string mean none (as
 * they always have for strings), while every number is an instant to check — 0 is 1970-01-01, and NaN
 * must be refused, not read as "none".
 */
export function isGivenInstant(value: InstantInput | null | undefined): value is InstantInput {
  return typeof value === 'number' || Boolean(value);
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
function quietIntervalsOf(quietHours: readonly QuietHours[] | null | undefined): readonly DayInterval[] {
  if (!quietHours || quietHours.length === 0) return none;
  const intervals: DayInterval[] = [];
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

/** Lists are usually empty: they share this one instead of each allocating their own. */
const none: readonly never[] = [];

function ascending(a: number, b: number): number {
  return a - b;
}

/** Sorted; most lists are empty, have one item or come in order, and need no sort call. */
function sortedAscending(list: number[]): number[] {
  for (let index = 1; index < list.length; index += 1) {
    if ((list[index - 1] as number) > (list[index] as number)) return list.sort(ascending);
  }
  return list;
}

export function prepareSituation(situation: Situation<InstantInput>): PreparedSituation {
  const at = instantField(situation.at, 'at');
  if (situation.channel === undefined || situation.channel === null) throw new RangeError('channel: required');
  const channel = knownChannel(situation.channel) ?? oneOf(situation.channel, channels, 'call', 'channel');
  const purpose = situation.purpose === 'collection' ? 'collection' : oneOf(situation.purpose, purposes, 'collection', 'purpose');
  const profileId = situation.profile === 'fr-amiable' ? 'fr-amiable' : oneOf(situation.profile, profileIds, 'fr-amiable', 'profile');
  const plan = channelPlans[profileId][channel];
  const profile = plan.profile;
  const debtor = situation.debtor ?? {};
  const location = locate(debtor);
  const timeZone = location.timeZone;
  const caseInfo = situation.case ?? {};
  const status: CaseStatus = caseInfo.status === 'active' ? 'active' : oneOf(caseInfo.status, caseStatuses, 'active', 'case.status');
  const noticeSentAt = isGivenInstant(caseInfo.noticeSentAt) ? instantField(caseInfo.noticeSentAt, 'case.noticeSentAt') : null;
  const limitationLastDay = caseInfo.limitationExpiresOn
    ? parseField(parseCivilDateToEpochDay, caseInfo.limitationExpiresOn, 'case.limitationExpiresOn')
    : null;

  const suspensionList = situation.suspensions ?? none;
  // The shared empty list when there are none: the loop below then pushes nothing into it.
  const suspensions: PreparedSuspension[] = suspensionList.length === 0 ? none as never[] : [];
  for (let index = 0; index < suspensionList.length; index += 1) {
    const suspension = suspensionList[index] as Suspension<InstantInput>;
    suspensions.push({
      kind: oneOf(suspension.kind, suspensionKinds, 'dispute', 'suspensions', index, 'kind'),
      from: instantField(suspension.from, 'suspensions', index, 'from'),
      until: isGivenInstant(suspension.until) ? instantField(suspension.until, 'suspensions', index, 'until') : Infinity,
    });
  }

  const preferences = situation.preferences ?? {};
  const optOutList = preferences.optOut ?? none;
  let optedOut = false;
  for (let index = 0; index < optOutList.length; index += 1) {
    if ((knownChannel(optOutList[index]) ?? oneOf(optOutList[index], channels, 'call', 'preferences.optOut', index)) === channel) optedOut = true;
  }
  const usesPhone = channel === 'call' || channel === 'sms';
  const wrongNumbers = preferences.wrongNumbers ?? none;
  let wrongNumber = false;
  if (usesPhone && debtor.phone && wrongNumbers.length > 0) {
    const phone = normalizePhone(debtor.phone);
    for (const number of wrongNumbers) if (normalizePhone(number) === phone) wrongNumber = true;
  }

  // Caps, pauses and callbacks apply to collection contacts on a timed channel only (evaluate-rules):
  // the plan of a letter counts no channel, and neither does a contact that is not for collection.
  const history = readHistory(situation.history ?? none, at, timeZone, profile, caseInfo.id ?? undefined, purpose === 'collection' ? plan : noCounting);

  return {
    id: situation.id ?? undefined,
    at,
    timedChannel: plan.timedChannel,
    windows: plan.windows,
    purpose,
    profile,
    rules: plan.rules,
    territory: location.territory,
    timeZone,
    caseOpen: isCollectable(status),
    limitationLastDay,
    suspensions,
    writtenOnly: usesPhone && preferences.writtenOnly === true,
    optedOut,
    wrongNumber,
    quietIntervals: channel === 'letter' ? none : quietIntervalsOf(preferences.quietHours),
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

/** A profile's caps on one channel. */
function capsOf(profile: ContactProfile, channel: TimedChannel): readonly RollingCap[] {
  const caps = profile.rollingCaps.filter((cap) => cap.channel === channel);
  // readHistory keeps one list per cap in two variables, not an array of lists.
  if (caps.length > 2) throw new Error(`profile ${profile.id}: at most two rolling caps per channel are supported`);
  return caps;
}

/**
 * How old an attempt may be and still count for something (the daily cap looks two days back, the
 * pause and the caps their period plus two days): older ones are read and validated, nothing more.
 */
function horizonOf(profile: ContactProfile): number {
  let days = 2;
  if (profile.conversationPause) days = Math.max(days, profile.conversationPause.days + 2);
  for (const cap of profile.rollingCaps) days = Math.max(days, cap.days + 2);
  return days * MS_PER_DAY;
}

/**
 * The part of a contact history that can change a decision taken at `at`, or at any later instant,
 * under `profile` (epoch ms): every attempt at or after `attemptsFrom`, and, older than that, only the
 * attempts carrying a callback time at or after `callbacksFrom`. Anything else can be left out of the
 * situation — a database can read a range of its (debtor, at) index instead of the debtor's whole
 * past — and `decideContact` gives the same decision, reasons and next allowed instant (property test
 * in decide-contact.property.test.ts). Why, rule by rule (readHistory below reads nothing else):
 * - the daily cap counts calls of the local day, and a callback is used up by a call placed since its
 *   time: both read calls at most 2 days old;
 * - the post-conversation pause (7 days; us-regf: 12 CFR 1006.14(b)(2)(ii)) and every rolling cap (the
 *   French profiles' 3 calls, 2 SMS, 2 e-mails in 7 days; fr-d223-9's 4 calls in 30 days, C. consom.
 *   D223-9; us-regf's 7 calls in 7 days per debt, 1006.14(b)(2)(i)) count an attempt for its period,
 *   at most a day longer in local time (a DST change, a 'calendar-days' period started late in a
 *   day): the engine reads attempts up to the period plus 2 days old (`horizonOf`) and skips older
 *   ones — 9 days for fr-amiable and us-regf, 32 for fr-d223-9;
 * - a callback time the debtor asked for lets a call through whatever the age of the attempt that
 *   recorded it, until `callbackGraceMs` (30 minutes) after it: those attempts are kept while
 *   `callbackAt + grace` has not passed;
 * - the search for the next allowed instant only moves forward from `at`, with what was read at `at`;
 *   a decision at a later instant reads a subset of what is kept for `at`.
 * Attempts are still validated by the engine when given; rows a database wrote are valid by construction.
 */
export interface HistoryHorizon {
  readonly attemptsFrom: number;
  readonly callbacksFrom: number;
}

export function historyHorizon(profile: ProfileId, at: number): HistoryHorizon {
  const rules = contactProfiles[profile];
  return { attemptsFrom: at - historyReadings[profile].horizonMs, callbacksFrom: at - rules.callbackGraceMs };
}

/** What reading a history needs of each profile, derived once when the module loads. */
interface HistoryReading {
  readonly horizonMs: number;
  readonly caps: Readonly<Record<TimedChannel, readonly RollingCap[]>>;
  /** The counters of each channel's caps when no attempt counts toward them, shared by those decisions. */
  readonly emptyCounters: Readonly<Record<TimedChannel, readonly CapCounter[]>>;
}
const counterOf = (cap: RollingCap, attempts: readonly CountedAttempt[]): CapCounter => ({ cap, beforePause: cap.rule === 'weekly-cap', attempts });
const emptyCountersOf = (caps: readonly RollingCap[]): readonly CapCounter[] => caps.map((cap) => counterOf(cap, none));
const historyReadings = Object.fromEntries(profileIds.map((id): [ProfileId, HistoryReading] => {
  const profile = contactProfiles[id];
  const caps = { call: capsOf(profile, 'call'), sms: capsOf(profile, 'sms'), email: capsOf(profile, 'email') };
  const emptyCounters = { call: emptyCountersOf(caps.call), sms: emptyCountersOf(caps.sms), email: emptyCountersOf(caps.email) };
  return [id, { horizonMs: horizonOf(profile), caps, emptyCounters }];
})) as Readonly<Record<ProfileId, HistoryReading>>;

/**
 * What a decision needs of its profile and channel, built once per pair when the module loads and
 * looked up once per decision, instead of one lookup by name per field (profile, rule texts, contact
 * hours, caps, their empty counters, how far back attempts count).
 */
export interface ChannelPlan {
  readonly profile: ContactProfile;
  readonly rules: ProfileRules;
  readonly timedChannel: TimedChannel | undefined;
  readonly windows: WeeklyWindows | undefined;
  /** The channel whose attempts count toward the caps, the pause and callbacks; undefined when none count. */
  readonly countedChannel: TimedChannel | undefined;
  readonly caps: readonly RollingCap[];
  readonly emptyCounters: readonly CapCounter[];
  readonly horizonMs: number;
}

function channelPlan(id: ProfileId, channel: Channel): ChannelPlan {
  const profile = contactProfiles[id];
  const reading = historyReadings[id];
  const timed = channel === 'letter' ? undefined : channel;
  return {
    profile, rules: profileRules[id], timedChannel: timed, windows: timed === undefined ? undefined : profile.windows[timed],
    countedChannel: timed, caps: timed === undefined ? noCaps : reading.caps[timed],
    emptyCounters: timed === undefined ? none : reading.emptyCounters[timed], horizonMs: reading.horizonMs,
  };
}

const channelPlans = Object.fromEntries(profileIds.map((id) => [id, Object.fromEntries(channels.map((channel) => [channel, channelPlan(id, channel)]))])) as
  Readonly<Record<ProfileId, Readonly<Record<Channel, ChannelPlan>>>>;

/** The plan of a profile and channel (exported for the test that checks it against the profile's own data). */
export function channelPlanOf(profile: ProfileId, channel: Channel): ChannelPlan {
  return channelPlans[profile][channel];
}

/** For a contact that is not for collection: no attempt counts toward anything (readHistory reads only its counting fields). */
const noCounting: ChannelPlan = {
  profile: contactProfiles['fr-amiable'], rules: profileRules['fr-amiable'], timedChannel: undefined, windows: undefined,
  countedChannel: undefined, caps: noCaps, emptyCounters: none, horizonMs: 0,
};

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
  history: readonly ContactAttempt<InstantInput>[], at: number, timeZone: string, profile: ContactProfile, caseId: string | undefined,
  plan: ChannelPlan,
): ReadHistory {
  let calls: LocalAttempt[] | undefined;
  let callbacks: number[] | undefined;
  let pauses: CountedAttempt[] | undefined;
  // One list per cap on the counted channel (at most two); the other caps cannot block this decision.
  const countedChannel = plan.countedChannel;
  const caps = plan.caps;
  const firstCap = caps[0];
  const secondCap = caps[1];
  // When each attempt toward a cap happened; when it stops counting is worked out at the end, and only
  // for a cap that has at least its maximum of them (the others cannot be reached at any instant).
  let firstCountedAt: number[] | undefined;
  let secondCountedAt: number[] | undefined;
  const horizon = plan.horizonMs;
  const pause = countedChannel === 'call' ? profile.conversationPause : null;
  const callbackGraceMs = profile.callbackGraceMs;
  for (let index = 0; index < history.length; index += 1) {
    const attempt = history[index] as ContactAttempt<InstantInput>;
    const attemptChannel = knownChannel(attempt.channel) ?? oneOf(attempt.channel, channels, 'call', 'history', index, 'channel');
    const attemptAt = instantField(attempt.at, 'history', index, 'at');
    const callbackText = attempt.callbackAt;
    if (isGivenInstant(callbackText)) {
      const callbackAt = instantField(callbackText, 'history', index, 'callbackAt');
      if (countedChannel === 'call' && callbackAt + callbackGraceMs >= at) (callbacks ??= []).push(callbackAt);
    }
    // A receipt or confirmation does not use up the debtor's contact budget.
    const purpose = attempt.purpose;
    if (purpose !== undefined && purpose !== 'collection'
      && oneOf(purpose, purposes, 'collection', 'history', index, 'purpose') === 'information') continue;
    // Every attempt is validated above; only the decision's own channel counts toward its caps
    // (each cap, the daily cap and the pause are per channel), and only when caps apply at all.
    const age = at - attemptAt;
    if (attemptChannel !== countedChannel || age > horizon) continue;
    if (attemptChannel === 'call') {
      if (age <= 2 * MS_PER_DAY) (calls ??= []).push({ at: attemptAt, epochDay: localEpochDay(attemptAt, timeZone) });
      if (pause !== null && attempt.outcome === 'conversation' && age <= (pause.days + 2) * MS_PER_DAY) {
        (pauses ??= []).push({ at: attemptAt, expires: periodEnd(attemptAt, pause.days, pause.counting, timeZone) });
      }
    }
    if (firstCap !== undefined && countsFor(firstCap, age, caseId, attempt)) {
      (firstCountedAt ??= []).push(attemptAt);
    }
    if (secondCap !== undefined && countsFor(secondCap, age, caseId, attempt)) {
      (secondCountedAt ??= []).push(attemptAt);
    }
  }
  // Lists of the exact length, or the shared counters when nothing counts (the usual case).
  const capCounters: readonly CapCounter[] = countedChannel === undefined ? none
    : !canReach(firstCap, firstCountedAt) && !canReach(secondCap, secondCountedAt) ? plan.emptyCounters
    : secondCap === undefined ? [counterOf(firstCap as RollingCap, countedAttempts(firstCap as RollingCap, firstCountedAt, timeZone))]
    : [counterOf(firstCap as RollingCap, countedAttempts(firstCap as RollingCap, firstCountedAt, timeZone)),
      counterOf(secondCap, countedAttempts(secondCap, secondCountedAt, timeZone))];
  return {
    calls: calls ?? none,
    capCounters,
    pauses: pauses ?? none,
    callbacks: callbacks === undefined ? none : sortedAscending(callbacks),
  };
}

/** Whether a cap has at least its maximum of counted attempts: with fewer, no instant can reach it. */
function canReach(cap: RollingCap | undefined, countedAt: readonly number[] | undefined): boolean {
  return cap !== undefined && countedAt !== undefined && countedAt.length >= cap.max;
}

/** The attempts toward a cap that can be reached, with the end of each one's period; none otherwise. */
function countedAttempts(cap: RollingCap, countedAt: readonly number[] | undefined, timeZone: string): readonly CountedAttempt[] {
  if (!canReach(cap, countedAt)) return none;
  const attempts: CountedAttempt[] = [];
  for (const at of countedAt as readonly number[]) attempts.push({ at, expires: periodEnd(at, cap.days, cap.counting, timeZone) });
  return attempts;
}

/** Whether an attempt of the cap's channel, `age` ms before the decision, can still count toward it. */
function countsFor(cap: RollingCap, age: number, caseId: string | undefined, attempt: ContactAttempt<InstantInput>): boolean {
  if (age > (cap.days + 2) * MS_PER_DAY) return false;
  return !(cap.perDebt && caseId !== undefined && attempt.caseId && attempt.caseId !== caseId);
}
