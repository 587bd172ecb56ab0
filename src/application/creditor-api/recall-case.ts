/**
 * A creditor recalls a case (`POST /api/v1/cases/{id}/recall`): it closes as `closed_returned`, pending
 * messages are not sent. Refused with the reasons (domain `decideRecall`) while a plan is active, a
 * settlement awaits payment, a promised payment is pending or a payment is in progress; a compliance
 * officer may force it, which cancels those arrangements, and the reason is kept in the history.
 */
import { decideRecall } from '../../domain/case/recall.ts';
import { transition } from '../../domain/case/case-transitions.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { CreditorCaseRepository } from '../ports/creditor-cases.ts';
import type { AuditLog } from '../ports/repositories.ts';

export const recallPolicySource = 'policy: Amiable recall rule (docs/creditor-api.md#recall); C. civ. 2004 (revocation of a mandate)';

export interface RecallResult {
  readonly caseId: string;
  readonly from: CaseStatus;
  readonly status: CaseStatus;
  readonly forced: boolean;
  readonly overridden: readonly string[];
  readonly messagesCancelled: number;
}

export async function recallCase(
  repos: { creditorCases: CreditorCaseRepository; audit: AuditLog }, actor: Actor, input: { caseId: string; reason: string; force: boolean }, now: Date,
): Promise<RecallResult> {
  const state = await repos.creditorCases.lockForRecall(input.caseId);
  const scope = caseScopeOf(actor);
  if (!state || (scope.creditorId !== undefined && state.creditorId !== scope.creditorId)) throw notFound('Case');
  if (input.force && !(actor.kind === 'user' && actor.role === 'compliance')) throw forbidden('Only a compliance officer may force a recall');
  const decision = decideRecall({
    status: state.status, activePlan: state.activePlanIds.length > 0, pendingSettlement: state.pendingSettlementIds.length > 0,
    pendingPromises: state.pendingPromiseIds.length, paymentsInProgress: state.paymentsInProgress,
  }, input.force);
  if (!decision.allowed) {
    throw new AppError('case_not_recallable', `Recall refused: ${decision.blockers.map((b) => b.message.en).join(' ')}`, {
      findings: decision.blockers.map((b) => ({ rule: `recall.${b.code}`, source: recallPolicySource, message: b.message })),
    });
  }
  const who = { actorKind: eventActorKind(actor), actorId: actorId(actor) };
  const event = (type: string, data: Record<string, unknown>) => repos.creditorCases.appendCaseEvent({ creditorId: state.creditorId, caseId: state.caseId, at: now, type, ...who, data });
  if (decision.forced) {
    const why = `case recalled (forced by compliance): ${input.reason}`;
    await repos.creditorCases.cancelArrangements(state.creditorId, state.caseId, { plans: state.activePlanIds, promises: state.pendingPromiseIds, settlements: state.pendingSettlementIds }, now, why);
    for (const planId of state.activePlanIds) await event('plan.cancelled', { planId, reason: why });
    for (const promiseId of state.pendingPromiseIds) await event('promise.cancelled', { promiseId, reason: why });
    for (const settlementId of state.pendingSettlementIds) await event('settlement.cancelled', { settlementId, reason: why });
  }
  const to = transition(state.status, 'returned_to_creditor');
  const reason = `returned to the creditor: ${input.reason}`;
  if (!(await repos.creditorCases.closeCase(state.creditorId, state.caseId, state.status, to, now, reason))) throw new AppError('conflict', 'The case changed meanwhile: retry');
  const messagesCancelled = await repos.creditorCases.cancelPendingMessages(state.creditorId, state.caseId, 'case recalled by the creditor');
  const overridden = decision.forced ? decision.blockers.map((b) => b.code) : [];
  await event('case.status_changed', { from: state.status, to, reason, recall: { forced: decision.forced, overridden, messagesCancelled } });
  await repos.audit.append({
    at: now, ...who, action: 'case.recalled', entityType: 'case', entityId: state.caseId, creditorId: state.creditorId, caseId: state.caseId,
    data: { from: state.status, forced: decision.forced, overridden, reason: input.reason },
  });
  return { caseId: state.caseId, from: state.status, status: to, forced: decision.forced, overridden, messagesCancelled };
}
