/**
 * "Propose a plan": the debtor's budget (income, charges, household) → the engine's monthly capacity
 * (domain `affordability`: the RSA floor of C. conso L731-2 is left to live on) → a monthly schedule
 * of the balance → the creditor's mandate (`checkMandate`, CPCE-exéc R124-3). Within the mandate the
 * plan is agreed at once (plan + schedule, case → plan, events `plan.created` and
 * `case.status_changed`, a confirmation through the outbox); otherwise it waits for an agent
 * (`pending_approval`, event `plan.proposed`). A household with no capacity is pointed to the
 * hardship declaration instead: Amiable never proposes a plan that leaves less than the floor.
 */
import { checkMandate, type MandateViolation } from '../../domain/arrangements/index.ts';
import { canTransition } from '../../domain/case/case-transitions.ts';
import { cents, type Cents } from '../../domain/money/index.ts';
import { affordability, MAX_INSTALMENTS, schedule, type Household } from '../../domain/plans/index.ts';
import { addDays, parseCivilDate } from '../../domain/time/index.ts';
import { AppError, notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import { queueAcknowledgement, type AcknowledgementOutcome } from './acknowledge.ts';
import { debtorActorId, type DebtorActor, type PortalDeps } from './portal-deps.ts';

export interface BudgetInput {
  readonly incomeCents: number;
  readonly chargesCents: number;
  readonly adults: 1 | 2;
  readonly children: number;
  /** What the debtor would like to pay each month (optional; never above the capacity when agreed automatically). */
  readonly wishedMonthlyCents?: number | null;
}

export interface PlanQuote {
  readonly balanceCents: number;
  readonly capacityCents: number;
  readonly livingAllowanceCents: number;
  readonly monthlyCents: number;
  readonly instalments: readonly { readonly number: number; readonly dueOn: string; readonly amountCents: number }[];
  /** Empty: agreed at once. Otherwise what an agent must approve. */
  readonly violations: readonly MandateViolation[];
  readonly outcome: 'auto-accept' | 'needs-agent' | 'no-capacity' | 'nothing-owed';
}

export interface PlanProposal extends PlanQuote {
  readonly planId: string | null;
  readonly status: 'active' | 'pending_approval' | null;
  readonly confirmation: AcknowledgementOutcome | null;
}

const noMandate: MandateViolation = {
  rule: 'max-plan-months', limit: 0, actual: 0,
  message: { fr: 'Aucun mandat n’autorise d’échéancier automatique pour ce dossier.', en: 'No mandate allows an automatic plan for this case.' },
};

function quote(balance: number, budget: BudgetInput, today: string, limits: Parameters<typeof checkMandate>[1] | null, status: string): PlanQuote {
  const household: Household = { adults: budget.adults, children: budget.children };
  const afford = affordability(cents(budget.incomeCents), cents(budget.chargesCents), household, today);
  const base = { balanceCents: balance, capacityCents: afford.monthlyCapacity, livingAllowanceCents: afford.livingAllowance };
  if (balance <= 0) return { ...base, monthlyCents: 0, instalments: [], violations: [], outcome: 'nothing-owed' };
  if (afford.monthlyCapacity <= 0) return { ...base, monthlyCents: 0, instalments: [], violations: [], outcome: 'no-capacity' };
  const wished = budget.wishedMonthlyCents ?? null;
  let monthly = Math.min(wished && wished > 0 ? wished : afford.monthlyCapacity, afford.monthlyCapacity, balance);
  // A plan never exceeds the schedule's bound: raise the instalment to fit (an agent will look at it).
  monthly = Math.max(monthly, Math.ceil(balance / MAX_INSTALMENTS));
  const firstDue = addDays(parseCivilDate(today), 15);
  const plan = schedule(cents(balance), { amount: cents(monthly) }, 'monthly', firstDue);
  const instalments = plan.map((i) => ({ number: i.number, dueOn: i.dueDate, amountCents: i.amount as number }));
  const violations: MandateViolation[] = limits
    ? checkMandate({
      agreedOn: parseCivilDate(today), balance: cents(balance), total: cents(balance), interestWaived: false,
      instalments: plan.map((i) => ({ dueOn: i.dueDate, amount: i.amount as Cents })),
    }, limits)
    : [noMandate];
  const plannable = canTransition(status as Parameters<typeof canTransition>[0], 'plan_agreed');
  return { ...base, monthlyCents: monthly, instalments, violations, outcome: violations.length === 0 && plannable ? 'auto-accept' : 'needs-agent' };
}

async function load(deps: Pick<PortalDeps, 'uow'>, actor: DebtorActor) {
  return deps.uow.run(async (repos) => {
    const row = await repos.portal.myCase(actor.creditorId, actor.caseId);
    if (!row) throw notFound('Case');
    const limits = await repos.portal.mandateLimits(row.creditorId, row.mandateId);
    return { row, limits };
  });
}

function balanceOf(row: { principalCents: number; interestCents: number; accessoriesCents: number; paidCents: number; waivedCents: number }): number {
  return Math.max(0, row.principalCents + row.interestCents + row.accessoriesCents - row.paidCents - row.waivedCents);
}

function validate(budget: BudgetInput): void {
  if (budget.adults !== 1 && budget.adults !== 2) throw new AppError('validation_failed', 'adults: 1 or 2');
}

export async function quotePlan(deps: Pick<PortalDeps, 'uow' | 'clock'>, actor: DebtorActor, budget: BudgetInput): Promise<PlanQuote> {
  validate(budget);
  const { row, limits } = await load(deps, actor);
  return quote(balanceOf(row), budget, civilDateInParis(deps.clock.now()), limits && { ...limits, minInstalmentCents: cents(limits.minInstalmentCents) }, row.status);
}

export async function proposePlan(deps: Pick<PortalDeps, 'uow' | 'clock' | 'newId' | 'messaging'>, actor: DebtorActor, budget: BudgetInput): Promise<PlanProposal> {
  validate(budget);
  const now = deps.clock.now();
  const today = civilDateInParis(now);
  const planId = deps.newId();
  const result = await deps.uow.run(async (repos) => {
    const locked = await repos.arrangements.lockCase(actor.caseId);
    if (!locked || locked.creditorId !== actor.creditorId) throw notFound('Case');
    const row = await repos.portal.myCase(actor.creditorId, actor.caseId);
    if (!row) throw notFound('Case');
    const limits = await repos.portal.mandateLimits(row.creditorId, row.mandateId);
    const existing = (await repos.portal.plans(row.creditorId, row.caseId)).find((p) => p.status === 'active' || p.status === 'pending_approval');
    if (existing) throw new AppError('conflict', 'A plan is already in place or awaiting approval for this case');
    const q = quote(locked.balanceCents, budget, today, limits && { ...limits, minInstalmentCents: cents(limits.minInstalmentCents) }, locked.status);
    if (q.outcome === 'no-capacity' || q.outcome === 'nothing-owed') return { ...q, planId: null, status: null };
    const status = q.outcome === 'auto-accept' ? 'active' as const : 'pending_approval' as const;
    await repos.portal.insertPlan({
      creditorId: row.creditorId, id: planId, caseId: row.caseId, status, agreedOn: today, frequency: 'monthly',
      balanceCents: q.balanceCents, totalCents: q.balanceCents,
      budget: { incomeCents: budget.incomeCents, chargesCents: budget.chargesCents, adults: budget.adults, children: budget.children, capacityCents: q.capacityCents, livingAllowanceCents: q.livingAllowanceCents },
      mandateViolations: q.violations, createdBy: debtorActorId(actor), instalments: q.instalments,
    });
    const event = { creditorId: row.creditorId, caseId: row.caseId, at: now, actorKind: 'debtor' as const, actorId: debtorActorId(actor) };
    if (status === 'active') {
      await repos.arrangements.appendCaseEvent({ ...event, type: 'plan.created', data: { planId, origin: 'portal', totalCents: q.balanceCents, instalments: q.instalments.length, monthlyCents: q.monthlyCents } });
      if (locked.status !== 'plan' && await repos.arrangements.setCaseStatus(row.creditorId, row.caseId, locked.status, 'plan', now, 'plan agreed on the portal')) {
        await repos.arrangements.appendCaseEvent({ ...event, type: 'case.status_changed', data: { from: locked.status, to: 'plan', reason: 'plan agreed on the portal' } });
      }
    } else {
      await repos.arrangements.appendCaseEvent({ ...event, type: 'plan.proposed', data: { planId, origin: 'portal', totalCents: q.balanceCents, instalments: q.instalments.length, violations: q.violations.map((v) => v.rule) } });
    }
    return { ...q, planId, status };
  });
  const confirmation = result.status === 'active'
    ? await queueAcknowledgement(deps, actor, 'plan-confirmation', { plan: { instalments: result.instalments.map((i) => ({ dueDate: i.dueOn, amount: cents(i.amountCents) })) } }, `plan-confirmation:${planId}`)
    : null;
  return { ...result, confirmation };
}
