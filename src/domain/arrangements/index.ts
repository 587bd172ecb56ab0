export { evaluatePromise, type DatedPayment, type PromiseState, type PromiseStatus, type PromiseTerms } from './promise.ts';
export {
  trackPlan, type InstalmentState, type InstalmentStatus, type PlannedInstalment, type PlanState, type PlanStatus,
} from './plan-tracking.ts';
export {
  checkMandate, discountBps, planMonths, type MandateLimits, type MandateRule, type MandateViolation, type ProposedArrangement,
} from './mandate-limits.ts';
