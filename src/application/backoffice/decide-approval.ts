/**
 * A manager approves or refuses a plan or settlement beyond the mandate. Approved, a plan starts like
 * one within the mandate (case → plan, confirmation through the outbox); a settlement becomes payable.
 * Nobody approves their own request (four eyes).
 */
import { actorId, type Actor } from '../actor.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { ApprovalRow } from '../ports/backoffice-repository.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent } from './case-history.ts';
import { activatePlan } from './propose-plan.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';

export interface ApprovalDecision {
  readonly kind: 'plan' | 'settlement';
  readonly id: string;
  readonly approve: boolean;
  readonly note?: string | null;
}

export async function listApprovals(deps: { uow: UnitOfWork }, actor: Actor, limit: number): Promise<ApprovalRow[]> {
  if (actor.kind !== 'user' || (actor.role !== 'manager' && actor.role !== 'admin')) throw forbidden('Managers decide approvals');
  return deps.uow.run((repos) => repos.backoffice.pendingApprovals({ limit }));
}

export async function decideApproval(deps: BackofficeDeps, actor: Actor, decision: ApprovalDecision) {
  if (actor.kind !== 'user' || (actor.role !== 'manager' && actor.role !== 'admin')) throw forbidden('Managers decide approvals');
  const now = deps.clock.now();
  const by = actorId(actor);
  return deps.uow.run(async (repos) => {
    const pending = (await repos.backoffice.pendingApprovals({ limit: 1000 })).find((a) => a.kind === decision.kind && a.id === decision.id);
    if (!pending) throw notFound('Approval request');
    if (pending.requestedBy === by) throw forbidden('Nobody approves their own request');
    const access = await loadCaseAccess(repos, actor, pending.caseId, 'write');
    const note = decision.note?.trim() || null;
    if (decision.kind === 'plan') {
      const plan = await repos.backoffice.findPlan(decision.id);
      if (!plan) throw notFound('Plan');
      if (!(await repos.backoffice.decidePlan(access.creditorId, plan.id, decision.approve ? 'active' : 'refused', by, now))) throw new AppError('conflict', 'Already decided');
      await appendEvent(repos, actor, access, now, decision.approve ? 'plan.approved' : 'plan.refused', { planId: plan.id, note });
      if (decision.approve) {
        await activatePlan(repos, deps, actor, access, plan.id, plan.instalments, {
          planId: plan.id, instalments: plan.instalments.length, totalCents: plan.instalments.reduce((s, i) => s + i.amountCents, 0),
          firstDueOn: plan.instalments[0]?.dueOn, lastDueOn: plan.instalments.at(-1)?.dueOn, approvedBy: by,
        }, now);
      } else {
        await refreshCaseWorklist(repos, access.caseId, now);
      }
      return { kind: decision.kind, id: decision.id, status: decision.approve ? 'active' : 'refused' };
    }
    const settlement = await repos.backoffice.findSettlement(decision.id);
    if (!settlement) throw notFound('Settlement');
    if (!(await repos.backoffice.decideSettlement(access.creditorId, settlement.id, decision.approve ? 'pending' : 'refused', by, now))) throw new AppError('conflict', 'Already decided');
    await appendEvent(repos, actor, access, now, decision.approve ? 'settlement.created' : 'settlement.refused', { settlementId: settlement.id, amountCents: settlement.amountCents, dueOn: settlement.dueOn, note, approvedBy: decision.approve ? by : undefined });
    await refreshCaseWorklist(repos, access.caseId, now);
    return { kind: decision.kind, id: decision.id, status: decision.approve ? 'pending' : 'refused' };
  });
}
