/**
 * Closing a case other than by payment (payments close paid and settled cases themselves), and the
 * litigation hand-off. Every change goes through the case transition table (a closed case never
 * reopens), appends `case.status_changed` with its reason, cancels the collection messages still
 * waiting and ends open promises, plans and settlements:
 *  - `returned` → closed_returned: the case goes back to the creditor, with the reason (mandate
 *    ended, creditor's recall, debtor unreachable…);
 *  - `erroneous` → closed_erroneous: a dispute upheld (the back office calls this when it resolves a
 *    dispute in the debtor's favour);
 *  - `prescribed` → closed_prescribed: the claim is time-barred; the time-barred notice is queued
 *    (L218-2 C. consom., 2224 C. civ.: no further demand may be made; the debtor is told so);
 *  - `litigation`: the amicable stage ends and lawyers take over (export the bundle with
 *    `exportLitigationBundle`). Collection stops; payments may still arrive and are booked.
 */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { canTransition, transition, type CaseTransitionEvent } from '../../domain/case/case-transitions.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { enqueueFor } from '../messaging/enqueue-message.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { PaymentDeps } from '../payments/payment-deps.ts';
import { caseScopeOf } from './read-cases.ts';

export type ClosureOutcome = 'returned' | 'erroneous' | 'prescribed' | 'litigation';

const eventFor: Record<ClosureOutcome, CaseTransitionEvent> = {
  returned: 'returned_to_creditor',
  erroneous: 'dispute_upheld',
  prescribed: 'time_barred',
  litigation: 'litigation_handoff',
};

export interface CloseCaseResult {
  readonly caseId: string;
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly cancelledMessages: number;
  readonly cancelledArrangements: number;
  readonly noticeId: string | null;
  readonly warnings: readonly string[];
}

export async function closeCase(deps: PaymentDeps, actor: Actor, input: { caseId: string; outcome: ClosureOutcome; reason: string }): Promise<CloseCaseResult> {
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('validation_failed', 'reason: say why the case is closed or handed over');
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const kase = await repos.arrangements.lockCase(input.caseId);
    const scope = caseScopeOf(actor);
    if (!kase || (scope.creditorId !== undefined && scope.creditorId !== kase.creditorId)) throw notFound('Case');
    const event = eventFor[input.outcome];
    if (!canTransition(kase.status, event)) throw new AppError('conflict', `A case in status ${kase.status} cannot be ${input.outcome === 'litigation' ? 'handed over to litigation' : `closed as ${input.outcome}`}`);
    const to = transition(kase.status, event);
    if (!(await repos.arrangements.setCaseStatus(kase.creditorId, kase.caseId, kase.status, to, now, reason))) throw new AppError('conflict', 'The case changed meanwhile: try again');
    const append = (type: string, data: Record<string, unknown>) => repos.arrangements.appendCaseEvent({
      creditorId: kase.creditorId, caseId: kase.caseId, at: now, type, actorKind: eventActorKind(actor), actorId: actorId(actor), data,
    });
    await append('case.status_changed', { from: kase.status, to, reason, outcome: input.outcome });
    const cancelled = await repos.payments.cancelPendingCollectionMessages(kase.creditorId, kase.caseId, `case ${input.outcome}`, now);
    if (cancelled.length > 0) await append('messages.cancelled', { outboxIds: cancelled, reason: `case ${input.outcome}` });
    const cancelledArrangements = await repos.closure.cancelOpenArrangements(kase.creditorId, kase.caseId, now, `case ${input.outcome}: ${reason}`);
    const warnings: string[] = [];
    let noticeId: string | null = null;
    if (input.outcome === 'prescribed') {
      try {
        const messagingCase = await repos.messaging.loadCase(kase.caseId);
        if (!deps.agency.profile) throw new AppError('agency_profile_incomplete', `The agency profile is incomplete: set ${deps.agency.missing.join(', ')}`);
        const { message } = await enqueueFor(repos, deps, actor, messagingCase!, deps.agency.profile, {
          caseId: kase.caseId, template: 'time-barred-notice', channel: 'letter', idempotencyKey: `time-barred-notice:${kase.caseId}`,
          extras: { timeBarred: { expiredOn: messagingCase!.limitationExpiresOn ?? civilDateInParis(now) } },
        }, now);
        noticeId = message.id;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        warnings.push(`time-barred notice: ${error.message}`);
        await append('notice.not_queued', { template: 'time-barred-notice', reason: error.message });
      }
    }
    return { caseId: kase.caseId, from: kase.status, to, cancelledMessages: cancelled.length, cancelledArrangements, noticeId, warnings };
  });
}
