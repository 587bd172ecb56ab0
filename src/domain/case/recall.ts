/**
 * May a creditor recall (take back) a case now? A recall closes it as `closed_returned`.
 *
 * Policy (kind `policy`, Amiable's own): a creditor may end the mandate at any time (C. civ. 2004, the
 * principal revokes a mandate at will), but not in a way that harms the debtor who is paying under an
 * arrangement the agency agreed for the creditor: while an instalment plan is active, a settlement is
 * awaiting payment, or a payment the debtor announced (a promise) is pending, the debtor's money could
 * arrive on a closed case, or the debtor could be pursued by the creditor for sums already arranged.
 * So the recall is refused with the reason, until the arrangement ends; compliance may force it (e.g.
 * the creditor's mandate ended), in which case the arrangements are cancelled and the reason recorded.
 */
import { isClosed, type CaseStatus } from './case-status.ts';

export type RecallBlocker = 'already_closed' | 'active_plan' | 'pending_settlement' | 'pending_promise' | 'payment_in_progress';

export interface RecallSituation {
  readonly status: CaseStatus;
  readonly activePlan: boolean;
  readonly pendingSettlement: boolean;
  readonly pendingPromises: number;
  /** Payments started but not yet settled (card authorisations, transfers announced by the provider). */
  readonly paymentsInProgress: number;
}

export interface RecallDecision {
  readonly allowed: boolean;
  /** Why it is refused (or what a forced recall overrides). */
  readonly blockers: readonly { readonly code: RecallBlocker; readonly message: { readonly en: string; readonly fr: string } }[];
  readonly forced: boolean;
}

const messages: Record<RecallBlocker, { en: string; fr: string }> = {
  already_closed: { en: 'The case is already closed.', fr: 'Le dossier est déjà clos.' },
  active_plan: { en: 'An instalment plan is active: the debtor is paying under it.', fr: 'Un échéancier est en cours : le débiteur paie selon ce plan.' },
  pending_settlement: { en: 'A settlement agreed with the debtor is awaiting payment.', fr: 'Un accord transactionnel conclu avec le débiteur attend son paiement.' },
  pending_promise: { en: 'The debtor promised a payment that is not yet due or settled.', fr: 'Le débiteur a promis un paiement qui n\'est pas encore échu ou réglé.' },
  payment_in_progress: { en: 'A payment is in progress.', fr: 'Un paiement est en cours.' },
};

/** `force` (compliance only) overrides every blocker but a closed case, which never reopens or recloses. */
export function decideRecall(situation: RecallSituation, force: boolean): RecallDecision {
  if (isClosed(situation.status)) return { allowed: false, forced: false, blockers: [{ code: 'already_closed', message: messages.already_closed }] };
  const codes: RecallBlocker[] = [];
  if (situation.activePlan) codes.push('active_plan');
  if (situation.pendingSettlement) codes.push('pending_settlement');
  if (situation.pendingPromises > 0) codes.push('pending_promise');
  if (situation.paymentsInProgress > 0) codes.push('payment_in_progress');
  const blockers = codes.map((code) => ({ code, message: messages[code] }));
  if (blockers.length === 0) return { allowed: true, forced: false, blockers };
  return { allowed: force, forced: force, blockers };
}
