/**
 * The daily plan's question for one case: may this debtor be contacted on the plan date, in their own
 * local day, and on which channel first? Pure: the engine (`decideContact`) answers for each channel
 * in the order of preference, asked at the start of the debtor's local day; its `nextAllowedAt` says
 * whether, and from when, the contact becomes lawful before that day ends. Every rule the engine
 * applies (hours, Sundays and public holidays of the debtor's territory — C. trav. L3133-1 —, the
 * R124-4 notice and its delay, caps, pauses, suspensions, limitation) is therefore applied here by
 * construction, with the same citations; nothing is re-implemented.
 */
import { resolveTerritory } from '../calendar/index.ts';
import {
  addDays, civilDateTimeToEpochMs, localEpochDay, parseCivilDate, parseInstantToEpochMs, readInstantInput, startOfLocalDay, toEpochDay, type CivilDate,
} from '../time/index.ts';
import { decideContact } from './decide-contact.ts';
import { isGivenInstant } from './prepare-situation.ts';
import { contactProfiles } from './profiles.ts';
import { profileIds, type Channel, type InstantInput, type ProfileId, type Reason, type RuleId, type Situation } from './situation.ts';

/**
 * A situation without the instant and the channel: the plan asks for each channel over a whole day.
 * Its instants are strings by default; the plan functions accept epoch milliseconds too (InstantInput).
 */
export type DaySituation<I extends InstantInput = string> = Omit<Situation<I>, 'at' | 'channel'>;

export interface DayPlan {
  /** The first channel, in the order given, on which a contact is lawful some time that day; null: none. */
  readonly channel: Channel | null;
  /** The earliest lawful instant of that day on that channel (ISO 8601, UTC). */
  readonly from: string | null;
  /** Why each channel asked before the chosen one (or every channel, when none) is not lawful that day. */
  readonly refusals: readonly { readonly channel: Channel; readonly rules: readonly RuleId[] }[];
  readonly territory: string;
  readonly timeZone: string;
}

/**
 * The history a plan needs, in days before the plan date: the longest rolling cap or pause of the
 * profile, plus one day (a 'same-clock-time' period started the day before the longest span still
 * counts at the start of the day).
 */
export function historyLookbackDays(profile: ProfileId): number {
  const rules = contactProfiles[profile];
  let days = rules.conversationPause?.days ?? 0;
  for (const cap of rules.rollingCaps) days = Math.max(days, cap.days);
  return days + 1;
}

/** 11:00 local: inside the call windows of fr-amiable (8–20), fr-d223-9 (10–13, 14–20) and us-regf (8–21). */
const REASON_PROBE_MS = 11 * 3_600_000;

export function planContactDay(situation: DaySituation<InstantInput>, date: CivilDate, channels: readonly Channel[]): DayPlan {
  const { territory, timeZone } = resolveTerritory(situation.debtor);
  const dayStart = civilDateTimeToEpochMs(date, 0, timeZone);
  const dayEnd = civilDateTimeToEpochMs(addDays(date, 1), 0, timeZone);
  const refusals: { channel: Channel; rules: RuleId[] }[] = [];
  for (const channel of channels) {
    // The instants the plan asks about are numbers already: given as epoch milliseconds, not re-read from text.
    const decision = decideContact({ ...situation, at: dayStart, channel });
    const next = decision.nextAllowedAt === null ? null : parseInstantToEpochMs(decision.nextAllowedAt);
    if (next !== null && next < dayEnd) {
      return { channel, from: decision.nextAllowedAt, refusals, territory, timeZone };
    }
    // The reasons at local midnight always include the hours; those at 11:00, inside the windows of
    // every profile, name what really forbids the day (a Sunday, a cap, a suspension…).
    const probe = decideContact({ ...situation, at: civilDateTimeToEpochMs(date, REASON_PROBE_MS, timeZone), channel });
    refusals.push({ channel, rules: ruleIdsOf(probe.reasons.length > 0 ? probe.reasons : decision.reasons) });
  }
  return { channel: null, from: null, refusals, territory, timeZone };
}

function ruleIdsOf(reasons: readonly Reason[]): RuleId[] {
  const ids: RuleId[] = [];
  for (const reason of reasons) if (!ids.includes(reason.rule)) ids.push(reason.rule);
  return ids;
}

/**
 * Plans for one date, remembered for the situations that carry nothing of their own: no contact
 * history, no suspension, no preference, no wrong number. For those the engine's answer over the day
 * depends only on what `plainDayKey` keeps, so most of a portfolio (debtors not contacted within the
 * lookback) is decided once per distinct key instead of once per case. Every other situation is
 * decided by `planContactDay` itself. A property test checks memo and engine agree.
 */
export class DayPlanMemo {
  private readonly plans = new Map<string, DayPlan>();
  /** Decisions served from the memo, for the benchmark's figures. */
  hits = 0;

  constructor(private readonly date: CivilDate) {}

  plan(situation: DaySituation<InstantInput>, channels: readonly Channel[]): DayPlan {
    const key = plainDayKey(situation, this.date, channels);
    if (key === null) return planContactDay(situation, this.date, channels);
    const known = this.plans.get(key);
    if (known) {
      this.hits += 1;
      return known;
    }
    const plan = planContactDay(situation, this.date, channels);
    this.plans.set(key, plan);
    return plan;
  }

  get size(): number {
    return this.plans.size;
  }
}

/**
 * What a plain situation's day plan depends on, or null when the situation is not plain. For a plain
 * situation the engine reads: the profile and purpose; where the debtor lives (territory and zone, which
 * decide hours and public holidays; the phone only counts through them, wrong numbers being absent);
 * whether the case is collectable; the R124-4 notice only through the instant its delay ends — one that
 * ended before the local day starts can block no instant of the day —; the limitation only through
 * whether its last day is before the plan date (every instant of the local day has the plan date's
 * local day number). Ids do not enter a day plan (per-debt caps need a history).
 */
export function plainDayKey(situation: DaySituation<InstantInput>, date: CivilDate, channels: readonly Channel[]): string | null {
  if ((situation.history?.length ?? 0) > 0 || (situation.suspensions?.length ?? 0) > 0) return null;
  const p = situation.preferences;
  if (p && (p.writtenOnly === true || (p.optOut?.length ?? 0) > 0 || (p.quietHours?.length ?? 0) > 0 || (p.wrongNumbers?.length ?? 0) > 0)) return null;
  const profileId = situation.profile ?? 'fr-amiable';
  if (!(profileIds as readonly string[]).includes(profileId)) return null;
  const profile = contactProfiles[profileId];
  const { territory, timeZone } = resolveTerritory(situation.debtor);
  // As the engine reads it: an empty string is no notice.
  const notice = situation.case?.noticeSentAt;
  let noticeKey = 'none';
  if (isGivenInstant(notice)) {
    const ends = startOfLocalDay(localEpochDay(readInstantInput(notice), timeZone) + profile.noticeDelayDays, timeZone);
    noticeKey = ends <= civilDateTimeToEpochMs(date, 0, timeZone) ? 'over' : String(ends);
  }
  const limitation = situation.case?.limitationExpiresOn ?? null;
  const limitationKey = limitation === null ? 'none' : toEpochDay(parseCivilDate(limitation)) < toEpochDay(date) ? 'expired' : 'running';
  return [profileId, situation.purpose ?? 'collection', territory, timeZone, situation.case?.status ?? 'active', noticeKey, limitationKey, channels.join(',')].join('|');
}
