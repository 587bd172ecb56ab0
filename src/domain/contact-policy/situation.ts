import type { CaseStatus } from '../case/case-status.ts';

export const channels = ['call', 'sms', 'email', 'letter'] as const;
export type Channel = (typeof channels)[number];

export const purposes = ['collection', 'information'] as const;
export type Purpose = (typeof purposes)[number];

export const profileIds = ['fr-amiable', 'fr-d223-9', 'us-regf'] as const;
export type ProfileId = (typeof profileIds)[number];

export const suspensionKinds = ['dispute', 'documents-requested', 'over-indebtedness', 'deceased', 'vulnerability'] as const;
export type SuspensionKind = (typeof suspensionKinds)[number];

export const attemptOutcomes = ['no_answer', 'voicemail', 'conversation', 'wrong_number', 'sent', 'delivered'] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];

/** The closed list of rule ids a reason can carry (issue #3). */
export const ruleIds = [
  'outside-hours', 'sunday', 'public-holiday', 'notice-not-sent', 'notice-delay', 'daily-cap', 'weekly-cap',
  'post-conversation-pause', 'sms-cap', 'email-cap', 'monthly-cap', 'suspended', 'over-indebtedness',
  'limitation-expired', 'case-closed', 'written-only', 'channel-opt-out', 'wrong-number', 'quiet-hours',
] as const;
export type RuleId = (typeof ruleIds)[number];

/** How binding a rule is: a UI must never present policy as law (DESIGN.md §3.3). */
export const ruleKinds = ['law', 'regulation', 'guidance', 'self-regulation', 'policy'] as const;
export type RuleKind = (typeof ruleKinds)[number];

export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

export interface Reason {
  readonly rule: RuleId;
  readonly kind: RuleKind;
  readonly citation: string;
  readonly message: Bilingual;
}

/**
 * How a situation carries its instants. `string`: ISO 8601 with Z or an offset, the JSON form of the
 * CLI, the API and files. In-process callers that hold a `Date` or a database timestamp may pass its
 * epoch milliseconds instead (`date.getTime()`, an integer from 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999Z): the engine then has no text to read, and answers exactly as it would for
 * the same instants written as strings (docs/rules.md §7). `InstantInput` allows either, field by field.
 */
export type InstantInput = string | number;

export interface Suspension<I extends InstantInput = string> {
  readonly kind: SuspensionKind;
  readonly from: I;
  /** Null or absent: open-ended, only a change of state lifts it. */
  readonly until?: I | null;
}

export interface QuietHours {
  /** 'HH:mm' in the debtor's local time; `from` later than `to` crosses midnight. */
  readonly from: string;
  readonly to: string;
}

export interface ContactAttempt<I extends InstantInput = string> {
  readonly channel: Channel;
  readonly at: I;
  readonly outcome?: AttemptOutcome | null;
  /** A time the debtor asked to be called back at. */
  readonly callbackAt?: I | null;
  /** The case the attempt was about; us-regf caps count per debt. Absent: counted for every case. */
  readonly caseId?: string | null;
  /** Information messages (receipts…) do not count toward caps. Default 'collection'. */
  readonly purpose?: Purpose | null;
}

/**
 * What decideContact is asked: may this contact happen at `at`? `Situation` carries its instants as
 * strings (the JSON form); `Situation<number>` as epoch milliseconds, `Situation<InstantInput>` either.
 */
export interface Situation<I extends InstantInput = string> {
  readonly id?: string | null;
  readonly at: I;
  readonly channel: Channel;
  readonly purpose?: Purpose | null;
  readonly profile?: ProfileId | null;
  readonly debtor: {
    readonly postcode?: string | null;
    readonly country?: string | null;
    readonly timeZone?: string | null;
    /** The number being called or texted. */
    readonly phone?: string | null;
  };
  readonly case?: {
    readonly id?: string | null;
    readonly status?: CaseStatus | null;
    /** When the R124-4 letter was sent; null: not sent. */
    readonly noticeSentAt?: I | null;
    /** Last day before the claim is time-barred (see limitation()). */
    readonly limitationExpiresOn?: string | null;
  } | null;
  readonly suspensions?: readonly Suspension<I>[] | null;
  readonly preferences?: {
    readonly writtenOnly?: boolean | null;
    readonly optOut?: readonly Channel[] | null;
    readonly quietHours?: readonly QuietHours[] | null;
    readonly wrongNumbers?: readonly string[] | null;
  } | null;
  /** The debtor's attempts across all their cases and creditors. */
  readonly history?: readonly ContactAttempt<I>[] | null;
}

/** A situation with its instants as epoch milliseconds: the in-process form (see InstantInput). */
export type EpochSituation = Situation<number>;

export interface Decision {
  readonly id?: string;
  readonly allowed: boolean;
  readonly reasons: Reason[];
  /** Earliest instant ≥ `at` when the same contact is allowed; null when only a change of state can allow it. */
  readonly nextAllowedAt: string | null;
  /** `at` on the debtor's wall clock, with its offset. */
  readonly localTime: string;
  readonly territory: string;
  readonly timeZone: string;
}
