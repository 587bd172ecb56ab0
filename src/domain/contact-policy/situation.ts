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

export interface Suspension {
  readonly kind: SuspensionKind;
  readonly from: string;
  /** Null or absent: open-ended, only a change of state lifts it. */
  readonly until?: string | null;
}

export interface QuietHours {
  /** 'HH:mm' in the debtor's local time; `from` later than `to` crosses midnight. */
  readonly from: string;
  readonly to: string;
}

export interface ContactAttempt {
  readonly channel: Channel;
  readonly at: string;
  readonly outcome?: AttemptOutcome | null;
  /** A time the debtor asked to be called back at. */
  readonly callbackAt?: string | null;
  /** The case the attempt was about; us-regf caps count per debt. Absent: counted for every case. */
  readonly caseId?: string | null;
  /** Information messages (receipts…) do not count toward caps. Default 'collection'. */
  readonly purpose?: Purpose | null;
}

/** What decideContact is asked: may this contact happen at `at`? */
export interface Situation {
  readonly id?: string | null;
  readonly at: string;
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
    readonly noticeSentAt?: string | null;
    /** Last day before the claim is time-barred (see limitation()). */
    readonly limitationExpiresOn?: string | null;
  } | null;
  readonly suspensions?: readonly Suspension[] | null;
  readonly preferences?: {
    readonly writtenOnly?: boolean | null;
    readonly optOut?: readonly Channel[] | null;
    readonly quietHours?: readonly QuietHours[] | null;
    readonly wrongNumbers?: readonly string[] | null;
  } | null;
  /** The debtor's attempts across all their cases and creditors. */
  readonly history?: readonly ContactAttempt[] | null;
}

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
