/**
 * The scans periodic jobs make over the whole book (all creditors): read-only, keyset-paged so that a
 * job over a million cases holds one page in memory at a time. Only `src/adapters/db/job-scan.repository.ts`
 * knows the SQL.
 */
import type { CivilDate } from '../../domain/time/index.ts';

export interface DueInstalment {
  readonly creditorId: string;
  readonly caseId: string;
  readonly planId: string;
  readonly number: number;
  readonly dueOn: CivilDate;
  readonly amountCents: number;
}

/** Where a keyset page ends; the next page starts strictly after it. */
export interface InstalmentCursor {
  readonly planId: string;
  readonly number: number;
}

/** An open GDPR request (or complaint) and the date its answer is due (the extended one when extended). */
export interface DueRightsRequest {
  readonly creditorId: string;
  readonly caseId: string;
  readonly requestId: string;
  readonly kind: string;
  readonly dueOn: CivilDate;
}

export interface RightsDeadlineAlert {
  readonly creditorId: string;
  readonly caseId: string;
  readonly requestId: string;
  readonly kind: string;
  readonly dueOn: CivilDate;
  readonly stage: 'due-soon' | 'overdue';
  readonly at: Date;
}

export interface JobScanRepository {
  /** Instalments of active plans falling due in [from, to], ordered by (plan, number), after the cursor. */
  instalmentsDueBetween(from: CivilDate, to: CivilDate, after: InstalmentCursor | null, limit: number): Promise<DueInstalment[]>;
  /** Ids of open cases with a pending promise, an active plan or a pending settlement, ordered, after the cursor. */
  casesWithOpenArrangements(afterCaseId: string | null, limit: number): Promise<string[]>;
  /** Deletes back-office sessions that expired before `before`; returns how many. */
  purgeExpiredSessions(before: Date): Promise<number>;
  /** Deletes messages kept by the built-in catcher created before `before`; returns how many. */
  purgeCaughtMessages(before: Date): Promise<number>;
  /** Open or extended rights requests whose (extended) due date is on or before `until`, ordered by id, after the cursor. */
  rightsRequestsDueBy(until: CivilDate, afterId: string | null, limit: number): Promise<DueRightsRequest[]>;
  /**
   * Appends `rights_request.deadline_alert` to the case history unless the same request already has one
   * for this stage (one statement: a rerun adds nothing); true when it was added.
   */
  recordRightsDeadlineAlert(alert: RightsDeadlineAlert): Promise<boolean>;
}
