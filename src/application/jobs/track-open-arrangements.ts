/**
 * The daily promise and plan sweep: every case with an open arrangement is brought up to date with the
 * date (a promise or an instalment falling due, grace days passing), one transaction per case, the case
 * row locked, so a payment booked at the same moment serialises with it. Idempotent because
 * `trackCaseArrangements` is: a second run on the same day with the same payments changes nothing.
 */
import type { CivilDate } from '../../domain/time/index.ts';
import type { Actor } from '../actor.ts';
import { trackCaseArrangements } from '../arrangements/track-case-arrangements.ts';
import type { ArrangementRepository } from '../ports/arrangement-repository.ts';
import type { JobScanRepository } from '../ports/job-scans.ts';

export interface TrackOpenArrangementsReport {
  readonly cases: number;
  /** Cases whose run appended events (a promise kept or broken, a plan broken or completed, a case closed). */
  readonly changed: number;
  readonly events: Readonly<Record<string, number>>;
}

const PAGE = 1000;

export async function trackOpenArrangements(
  deps: {
    readonly uow: { run<T>(work: (repos: { arrangements: ArrangementRepository }) => Promise<T>): Promise<T> };
    readonly scans: JobScanRepository;
  },
  actor: Actor,
  input: { readonly today: CivilDate; readonly at: Date },
): Promise<TrackOpenArrangementsReport> {
  let after: string | null = null;
  let cases = 0;
  let changed = 0;
  const events: Record<string, number> = {};
  for (;;) {
    const page = await deps.scans.casesWithOpenArrangements(after, PAGE);
    for (const caseId of page) {
      cases++;
      const result = await deps.uow.run((repos) => trackCaseArrangements(repos, { caseId, today: input.today, at: input.at, actor }));
      if (result && result.events.length > 0) {
        changed++;
        for (const type of result.events) events[type] = (events[type] ?? 0) + 1;
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!;
  }
  return { cases, changed, events };
}
