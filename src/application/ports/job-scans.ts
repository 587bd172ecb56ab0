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

export interface JobScanRepository {
  /** Instalments of active plans falling due in [from, to], ordered by (plan, number), after the cursor. */
  instalmentsDueBetween(from: CivilDate, to: CivilDate, after: InstalmentCursor | null, limit: number): Promise<DueInstalment[]>;
  /** Ids of open cases with a pending promise, an active plan or a pending settlement, ordered, after the cursor. */
  casesWithOpenArrangements(afterCaseId: string | null, limit: number): Promise<string[]>;
  /** Deletes back-office sessions that expired before `before`; returns how many. */
  purgeExpiredSessions(before: Date): Promise<number>;
  /** Deletes messages kept by the built-in catcher created before `before`; returns how many. */
  purgeCaughtMessages(before: Date): Promise<number>;
}
