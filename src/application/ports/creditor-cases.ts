/** What the creditor API needs beyond the case summary: history, references, recall. SQL in creditor-case.repository.ts. */
import type { CaseStatus } from '../../domain/case/case-status.ts';

export interface CaseHistoryItem {
  readonly id: string;
  readonly at: Date;
  readonly type: string;
  readonly actorKind: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface RecallState {
  readonly creditorId: string;
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly activePlanIds: readonly string[];
  readonly pendingPromiseIds: readonly string[];
  readonly pendingSettlementIds: readonly string[];
  /** Payments started but not settled; the payments table holds only settled ones for now (issue #7 part A may add more). */
  readonly paymentsInProgress: number;
}

export interface CreditorCaseRepository {
  findCaseIdByReference(creditorId: string, reference: string): Promise<string | null>;
  history(creditorId: string, caseId: string, page: { limit: number; offset: number }): Promise<{ items: CaseHistoryItem[]; total: number }>;
  /** Locks the case (FOR UPDATE) and reads what blocks a recall; null when unknown. */
  lockForRecall(caseId: string): Promise<RecallState | null>;
  cancelArrangements(creditorId: string, caseId: string, ids: { plans: readonly string[]; promises: readonly string[]; settlements: readonly string[] }, at: Date, reason: string): Promise<void>;
  closeCase(creditorId: string, caseId: string, from: CaseStatus, to: CaseStatus, at: Date, reason: string): Promise<boolean>;
  /** Pending letters, SMS and e-mails of the case are not sent any more; returns how many. */
  cancelPendingMessages(creditorId: string, caseId: string, reason: string): Promise<number>;
  appendCaseEvent(event: { creditorId: string; caseId: string; at: Date; type: string; actorKind: 'user' | 'system' | 'creditor_api'; actorId: string; data: Readonly<Record<string, unknown>> }): Promise<void>;
}
