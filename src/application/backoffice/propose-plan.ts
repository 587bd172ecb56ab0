/**
 * Instalment plans. The agent fills in the debtor's budget (income, charges, household), which feeds
 * the engine's affordability (living allowance at the RSA floor, C. conso L731-2), and sees the
 * schedule and the creditor mandate's limits checked (max months, min instalment, max discount,
 * interest waiver; CPCE-exéc R124-3 mandate). Within the mandate the plan starts at once: the case
 * moves to `plan` and a confirmation goes through the outbox. Beyond it, the plan waits for a
 * manager's approval, with the agent's reason.
 */
import { checkMandate, type MandateViolation } from '../../domain/arrangements/index.ts';
import { cents } from '../../domain/money/index.ts';
import { affordability, schedule, type Affordability, type Frequency } from '../../domain/plans/index.ts';
import { compareCivilDates, parseCivilDate, type CivilDate } from '../../domain/time/index.ts';
import { actorId, type Actor } from '../actor.ts';
import { AppError, invalidField, notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { CaseAccess, MandateTerms } from '../ports/backoffice-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent, moveCase } from './case-history.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';
import { sendConfirmation } from './send-confirmation.ts';

export interface BudgetInput {
  readonly incomeCents: number;
  readonly chargesCents: number;
  readonly adults: 1 | 2;
  readonly children: number;
}

export interface PlanInput {
  readonly frequency: Frequency;
  readonly count: number;
  readonly firstDueOn: string;
  /** What the debtor will pay in all; default the balance (less is a discount). */
  readonly totalCents?: number;
  readonly interestWaived?: boolean;
  readonly budget?: BudgetInput | null;
  /** Required when the plan goes beyond the mandate: why the manager should approve it. */
  readonly reason?: string | null;
  readonly origin: 'call' | 'agent';
}

export interface PlanPreview {
  readonly balanceCents: number;
  readonly totalCents: number;
  readonly instalments: { readonly dueOn: CivilDate; readonly amountCents: number }[];
  readonly violations: MandateViolation[];
  readonly mandate: MandateTerms;
  readonly affordability: (Affordability & { readonly monthlyInstalmentCents: number; readonly exceedsCapacity: boolean }) | null;
  readonly needsApproval: boolean;
}

const invalid = invalidField;
const perMonth: Record<Frequency, number> = { weekly: 52 / 12, biweekly: 26 / 12, monthly: 1 };

export function previewPlanFor(balanceCents: number, mandate: MandateTerms, input: PlanInput, today: CivilDate): PlanPreview {
  let first: CivilDate;
  try {
    first = parseCivilDate(input.firstDueOn);
  } catch {
    throw invalid('/firstDueOn', 'not a date');
  }
  if (compareCivilDates(first, today) < 0) throw invalid('/firstDueOn', 'the first instalment cannot fall due in the past');
  if (balanceCents <= 0) throw new AppError('conflict', 'Nothing is owed on this case');
  const total = input.totalCents ?? balanceCents;
  if (total <= 0 || total > balanceCents) throw invalid('/totalCents', 'between 0,01 € and the balance');
  if (input.count > total) throw invalid('/count', 'more instalments than cents');
  const instalments = schedule(cents(total), { count: input.count }, input.frequency, first).map((i) => ({ dueOn: i.dueDate, amountCents: i.amount as number }));
  const violations = checkMandate({
    agreedOn: today, balance: cents(balanceCents), total: cents(total), instalments: instalments.map((i) => ({ dueOn: i.dueOn, amount: cents(i.amountCents) })),
    interestWaived: input.interestWaived ?? false,
  }, { maxPlanMonths: mandate.maxPlanMonths, minInstalmentCents: cents(mandate.minInstalmentCents), maxDiscountBps: mandate.maxDiscountBps, interestWaiverAllowed: mandate.interestWaiverAllowed });
  let afford: PlanPreview['affordability'] = null;
  if (input.budget) {
    const a = affordability(cents(input.budget.incomeCents), cents(input.budget.chargesCents), { adults: input.budget.adults, children: input.budget.children }, today);
    const monthly = Math.ceil(instalments[0]!.amountCents * perMonth[input.frequency]);
    afford = { ...a, monthlyInstalmentCents: monthly, exceedsCapacity: monthly > a.monthlyCapacity };
  }
  return { balanceCents, totalCents: total, instalments, violations, mandate, affordability: afford, needsApproval: violations.length > 0 };
}

export async function previewPlan(deps: BackofficeDeps, actor: Actor, caseId: string, input: Omit<PlanInput, 'origin'>): Promise<PlanPreview> {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const access = await loadCaseAccess(repos, actor, caseId, 'read');
    const locked = await repos.arrangements.lockCase(caseId);
    if (!locked) throw notFound('Case');
    return previewPlanFor(locked.balanceCents, await repos.backoffice.mandateFor(access.creditorId, caseId), { ...input, origin: 'agent' }, parseCivilDate(civilDateInParis(now)));
  });
}

