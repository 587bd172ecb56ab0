/**
 * A settlement: the debtor pays a smaller amount by a date and the rest is remitted once it is paid
 * (partial remission; `trackCaseArrangements` closes the case as `closed_settled`). The discount is
 * bounded by the creditor's mandate; beyond it, a manager approves, with the agent's reason.
 */
import { checkMandate } from '../../domain/arrangements/index.ts';
import { cents } from '../../domain/money/index.ts';
import { parseCivilDate } from '../../domain/time/index.ts';
import { actorId, type Actor } from '../actor.ts';
import { invalidField, notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { CaseAccess } from '../ports/backoffice-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent } from './case-history.ts';
import { parseDueOn } from './due-date-input.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';

export interface SettlementInput {
  readonly amountCents: number;
  readonly dueOn: string;
  readonly reason?: string | null;
  readonly origin: 'call' | 'agent';
}

const invalid = invalidField;

export async function createSettlementIn(repos: Repositories, deps: BackofficeDeps, actor: Actor, access: CaseAccess, input: SettlementInput, now: Date) {
  const locked = await repos.arrangements.lockCase(access.caseId);
  if (!locked) throw notFound('Case');
  const today = parseCivilDate(civilDateInParis(now));
  const dueOn = parseDueOn(input.dueOn, today, 'cannot fall due in the past');
  if (input.amountCents <= 0 || input.amountCents > locked.balanceCents) throw invalid('/amountCents', 'between 0,01 € and the balance');
  const mandate = await repos.backoffice.mandateFor(access.creditorId, access.caseId);
  const violations = checkMandate({ agreedOn: today, balance: locked.balanceCents, total: cents(input.amountCents), instalments: [{ dueOn, amount: cents(input.amountCents) }], interestWaived: false },
    { maxPlanMonths: mandate.maxPlanMonths, minInstalmentCents: cents(mandate.minInstalmentCents), maxDiscountBps: mandate.maxDiscountBps, interestWaiverAllowed: mandate.interestWaiverAllowed });
  const reason = input.reason?.trim() || null;
  if (violations.length > 0 && !reason) throw invalid('/reason', 'beyond the mandate: give the manager a reason to approve it');
  const id = deps.codes.id();
  const status = violations.length > 0 ? 'pending_approval' as const : 'pending' as const;
  await repos.backoffice.insertSettlement({
    creditorId: access.creditorId, id, caseId: access.caseId, status, balanceCents: locked.balanceCents, amountCents: input.amountCents, agreedOn: today, dueOn,
    origin: input.origin, mandateViolations: violations, approvalReason: reason, createdBy: actorId(actor),
  });
  await appendEvent(repos, actor, access, now, status === 'pending' ? 'settlement.created' : 'settlement.approval_requested', {
    settlementId: id, amountCents: input.amountCents, balanceCents: locked.balanceCents, dueOn, violations: violations.map((v) => v.rule), reason,
  });
  await refreshCaseWorklist(repos, access.caseId, now);
  return { settlementId: id, status, violations };
}

export async function createSettlement(deps: BackofficeDeps, actor: Actor, caseId: string, input: Omit<SettlementInput, 'origin'>) {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => createSettlementIn(repos, deps, actor, await loadCaseAccess(repos, actor, caseId, 'write'), { ...input, origin: 'agent' }, now));
}
