/**
 * Keeps the worklist's stored order and gate up to date: the explainable priority score with its
 * reasons, and `next_call_at`, the first instant the case can reappear. It is the later of
 * - the engine's next lawful instant for a call (hours, daily and weekly caps, the 7-day pause after a
 *   conversation…; "only a change of state" → never, until the next refresh), and
 * - the arrangement's quiet period: a promise is not chased before two days ahead of its due date, a
 *   plan in good standing not before the day after its next instalment falls due.
 * Run after every change a back-office use case makes, and daily over every open case (dates pass).
 */
import { callPriority } from '../../domain/backoffice/index.ts';
import { addDays, compareCivilDates, parseCivilDate, type CivilDate } from '../../domain/time/index.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { Clock } from '../ports/clock.ts';
import type { Repositories, UnitOfWork } from '../ports/repositories.ts';
import { callDecision } from './call-decision.ts';

/** Stored for "only a change of state can allow it": every such change refreshes the case. */
export const NEVER = new Date('9999-12-31T00:00:00Z');

const startOfDay = (day: CivilDate) => new Date(`${day}T00:00:00Z`);

export async function refreshCaseWorklist(repos: Pick<Repositories, 'backoffice' | 'messaging'>, caseId: string, now: Date): Promise<{ score: number; nextCallAt: Date | null } | null> {
  const inputs = await repos.backoffice.priorityInputs(caseId);
  const kase = await repos.messaging.loadCase(caseId);
  if (!inputs || !kase) return null;
  const today = parseCivilDate(civilDateInParis(now));
  const priority = callPriority({
    balanceCents: inputs.balanceCents, limitationExpiresOn: inputs.limitationExpiresOn, promiseDueOn: inputs.promiseDueOn,
    instalmentDueOn: inputs.instalmentDueOn, lastContactOn: inputs.lastContactAt ? parseCivilDate(civilDateInParis(inputs.lastContactAt)) : null,
  }, today);
  const { decision } = callDecision(kase, now);
  let next: Date | null = !decision ? NEVER : decision.allowed ? null : decision.nextAllowedAt ? new Date(decision.nextAllowedAt) : NEVER;
  const later = (d: Date) => {
    if (next === null || d > next) next = d;
  };
  if (kase.status === 'promise' && inputs.promiseDueOn) {
    const from = addDays(inputs.promiseDueOn, -2);
    if (compareCivilDates(from, today) > 0) later(startOfDay(from));
  }
  if (kase.status === 'plan' && inputs.instalmentDueOn && compareCivilDates(inputs.instalmentDueOn, today) >= 0) {
    later(startOfDay(addDays(inputs.instalmentDueOn, 1)));
  }
  await repos.backoffice.setWorklistState(inputs.creditorId, caseId, priority.score, priority.reasons, next);
  return { score: priority.score, nextCallAt: next };
}

/** The daily pass over every open case, in id order and batches; returns how many were refreshed. */
export async function refreshWorklist(deps: { uow: UnitOfWork; clock: Clock }, batchSize = 500): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const now = deps.clock.now();
    const cursor: string | null = after;
    const ids: string[] = await deps.uow.run((repos) => repos.backoffice.openCaseIds(cursor, batchSize));
    if (ids.length === 0) return count;
    await deps.uow.run(async (repos) => {
      for (const id of ids) await refreshCaseWorklist(repos, id, now);
    });
    count += ids.length;
    after = ids[ids.length - 1]!;
  }
}
