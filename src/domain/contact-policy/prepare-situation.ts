import { caseStatuses, isCollectable, type CaseStatus } from '../case/case-status.ts';
import { normalizePhone, resolveTerritory } from '../calendar/index.ts';
import {
  addLocalDays, parseCivilDate, parseInstantToEpochMs, parseLocalTime, startOfLocalDay, toEpochDay, toZonedDateTime,
} from '../time/index.ts';
import { contactProfiles, type ContactProfile, type PeriodCounting, type RollingCap, type TimedChannel } from './profiles.ts';
import {
  channels, profileIds, purposes, suspensionKinds,
  type Channel, type ProfileId, type Purpose, type QuietHours, type Situation, type SuspensionKind,
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

const fieldError = (field: string, error: unknown): RangeError =>
  new RangeError(`${field}: ${error instanceof Error ? error.message : String(error)}`);

/** Runs a parser and names the field in its error, so a bad line says where the problem is. */
function read<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw fieldError(field, error);
  }
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new RangeError(`${field}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

function periodEnd(at: number, days: number, counting: PeriodCounting, timeZone: string): number {
  return counting === 'same-clock-time'
    ? addLocalDays(at, days, timeZone)
    : startOfLocalDay(toZonedDateTime(at, timeZone).epochDay + days, timeZone);
}

/** Splits quiet hours into same-day intervals; 22:00–07:00 becomes [22:00, 24:00) and [00:00, 07:00). */
function quietIntervalsOf(quietHours: readonly QuietHours[] | null | undefined): DayInterval[] {
  const intervals: DayInterval[] = [];
  (quietHours ?? []).forEach((quiet, index) => {
    const from = read(`preferences.quietHours[${String(index)}].from`, () => parseLocalTime(quiet.from));
    const to = read(`preferences.quietHours[${String(index)}].to`, () => parseLocalTime(quiet.to));
    if (from === to) throw new RangeError(`preferences.quietHours[${String(index)}]: from and to must differ`);
    if (from < to) intervals.push({ from, to });
    else intervals.push({ from, to: 86_400_000 }, { from: 0, to });
  });
  return intervals;
}

export function prepareSituation(situation: Situation): PreparedSituation {
  const at = read('at', () => parseInstantToEpochMs(situation.at));
  const channel = oneOf('channel', situation.channel, channels, 'call');
  if (situation.channel === undefined) throw new RangeError('channel: required');
  const purpose = oneOf('purpose', situation.purpose, purposes, 'collection');
  const profileId = oneOf('profile', situation.profile, profileIds, 'fr-amiable');
  const profile = contactProfiles[profileId];
  const debtor = situation.debtor ?? {};
  const location = read('debtor', () => resolveTerritory(debtor));
  const timeZone = location.timeZone;
  const caseInfo = situation.case ?? {};
  const status: CaseStatus = oneOf('case.status', caseInfo.status, caseStatuses, 'active');
  const noticeSentAt = caseInfo.noticeSentAt ? read('case.noticeSentAt', () => parseInstantToEpochMs(caseInfo.noticeSentAt ?? '')) : null;
  const limitationLastDay = caseInfo.limitationExpiresOn
    ? read('case.limitationExpiresOn', () => toEpochDay(parseCivilDate(caseInfo.limitationExpiresOn ?? '')))
    : null;

  const suspensions = (situation.suspensions ?? []).map((suspension, index): PreparedSuspension => {
    const field = `suspensions[${String(index)}]`;
    const from = read(`${field}.from`, () => parseInstantToEpochMs(suspension.from));
    const until = suspension.until ? read(`${field}.until`, () => parseInstantToEpochMs(suspension.until ?? '')) : Infinity;
    return { kind: oneOf(`${field}.kind`, suspension.kind, suspensionKinds, 'dispute'), from, until };
  });

  const preferences = situation.preferences ?? {};
  const optOut = (preferences.optOut ?? []).map((value, index) => oneOf(`preferences.optOut[${String(index)}]`, value, channels, 'call'));
  const phone = debtor.phone ? normalizePhone(debtor.phone) : undefined;
  const usesPhone = channel === 'call' || channel === 'sms';
  const wrongNumber = usesPhone && phone !== undefined
    && (preferences.wrongNumbers ?? []).some((number) => normalizePhone(number) === phone);

  const calls: LocalAttempt[] = [];
  const callbacks: number[] = [];
  const pauses: CountedAttempt[] = [];
  const counted = new Map<RollingCap, CountedAttempt[]>(profile.rollingCaps.map((cap) => [cap, []]));
  const caseId = caseInfo.id ?? undefined;
  (situation.history ?? []).forEach((attempt, index) => {
    const field = `history[${String(index)}]`;
    const attemptChannel = oneOf(`${field}.channel`, attempt.channel, channels, 'call');
    const attemptAt = read(`${field}.at`, () => parseInstantToEpochMs(attempt.at));
    if (attempt.callbackAt) callbacks.push(read(`${field}.callbackAt`, () => parseInstantToEpochMs(attempt.callbackAt ?? '')));
    // A receipt or confirmation does not use up the debtor's contact budget.
    if (oneOf(`${field}.purpose`, attempt.purpose, purposes, 'collection') === 'information') return;
    if (attemptChannel === 'call') {
      calls.push({ at: attemptAt, epochDay: toZonedDateTime(attemptAt, timeZone).epochDay });
      if (attempt.outcome === 'conversation' && profile.conversationPause) {
        const pause = profile.conversationPause;
        pauses.push({ at: attemptAt, expires: periodEnd(attemptAt, pause.days, pause.counting, timeZone) });
      }
    }
    for (const cap of profile.rollingCaps) {
      if (cap.channel !== attemptChannel) continue;
      if (cap.perDebt && caseId !== undefined && attempt.caseId && attempt.caseId !== caseId) continue;
      counted.get(cap)?.push({ at: attemptAt, expires: periodEnd(attemptAt, cap.days, cap.counting, timeZone) });
    }
  });
  const byTime = (a: { readonly at: number }, b: { readonly at: number }): number => a.at - b.at;

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
    optedOut: optOut.includes(channel),
    wrongNumber,
    quietIntervals: channel === 'letter' ? [] : quietIntervalsOf(preferences.quietHours),
    noticeDelayEnds: noticeSentAt === null ? null
      : startOfLocalDay(toZonedDateTime(noticeSentAt, timeZone).epochDay + profile.noticeDelayDays, timeZone),
    calls: calls.sort(byTime),
    capCounters: profile.rollingCaps.map((cap) => ({ cap, attempts: (counted.get(cap) ?? []).sort(byTime) })),
    pauses: pauses.sort(byTime),
    callbacks: callbacks.sort((a, b) => a - b),
  };
}