export async function proposePlanIn(repos: Repositories, deps: BackofficeDeps, actor: Actor, access: CaseAccess, input: PlanInput, now: Date) {
  const locked = await repos.arrangements.lockCase(access.caseId);
  if (!locked) throw notFound('Case');
  const today = parseCivilDate(civilDateInParis(now));
  const preview = previewPlanFor(locked.balanceCents, await repos.backoffice.mandateFor(access.creditorId, access.caseId), input, today);
  const reason = input.reason?.trim() || null;
  if (preview.needsApproval && !reason) throw invalid('/reason', 'beyond the mandate: give the manager a reason to approve it');
  if (await repos.backoffice.hasOpenPlan(access.creditorId, access.caseId)) throw new AppError('conflict', 'The case already has a plan running or awaiting approval');
  const id = deps.codes.id();
  const status = preview.needsApproval ? 'pending_approval' as const : 'active' as const;
  await repos.backoffice.insertPlan({
    creditorId: access.creditorId, id, caseId: access.caseId, status, agreedOn: today, frequency: input.frequency, balanceCents: preview.balanceCents,
    totalCents: preview.totalCents, interestWaived: input.interestWaived ?? false,
    budget: input.budget && preview.affordability ? { ...input.budget, monthlyCapacityCents: preview.affordability.monthlyCapacity, livingAllowanceCents: preview.affordability.livingAllowance } : null,
    origin: input.origin, mandateViolations: preview.violations, approvalReason: reason, createdBy: actorId(actor), instalments: preview.instalments,
  });
  const summary = { planId: id, frequency: input.frequency, instalments: preview.instalments.length, totalCents: preview.totalCents, firstDueOn: preview.instalments[0]!.dueOn, lastDueOn: preview.instalments.at(-1)!.dueOn };
  if (status === 'pending_approval') {
    await appendEvent(repos, actor, access, now, 'plan.approval_requested', { ...summary, violations: preview.violations.map((v) => v.rule), reason });
    await refreshCaseWorklist(repos, access.caseId, now);
    return { planId: id, status, preview, confirmation: null };
  }
  const confirmation = await activatePlan(repos, deps, actor, { ...access, status: locked.status }, id, preview.instalments, summary, now);
  return { planId: id, status, preview, confirmation };
}

/** A plan starts: event, case → plan, confirmation through the outbox, worklist refreshed. */
export async function activatePlan(
  repos: Repositories, deps: BackofficeDeps, actor: Actor, c: CaseAccess, planId: string, instalments: readonly { dueOn: string; amountCents: number }[],
  summary: Record<string, unknown>, now: Date,
) {
  await appendEvent(repos, actor, c, now, 'plan.created', summary);
  await moveCase(repos, actor, c, 'plan_agreed', now, 'instalment plan agreed');
  const confirmation = await sendConfirmation(repos, deps, actor, c.caseId, 'plan-confirmation', `plan:${planId}`, now, {
    plan: { instalments: instalments.map((i) => ({ dueDate: i.dueOn, amount: cents(i.amountCents) })) },
  });
  await refreshCaseWorklist(repos, c.caseId, now);
  return confirmation;
}

export async function proposePlan(deps: BackofficeDeps, actor: Actor, caseId: string, input: Omit<PlanInput, 'origin'>) {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => proposePlanIn(repos, deps, actor, await loadCaseAccess(repos, actor, caseId, 'write'), { ...input, origin: 'agent' }, now));
}
