/**
 * Reverses a booked payment: a returned transfer or direct debit (R-transaction: AC04, MD06…), a card
 * refund or chargeback, or an agent's correction. The allocation is undone component by component,
 * `payment.reversed` is appended. A case already closed by that payment stays closed (the transition
 * table never reopens a case): the event says so and an agent decides (the money is owed again).
 */
import { isClosed } from '../../domain/case/case-status.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { trackCaseArrangements } from '../arrangements/track-case-arrangements.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import { AppError, notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { PaymentRecord } from '../ports/payment-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import { parseCivilDate } from '../../domain/time/index.ts';
import type { PaymentDeps } from './payment-deps.ts';

export interface ReversePaymentInput {
  readonly paymentId: string;
  readonly reason: string;
  /** ISO 20022 return reason code when the bank returned the money. */
  readonly returnCode?: string | null;
}

export async function reversePayment(deps: Pick<PaymentDeps, 'uow' | 'clock'>, actor: Actor, input: ReversePaymentInput): Promise<{ payment: PaymentRecord; reversed: boolean }> {
  const now = deps.clock.now();
  return deps.uow.run((repos) => reversePaymentIn(repos, actor, input, now));
}

export async function reversePaymentIn(repos: Repositories, actor: Actor, input: ReversePaymentInput, now: Date): Promise<{ payment: PaymentRecord; reversed: boolean }> {
  if (input.reason.trim() === '') throw new AppError('validation_failed', 'reason: say why the payment is reversed');
  const found = await repos.payments.findById(input.paymentId);
  const scope = caseScopeOf(actor);
  if (!found || (scope.creditorId !== undefined && scope.creditorId !== found.creditorId)) throw notFound('Payment');
  const kase = await repos.payments.lockCase(found.caseId);
  if (!kase) throw notFound('Case');
  if (!(await repos.payments.markReversed(found.creditorId, found.id, now, input.reason))) return { payment: found, reversed: false };
  const applied = (component: 'principal' | 'interest' | 'accessories') =>
    found.allocation.applications.filter((a) => a.component === component).reduce((total, a) => total + a.amount, 0);
  await repos.payments.addPaid(found.creditorId, found.caseId, { principal: -applied('principal'), interest: -applied('interest'), accessories: -applied('accessories') }, null, now);
  await repos.arrangements.appendCaseEvent({
    creditorId: found.creditorId, caseId: found.caseId, at: now, type: 'payment.reversed', actorKind: eventActorKind(actor), actorId: actorId(actor),
    data: { paymentId: found.id, amountCents: found.amountCents, reason: input.reason, returnCode: input.returnCode ?? null, caseClosed: isClosed(kase.status), caseStatus: kase.status },
  });
  if (!isClosed(kase.status)) await trackCaseArrangements(repos, { caseId: found.caseId, today: parseCivilDate(civilDateInParis(now)), at: now, actor });
  return { payment: { ...found, status: 'reversed', reversedAt: now, reversalReason: input.reason }, reversed: true };
}
