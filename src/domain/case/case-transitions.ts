/**
 * The case life cycle (DESIGN.md §1) as one transition table: every status change goes through
 * `transition`, which refuses a change the process does not allow (a closed case never reopens; a
 * plan is agreed only on an open case…). Suspensions are separate records, not states.
 */
import { isClosed, type CaseStatus } from './case-status.ts';

export const caseTransitionEvents = [
  'intake_accepted', 'notice_sent', 'promise_made', 'promise_ended', 'plan_agreed', 'plan_ended', 'paid_in_full',
  'settlement_paid', 'time_barred', 'returned_to_creditor', 'dispute_upheld', 'litigation_handoff',
] as const;

export type CaseTransitionEvent = (typeof caseTransitionEvents)[number];

/** Where each event may happen and where it leads. `open` = any status that is not closed. */
const table: Record<CaseTransitionEvent, { readonly from: readonly CaseStatus[] | 'open'; readonly to: CaseStatus }> = {
  intake_accepted: { from: ['intake'], to: 'notice_pending' },
  notice_sent: { from: ['notice_pending'], to: 'active' },
  promise_made: { from: ['active', 'promise'], to: 'promise' },
  // A promise kept (with a balance left) or broken puts the case back into active collection.
  promise_ended: { from: ['promise'], to: 'active' },
  plan_agreed: { from: ['active', 'promise', 'plan'], to: 'plan' },
  // A plan broken (missed instalment after the grace days) or cancelled.
  plan_ended: { from: ['plan'], to: 'active' },
  paid_in_full: { from: 'open', to: 'closed_paid' },
  settlement_paid: { from: 'open', to: 'closed_settled' },
  time_barred: { from: 'open', to: 'closed_prescribed' },
  returned_to_creditor: { from: 'open', to: 'closed_returned' },
  dispute_upheld: { from: 'open', to: 'closed_erroneous' },
  litigation_handoff: { from: ['notice_pending', 'active', 'promise', 'plan'], to: 'litigation' },
};

export class IllegalTransitionError extends Error {
  constructor(readonly from: CaseStatus, readonly event: CaseTransitionEvent) {
    super(`A case in status ${from} cannot take the event ${event}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: CaseStatus, event: CaseTransitionEvent): boolean {
  const rule = table[event];
  return rule.from === 'open' ? !isClosed(from) : rule.from.includes(from);
}

export function transition(from: CaseStatus, event: CaseTransitionEvent): CaseStatus {
  if (!canTransition(from, event)) throw new IllegalTransitionError(from, event);
  return table[event].to;
}
