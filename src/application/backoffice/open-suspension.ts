/**
 * Opens a suspension at once (a dispute, a request for documents, over-indebtedness declared, death,
 * a vulnerability pause, written contact only): from this instant the engine refuses every collection
 * contact and the case leaves every worklist (the worklist query excludes open suspensions). A dispute
 * or a documents request is acknowledged in writing through the outbox. The debtor portal (issue #8)
 * writes the same row: one `suspensions` row per case, `resolved_at` null while open.
 */
import type { Actor } from '../actor.ts';
import { actorId, eventActorKind } from '../actor.ts';
import { extendSuspensionToDebtor } from '../cases/extend-suspension-to-debtor.ts';
import type { CaseAccess } from '../ports/backoffice-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent } from './case-history.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';
import { sendConfirmation } from './send-confirmation.ts';

export const agentSuspensionKinds = ['dispute', 'documents-requested', 'over-indebtedness', 'deceased', 'vulnerability', 'written-only'] as const;
export type AgentSuspensionKind = (typeof agentSuspensionKinds)[number];

export interface OpenSuspensionInput {
  readonly kind: AgentSuspensionKind;
  readonly reason: string;
  /** A vulnerability pause may end on a date; the others last until resolved. */
  readonly untilAt?: Date | null;
}

const eventType = (kind: AgentSuspensionKind) => (kind === 'dispute' ? 'dispute.opened' : kind === 'documents-requested' ? 'documents.requested' : 'suspension.opened');

export async function openSuspensionIn(
  repos: Repositories, deps: BackofficeDeps, actor: Actor, access: CaseAccess, input: OpenSuspensionInput, now: Date,
): Promise<{ suspensionId: string; acknowledgement: { outboxId: string; channel: string } | null; otherCasesSuspended: number }> {
  const id = deps.codes.id();
  await repos.backoffice.insertSuspension({
    creditorId: access.creditorId, id, caseId: access.caseId, debtorId: access.debtorId, kind: input.kind, fromAt: now,
    untilAt: input.untilAt ?? null, reason: input.reason, openedBy: actorId(actor),
  });
  await appendEvent(repos, actor, access, now, eventType(input.kind), { suspensionId: id, kind: input.kind, reason: input.reason });
  const alsoSuspended = await extendSuspensionToDebtor(repos, {
    debtorId: access.debtorId, declaredOnCaseId: access.caseId, kind: input.kind, at: now,
    actorKind: eventActorKind(actor), actorId: actorId(actor), newId: () => deps.codes.id(),
  });
  let acknowledgement: { outboxId: string; channel: string } | null = null;
  if (input.kind === 'dispute') {
    acknowledgement = await sendConfirmation(repos, deps, actor, access.caseId, 'dispute-acknowledgement', `dispute-ack:${id}`, now, { dispute: { receivedOn: civilDateInParis(now), reason: input.reason } });
  } else if (input.kind === 'documents-requested') {
    acknowledgement = await sendConfirmation(repos, deps, actor, access.caseId, 'documents-request-acknowledgement', `documents-ack:${id}`, now, { documentsRequest: { receivedOn: civilDateInParis(now) } });
  }
  await refreshCaseWorklist(repos, access.caseId, now);
  return { suspensionId: id, acknowledgement, otherCasesSuspended: alsoSuspended.length };
}

export async function openSuspension(deps: BackofficeDeps, actor: Actor, caseId: string, input: OpenSuspensionInput) {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => openSuspensionIn(repos, deps, actor, await loadCaseAccess(repos, actor, caseId, 'write'), input, now));
}
