import { hoursMinutes, type IsoWeekday } from '../time/index.ts';
import type { Channel, ProfileId } from './situation.ts';

/** The channels that have contact hours; a letter may be sent any day at any hour. */
export type TimedChannel = Exclude<Channel, 'letter'>;
export const timedChannels: readonly TimedChannel[] = ['call', 'sms', 'email'];

/** A half-open window [from, to) of local wall-clock time, in milliseconds since midnight. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export type WeeklyWindows = Readonly<Record<IsoWeekday, readonly TimeWindow[]>>;

/**
 * How a rolling period is counted:
 * - 'same-clock-time': an attempt counts until the same local clock time N calendar days later
 *   (issue #3: "after the same local clock time 7 calendar days earlier");
 * - 'calendar-days': N consecutive local calendar days, the day of the attempt being day 1
 *   (12 CFR 1006.14(b)(2): "the date of the telephone conversation is the first day").
 */
export type PeriodCounting = 'same-clock-time' | 'calendar-days';

export interface RollingCap {
  readonly rule: 'weekly-cap' | 'sms-cap' | 'email-cap' | 'monthly-cap';
  readonly channel: TimedChannel;
  readonly max: number;
  readonly days: number;
  readonly counting: PeriodCounting;
  /** Count only the attempts about this case (Reg F counts per debt); otherwise all the debtor's. */
  readonly perDebt: boolean;
}

export interface ContactProfile {
  readonly id: ProfileId;
  readonly windows: Readonly<Record<TimedChannel, WeeklyWindows>>;
  readonly noSunday: boolean;
  readonly noPublicHoliday: boolean;
  /** R124-4: no call, SMS or e-mail before the written notice… */
  readonly requiresNotice: boolean;
  /** …nor before the start of this calendar day after the local date it was sent. */
  readonly noticeDelayDays: number;
  readonly dailyCallCap: number | null;
  readonly rollingCaps: readonly RollingCap[];
  readonly conversationPause: { readonly days: number; readonly counting: PeriodCounting } | null;
  /** A call at, or up to this long after, a callback time the debtor asked for escapes caps and pause. */
  readonly callbackGraceMs: number;
}

const window = (fromHour: number, toHour: number): TimeWindow => ({ from: hoursMinutes(fromHour), to: hoursMinutes(toHour) });
const week = (weekdays: readonly TimeWindow[], saturday: readonly TimeWindow[], sunday: readonly TimeWindow[]): WeeklyWindows =>
  ({ 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: saturday, 7: sunday });

// fr-amiable: Monday–Saturday [08:00, 20:00). Policy: no French text sets hours for amicable collection (LEGAL_RULES 1a).
const mondayToSaturday8To20 = week([window(8, 20)], [window(8, 20)], []);
// fr-d223-9: C. conso D223-9 telemarketing windows, Monday–Friday [10:00, 13:00) and [14:00, 20:00).
const d223_9Calls = week([window(10, 13), window(14, 20)], [], []);
// us-regf: 12 CFR 1006.6(b)(1)(i): before 8 a.m. and after 9 p.m. local time are inconvenient.
const every8To21 = week([window(8, 21)], [window(8, 21)], [window(8, 21)]);

const frenchCaps: readonly RollingCap[] = [
  { rule: 'weekly-cap', channel: 'call', max: 3, days: 7, counting: 'same-clock-time', perDebt: false },
  { rule: 'sms-cap', channel: 'sms', max: 2, days: 7, counting: 'same-clock-time', perDebt: false },
  { rule: 'email-cap', channel: 'email', max: 2, days: 7, counting: 'same-clock-time', perDebt: false },
];

const CALLBACK_GRACE_MS = 30 * 60_000;

const frAmiable: ContactProfile = {
  id: 'fr-amiable',
  windows: { call: mondayToSaturday8To20, sms: mondayToSaturday8To20, email: mondayToSaturday8To20 },
  noSunday: true,
  noPublicHoliday: true,
  requiresNotice: true,
  noticeDelayDays: 3,
  dailyCallCap: 1,
  rollingCaps: frenchCaps,
  conversationPause: { days: 7, counting: 'same-clock-time' },
  callbackGraceMs: CALLBACK_GRACE_MS,
};

export const contactProfiles: Readonly<Record<ProfileId, ContactProfile>> = {
  'fr-amiable': frAmiable,
  'fr-d223-9': {
    ...frAmiable,
    id: 'fr-d223-9',
    windows: { ...frAmiable.windows, call: d223_9Calls },
    // D223-9: at most 4 call attempts per 30 calendar days.
    rollingCaps: [...frenchCaps, { rule: 'monthly-cap', channel: 'call', max: 4, days: 30, counting: 'same-clock-time', perDebt: false }],
  },
  'us-regf': {
    id: 'us-regf',
    windows: { call: every8To21, sms: every8To21, email: every8To21 },
    noSunday: false,
    noPublicHoliday: false,
    requiresNotice: false,
    noticeDelayDays: 0,
    dailyCallCap: null,
    // 1006.14(b)(2)(i): more than 7 calls within 7 consecutive days about a particular debt.
    rollingCaps: [{ rule: 'weekly-cap', channel: 'call', max: 7, days: 7, counting: 'calendar-days', perDebt: true }],
    // 1006.14(b)(2)(ii): none within 7 consecutive days after a telephone conversation, its day being day 1.
    conversationPause: { days: 7, counting: 'calendar-days' },
    // 1006.14(b)(3): calls made with the person's prior consent within the past 7 days are excluded.
    callbackGraceMs: CALLBACK_GRACE_MS,
  },
};
