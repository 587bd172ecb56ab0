/**
 * Records what happened on a call the engine allowed. Outcomes that discuss the debt need the identity
 * check to pass (two facts from the file) — re-checked here, on the server. Each outcome updates the
 * case: a wrong number is marked wrong; a dispute, a documents request, hardship, over-indebtedness or
 * a death opens the matching suspension at once; a promise, a plan or a settlement is created within
 * the mandate (or sent for approval). The attempt's outcome is what the engine counts (a conversation
 * starts the 7-day pause); the detailed outcome is in the `contact.attempted` event.
 */
import { callOutcomes, outcomeEffect, type CallOutcome, type IdentityAnswer } from '../../domain/backoffice/index.ts';
import { actorId, type Actor } from '../actor.ts';
import { AppError, forbidden, invalidField, notFound } from '../errors.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent } from './case-history.ts';
import { identityCheckIn } from './check-identity.ts';
import { createPromiseIn } from './create-promise.ts';
import { createSettlementIn } from './create-settlement.ts';
import { openSuspensionIn } from './open-suspension.ts';
import { proposePlanIn, type BudgetInput } from './propose-plan.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';

export { callOutcomes };

/** An open call older than this cannot be completed: start a new one (the engine decides again). */
export const CALL_OUTCOME_WINDOW_MS = 4 * 60 * 60_000;

export interface CallOutcomeInput {
  readonly outcome: CallOutcome;
  readonly identity?: readonly IdentityAnswer[];
  readonly note?: string | null;
  readonly callbackAt?: string | null;
  readonly promise?: { readonly amountCents: number; readonly dueOn: string };
  readonly plan?: { readonly frequency: 'weekly' | 'biweekly' | 'monthly'; readonly count: number; readonly firstDueOn: string; readonly totalCents?: number; readonly interestWaived?: boolean; readonly budget?: BudgetInput | null; readonly reason?: string | null };
  readonly settlement?: { readonly amountCents: number; readonly dueOn: string; readonly reason?: string | null };
}

const invalid = invalidField;

export async function recordCallOutcome(deps: BackofficeDeps, actor: Actor, attemptId: string, input: CallOutcomeInput) {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const attempt = await repos.backoffice.findCallAttempt(attemptId);
    if (!attempt) throw notFound('Call');
    const access = await loadCaseAccess(repos, actor, attempt.caseId, 'write');
    if (!attempt.allowed) throw new AppError('conflict', 'The compliance engine refused this call: it cannot be logged as made');
    if (attempt.outcome !== 'pending') throw new AppError('conflict', 'This call already has its outcome');
    if (attempt.userId !== null && attempt.userId !== actorId(actor)) throw forbidden('Only the agent who placed the call records its outcome');
    if (now.getTime() - attempt.at.getTime() > CALL_OUTCOME_WINDOW_MS) throw new AppError('conflict', 'This call was started too long ago; start a new one');
    const effect = outcomeEffect(input.outcome);
    let identityVerified = false;
    if (input.identity?.length) identityVerified = (await identityCheckIn(repos, attempt.caseId, input.identity)).verified;
    if (effect.disclosesDebt && !identityVerified) throw invalid('/identity', 'identity not verified: two facts from the file must match before the debt is discussed');
    if (input.outcome === 'promise' && !input.promise) throw invalid('/promise', 'the promise: amount and date');
    if (input.outcome === 'plan' && !input.plan) throw invalid('/plan', 'the plan: frequency, count, first due date');
    if (input.outcome === 'settlement_request' && !input.settlement) throw invalid('/settlement', 'the settlement: amount and date');
    let callbackAt: Date | null = null;
    if (input.callbackAt) {
      callbackAt = new Date(input.callbackAt);
      if (Number.isNaN(callbackAt.getTime()) || callbackAt <= now) throw invalid('/callbackAt', 'a future instant');
    }

    if (!(await repos.backoffice.setCallOutcome(access.creditorId, attempt.id, effect.engineOutcome, callbackAt))) throw new AppError('conflict', 'This call already has its outcome');
    if (input.outcome === 'wrong_number' && attempt.contactPointId) await repos.backoffice.markContactPointWrong(access.debtorId, attempt.contactPointId);
    await appendEvent(repos, actor, access, now, 'contact.attempted', {
      attemptId: attempt.id, channel: 'call', outcome: input.outcome, engineOutcome: effect.engineOutcome, rightParty: effect.rightParty, identityVerified,
      note: input.note?.trim() || null, callbackAt: callbackAt?.toISOString() ?? null,
    });
    const result: Record<string, unknown> = { attemptId: attempt.id, outcome: input.outcome };
    if (effect.suspension) {
      result.suspension = await openSuspensionIn(repos, deps, actor, access, { kind: effect.suspension, reason: input.note?.trim() || `call outcome: ${input.outcome}` }, now);
    }
    if (input.outcome === 'promise' && input.promise) result.promise = await createPromiseIn(repos, deps, actor, access, { ...input.promise, origin: 'call' }, now);
    if (input.outcome === 'plan' && input.plan) {
      const plan = await proposePlanIn(repos, deps, actor, access, { ...input.plan, origin: 'call' }, now);
      result.plan = { planId: plan.planId, status: plan.status, confirmation: plan.confirmation, violations: plan.preview.violations };
    }
    if (input.outcome === 'settlement_request' && input.settlement) result.settlement = await createSettlementIn(repos, deps, actor, access, { ...input.settlement, origin: 'call' }, now);
    await refreshCaseWorklist(repos, attempt.caseId, now);
    return result;
  });
}
