/**
 * GDPR deadline alerts (issue #9): every open rights request whose answer is due within a week, or is
 * late, gets an alert in its case history, once per stage ("due soon", then "overdue"), so the
 * compliance officer sees it on the case and in the rights-requests page before the one-month deadline
 * of GDPR Art. 12(3) passes (the rule and its dates live in src/domain/portal/rights-deadline.ts).
 * Idempotent: an alert already recorded for a request and stage is not recorded again.
 */
import { deadlineState, RIGHTS_WARNING_DAYS } from '../../domain/portal/rights-deadline.ts';
import { addDays, type CivilDate } from '../../domain/time/index.ts';
import type { JobScanRepository } from '../ports/job-scans.ts';

const PAGE = 500;

export interface RightsDeadlineReport {
  readonly dueSoon: number;
  readonly overdue: number;
  /** Alerts recorded by this run (0 on a rerun the same day). */
  readonly alerted: number;
}

export async function alertRightsDeadlines(
  deps: { readonly scans: JobScanRepository },
  input: { readonly today: CivilDate; readonly at: Date },
): Promise<RightsDeadlineReport> {
  let dueSoon = 0;
  let overdue = 0;
  let alerted = 0;
  let after: string | null = null;
  for (;;) {
    const page = await deps.scans.rightsRequestsDueBy(addDays(input.today, RIGHTS_WARNING_DAYS), after, PAGE);
    for (const request of page) {
      const stage = deadlineState(request.dueOn, input.today);
      if (stage === 'on-time') continue;
      if (stage === 'overdue') overdue += 1;
      else dueSoon += 1;
      if (await deps.scans.recordRightsDeadlineAlert({ ...request, stage, at: input.at })) alerted += 1;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.requestId;
  }
  return { dueSoon, overdue, alerted };
}
