/** What the daily plan reads and writes (src/adapters/db/daily-plan.repository.ts on both databases). */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Channel, ProfileId, RuleId } from '../../domain/contact-policy/index.ts';

/** Cases are visited in (creditor_id, id) order: the primary key, and the distribution column first. */
export interface CaseKey {
  readonly creditorId: string;
  readonly caseId: string;
}

export interface PlanCase extends CaseKey {
  readonly debtorId: string;
  readonly teamId: string | null;
  readonly assignedUserId: string | null;
  readonly status: CaseStatus;
  readonly noticeSentAt: Date | null;
  readonly limitationExpiresOn: string | null;
}

export interface PlanContactPoint {
  readonly kind: 'phone' | 'email' | 'postal';
  readonly value: string;
  readonly phoneType: string | null;
  readonly postcode: string | null;
  readonly country: string | null;
  readonly status: string;
  readonly isPrimary: boolean;
  readonly validUntil: Date | null;
}

export interface PlanSuspension {
  readonly kind: string;
  readonly fromAt: Date;
  readonly untilAt: Date | null;
}

export interface PlanAttempt {
  readonly caseId: string;
  readonly channel: Channel;
  readonly purpose: 'collection' | 'information';
  readonly at: Date;
  readonly outcome: string | null;
  readonly callbackAt: Date | null;
}

/** The debtor's own contact preferences (portal, issue #8): they bind the plan as they bind every send. */
export interface PlanPreferences {
  readonly optOut: readonly string[];
  readonly quietHours: readonly { readonly from: string; readonly to: string }[];
  readonly writtenOnly: boolean;
}

/**
 * One page of open cases and, fetched set-based for the whole page, their debtors' contact points,
 * their open suspensions, their debtors' outbound attempts since `historySince` (and older ones whose
 * callback time is at or after it: a callback lets a call through whatever its attempt's age) and
 * their preferences.
 */
export interface PlanBatch {
  readonly cases: readonly PlanCase[];
  readonly contactPoints: ReadonlyMap<string, readonly PlanContactPoint[]>;
  readonly suspensions: ReadonlyMap<string, readonly PlanSuspension[]>;
  readonly history: ReadonlyMap<string, readonly PlanAttempt[]>;
  /** By debtor id; absent: no preference recorded. */
  readonly preferences: ReadonlyMap<string, PlanPreferences>;
}

export interface PlanEntry extends CaseKey {
  readonly debtorId: string;
  readonly teamId: string | null;
  readonly assignedUserId: string | null;
  readonly channel: Channel;
  readonly fromAt: Date;
  readonly territory: string;
  readonly timeZone: string;
}

export interface PlanCounts {
  readonly casesSeen: number;
  readonly contactable: number;
  readonly channels: Partial<Record<Channel, number>>;
  /** Cases no channel was lawful for that day, by the rules that refused their first channel. */
  readonly refusedBy: Partial<Record<RuleId | 'no-contact-point', number>>;
  /** Cases the engine could not read (unknown territory…): left out of the plan and counted. */
  readonly errors: number;
}

export interface DailyPlanStore {
  startPlan(input: { planDate: string; profile: ProfileId; batchSize: number; at: Date }): Promise<void>;
  /** Up to `limit` open cases after `after` (null: from the first) and up to `until` included (null: to the last), in key order. */
  readBatch(input: { after: CaseKey | null; until?: CaseKey | null; limit: number; historySince: Date }): Promise<PlanBatch>;
  /**
   * Up to `parts - 1` increasing keys that cut the open cases into `parts` ranges of roughly equal
   * size (from a sample: the plan's workers each take one range). Fewer, or none, for a small portfolio.
   */
  splitKeys(parts: number): Promise<CaseKey[]>;
  /**
   * Replaces the plan's entries whose key lies in (after, upTo] (`upTo` null: to the end) by `entries`,
   * in one transaction: a rerun for the same date gives the same rows, and cases that left the open set
   * lose their entry.
   */
  writeBatch(input: { planDate: string; after: CaseKey | null; upTo: CaseKey | null; entries: readonly PlanEntry[] }): Promise<void>;
  finishPlan(input: { planDate: string; counts: PlanCounts; at: Date }): Promise<void>;
}
