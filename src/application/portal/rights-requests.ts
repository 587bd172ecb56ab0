/**
 * The debtor's rights requests (GDPR Art. 15–21) and complaints, each tracked with its deadline: one
 * month from receipt, extendable by two months if the person is told within the first month
 * (Art. 12(3), domain `rightsDeadline`). Erasure is answered in the light of Art. 17(3)(e): data
 * needed "for the establishment, exercise or defence of legal claims" is kept while the claim is
 * open — the portal explains it before the request is sent. The back office's compliance page lists
 * open requests by deadline and records the answer or the extension.
 */
import { deadlineState, rightsDeadline, type DeadlineState } from '../../domain/portal/rights-deadline.ts';
import type { Actor } from '../actor.ts';
import { actorId, eventActorKind } from '../actor.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { RightsRequestKind, RightsRequestRow } from '../ports/portal-repository.ts';
import { debtorActorId, type DebtorActor, type PortalDeps } from './portal-deps.ts';

export const rightsRequestKinds: readonly RightsRequestKind[] = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'complaint'];

export async function submitRightsRequest(
  deps: Pick<PortalDeps, 'uow' | 'clock' | 'newId'>, actor: DebtorActor, input: { readonly kind: RightsRequestKind; readonly details: string; readonly field?: string | null; readonly correction?: string | null },
): Promise<RightsRequestRow> {
  if (!rightsRequestKinds.includes(input.kind)) throw new AppError('validation_failed', 'Unknown request kind');
  const now = deps.clock.now();
  const receivedOn = civilDateInParis(now);
  const { dueOn } = rightsDeadline(receivedOn);
  const request: RightsRequestRow = {
    creditorId: actor.creditorId, id: deps.newId(), caseId: actor.caseId, debtorId: actor.debtorId, kind: input.kind, status: 'open',
    receivedAt: now, receivedOn, dueOn, extendedDueOn: null,
    details: { text: input.details.slice(0, 4000), ...(input.field ? { field: input.field.slice(0, 60) } : {}), ...(input.correction ? { correction: input.correction.slice(0, 500) } : {}) },
    answeredAt: null, answer: null,
  };
  await deps.uow.run(async (repos) => {
    await repos.portal.insertRightsRequest(request);
    await repos.arrangements.appendCaseEvent({
      creditorId: actor.creditorId, caseId: actor.caseId, at: now, type: input.kind === 'complaint' ? 'complaint.received' : 'rights_request.received',
      actorKind: 'debtor', actorId: debtorActorId(actor), data: { requestId: request.id, kind: input.kind, dueOn },
    });
    await repos.audit.append({
      at: now, actorKind: 'debtor', actorId: debtorActorId(actor), action: 'rights_request.received', entityType: 'rights_request', entityId: request.id,
      creditorId: actor.creditorId, caseId: actor.caseId, data: { kind: input.kind, dueOn },
    });
  });
  return request;
}

export interface TrackedRequest extends RightsRequestRow {
  readonly deadline: DeadlineState | 'closed';
}

/** Staff see every request; a creditor user only its own creditor's. */
export async function listRightsRequests(deps: Pick<PortalDeps, 'uow' | 'clock'>, actor: Actor, filter: { readonly openOnly: boolean }): Promise<TrackedRequest[]> {
  const today = civilDateInParis(deps.clock.now());
  const creditorId = actor.kind === 'user' && actor.role === 'creditor' ? actor.creditorId ?? undefined : actor.kind === 'api_key' ? actor.creditorId : undefined;
  const rows = await deps.uow.run((repos) => repos.portal.rightsRequests({ ...(creditorId ? { creditorId } : {}), openOnly: filter.openOnly, limit: 500 }));
  return rows.map((row) => ({
    ...row,
    deadline: row.status === 'open' || row.status === 'extended' ? deadlineState(row.extendedDueOn ?? row.dueOn, today) : 'closed',
  }));
}

/** Answer (or refuse) a request, or extend it by two months — only before the first month is over. */
export async function decideRightsRequest(
  deps: Pick<PortalDeps, 'uow' | 'clock'>, actor: Actor, id: string,
  input: { readonly action: 'answer' | 'refuse' | 'extend'; readonly text: string },
): Promise<RightsRequestRow> {
  if (actor.kind !== 'user' || !['admin', 'manager', 'compliance'].includes(actor.role)) throw forbidden('Only compliance, managers and admins answer rights requests');
  const now = deps.clock.now();
  const today = civilDateInParis(now);
  return deps.uow.run(async (repos) => {
    const request = await repos.portal.findRightsRequest(id);
    if (!request) throw notFound('Request');
    if (request.status === 'answered' || request.status === 'refused') throw new AppError('conflict', 'This request is already closed');
    let change: Parameters<typeof repos.portal.updateRightsRequest>[2];
    if (input.action === 'extend') {
      if (request.status === 'extended') throw new AppError('conflict', 'Already extended');
      if (today > request.dueOn) throw new AppError('conflict', 'An extension must be notified within the first month (GDPR Art. 12(3))');
      change = { status: 'extended', extendedDueOn: rightsDeadline(request.receivedOn).extendedDueOn, answer: input.text };
    } else {
      change = { status: input.action === 'answer' ? 'answered' : 'refused', answer: input.text, answeredAt: now };
    }
    await repos.portal.updateRightsRequest(request.creditorId, request.id, change);
    await repos.arrangements.appendCaseEvent({
      creditorId: request.creditorId, caseId: request.caseId, at: now, type: `rights_request.${change.status}`, actorKind: eventActorKind(actor),
      actorId: actorId(actor), data: { requestId: request.id, kind: request.kind },
    });
    await repos.audit.append({
      at: now, actorKind: 'user', actorId: actorId(actor), action: `rights_request.${change.status}`, entityType: 'rights_request', entityId: request.id,
      creditorId: request.creditorId, caseId: request.caseId, data: { kind: request.kind },
    });
    return { ...request, ...change, answeredAt: change.answeredAt ?? request.answeredAt, extendedDueOn: change.extendedDueOn ?? request.extendedDueOn, answer: change.answer ?? request.answer };
  });
}
