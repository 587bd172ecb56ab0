/** Appending case events and moving a case through the transition table, shared by the back-office use cases. */
import { canTransition, transition, type CaseTransitionEvent } from '../../domain/case/case-transitions.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';

export async function appendEvent(
  repos: Pick<Repositories, 'arrangements'>, actor: Actor, c: { creditorId: string; caseId: string }, at: Date, type: string, data: Record<string, unknown>,
): Promise<void> {
  await repos.arrangements.appendCaseEvent({ creditorId: c.creditorId, caseId: c.caseId, at, type, actorKind: eventActorKind(actor), actorId: actorId(actor), data });
}

/** Moves the case (refusing a change the process does not allow) and records `case.status_changed`. */
export async function moveCase(
  repos: Pick<Repositories, 'arrangements'>, actor: Actor, c: { creditorId: string; caseId: string; status: CaseStatus }, event: CaseTransitionEvent, at: Date, reason: string,
): Promise<CaseStatus> {
  if (!canTransition(c.status, event)) throw new AppError('conflict', `A case in status ${c.status} cannot take ${event}`);
  const to = transition(c.status, event);
  if (to === c.status) return to;
  if (!(await repos.arrangements.setCaseStatus(c.creditorId, c.caseId, c.status, to, at, reason))) throw new AppError('conflict', 'The case changed meanwhile; reload it');
  await appendEvent(repos, actor, c, at, 'case.status_changed', { from: c.status, to, reason });
  return to;
}
