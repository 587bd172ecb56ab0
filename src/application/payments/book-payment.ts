/**
 * Books money received for a case, whatever its channel (agent entry, creditor report, card, bank
 * transfer), in one transaction:
 *  1. the case is locked; a payment already booked with the same (source, external reference) is
 *     returned as it is (a webhook or a bank entry seen twice books once);
 *  2. the rule engine allocates it (`applyPayment`: interest, accessories, then principal, C. civ.
 *     1343-1; what exceeds the balance stays unapplied, to be refunded) and the allocation is stored;
 *  3. the case's paid columns move by the applied amounts; `payment.received` is appended;
 *  4. collection messages still waiting (reminders) are cancelled at once;
 *  5. promises, plan instalments and settlements are brought up to date (`trackCaseArrangements`),
 *     which closes the case when it is paid in full or its settlement is paid;
 *  6. a receipt is queued (R124-6 CPCE: "toute somme reçue… donne lieu à quittance"), and, when the
 *     case closed, the settlement certificate with its verification code.
 */
import { applyPayment, type PaymentAllocation } from '../../domain/allocation/index.ts';
import { isClosed, type CaseStatus } from '../../domain/case/case-status.ts';
import { cents } from '../../domain/money/index.ts';
import { parseCivilDate } from '../../domain/time/index.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { trackCaseArrangements } from '../arrangements/track-case-arrangements.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import { AppError, notFound } from '../errors.ts';
import { enqueueFor, unreachableBy } from '../messaging/enqueue-message.ts';
import { issueCertificateIn } from '../messaging/issue-settlement-certificate.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { CaseForMessaging } from '../ports/messaging-repository.ts';
import type { CaseForPayment, PaidDelta, PaymentMethod, PaymentRecord } from '../ports/payment-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import { methodLabels, type PaymentDeps } from './payment-deps.ts';

export interface BookPaymentInput {
  readonly caseId: string;
  readonly amountCents: number;
  readonly currency?: string;
  /** The date the money is at the agency's disposal (a civil date). */
  readonly valueDate: string;
  readonly method: PaymentMethod;
  /** Channel: `agent`, `creditor`, `bank`, `card:stripe`, `card:test`… */
  readonly source: string;
  /** The channel's own id (cheque number, bank entry key, card payment id): one payment per (source, ref). */
  readonly externalRef: string | null;
  readonly payerName?: string | null;
}

export interface BookPaymentResult {
  readonly payment: PaymentRecord;
  /** False when the same (source, external reference) was booked before: nothing changed. */
  readonly created: boolean;
  readonly statusBefore: CaseStatus;
  readonly statusAfter: CaseStatus;
  readonly cancelledMessages: readonly string[];
  readonly receiptId: string | null;
  readonly certificateId: string | null;
  /** Why no receipt or certificate could be queued (no postal address, agency profile incomplete…). */
  readonly warnings: readonly string[];
}

export async function bookPayment(deps: PaymentDeps, actor: Actor, input: BookPaymentInput): Promise<BookPaymentResult> {
  const now = deps.clock.now();
  return deps.uow.run((repos) => bookPaymentIn(repos, deps, actor, input, now));
}

export async function bookPaymentIn(repos: Repositories, deps: Omit<PaymentDeps, 'uow' | 'clock'>, actor: Actor, input: BookPaymentInput, now: Date): Promise<BookPaymentResult> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new AppError('validation_failed', 'amountCents: a positive number of cents');
  parseCivilDate(input.valueDate);
  const kase = await repos.payments.lockCase(input.caseId);
  const scope = caseScopeOf(actor);
  if (!kase || (scope.creditorId !== undefined && scope.creditorId !== kase.creditorId)) throw notFound('Case');
  if (input.externalRef) {
    const existing = await repos.payments.findByExternalRef(kase.creditorId, input.source, input.externalRef);
    if (existing) {
      return { payment: existing, created: false, statusBefore: kase.status, statusAfter: kase.status, cancelledMessages: [], receiptId: null, certificateId: null, warnings: [] };
    }
  }
  const currency = input.currency ?? 'EUR';
  if (currency !== kase.currency) throw new AppError('validation_failed', `The case is in ${kase.currency}, the payment in ${currency}`);
  if (isClosed(kase.status)) throw new AppError('conflict', `The case is closed (${kase.status}): money received for it is to be refunded or sent to the creditor, not booked`);

  const { allocation, delta, balanceAfter } = allocateOnCase(kase, input.amountCents);
  const payment: PaymentRecord = {
    creditorId: kase.creditorId, id: deps.codes.id(), caseId: kase.caseId, amountCents: input.amountCents, currency, valueDate: input.valueDate,
    receivedAt: now, method: input.method, source: input.source, externalRef: input.externalRef, status: 'booked',
    allocation: { applications: allocation.applications, unappliedCents: allocation.unapplied, balanceAfterCents: balanceAfter },
    payerName: input.payerName ?? null, recordedBy: actorId(actor), reversedAt: null, reversalReason: null,
  };
  await repos.payments.insert(payment);
  await repos.payments.addPaid(kase.creditorId, kase.caseId, delta, input.valueDate, now);
  const event = (type: string, data: Record<string, unknown>) => repos.arrangements.appendCaseEvent({
    creditorId: kase.creditorId, caseId: kase.caseId, at: now, type, actorKind: eventActorKind(actor), actorId: actorId(actor), data,
  });
  await event('payment.received', {
    paymentId: payment.id, amountCents: payment.amountCents, currency, valueDate: payment.valueDate, method: payment.method, source: payment.source,
    externalRef: payment.externalRef, allocation: payment.allocation,
  });

  const cancelledMessages = await repos.payments.cancelPendingCollectionMessages(kase.creditorId, kase.caseId, `payment ${payment.id} received`, now);
  if (cancelledMessages.length > 0) await event('messages.cancelled', { outboxIds: cancelledMessages, reason: 'payment received' });

  const tracked = await trackCaseArrangements(repos, { caseId: kase.caseId, today: parseCivilDate(civilDateInParis(now)), at: now, actor });
  const statusAfter = tracked?.statusAfter ?? kase.status;

  const paperwork = await queueReceiptAndCertificate(repos, deps, actor, {
    payment, balanceAfter, statusAfter, loadCase: () => repos.messaging.loadCase(kase.caseId),
    totalPaid: async () => (await repos.payments.listForCase(kase.caseId)).filter((p) => p.status === 'booked').reduce((total, p) => total + p.amountCents, 0),
    appendEvent: (type, data) => event(type, data),
  }, now);
  return { payment, created: true, statusBefore: kase.status, statusAfter, cancelledMessages, ...paperwork };
}

/** The rule engine's allocation of a payment on what remains due on the case (C. civ. 1342-10, 1343-1). */
export function allocateOnCase(kase: CaseForPayment, amountCents: number): { allocation: PaymentAllocation; delta: PaidDelta; balanceAfter: number } {
  const remaining = {
    principal: Math.max(0, kase.principalCents - kase.paidPrincipalCents),
    interest: Math.max(0, kase.interestCents - kase.paidInterestCents),
    accessories: Math.max(0, kase.accessoriesCents - kase.paidAccessoriesCents),
  };
  const allocation = applyPayment(cents(amountCents), [{
    id: kase.caseId, dueDate: kase.dueDate, principal: cents(remaining.principal), interest: cents(remaining.interest), accessories: cents(remaining.accessories),
  }]);
  const sum = (component: 'principal' | 'interest' | 'accessories') =>
    allocation.applications.filter((a) => a.component === component).reduce((total, a) => total + a.amount, 0);
  const delta = { principal: sum('principal'), interest: sum('interest'), accessories: sum('accessories') };
  const balanceAfter = Math.max(0, remaining.principal + remaining.interest + remaining.accessories - delta.principal - delta.interest - delta.accessories - kase.waivedCents);
  return { allocation, delta, balanceAfter };
}

/**
 * Steps 6 of the booking: the receipt (R124-6 CPCE) and, when the payment closed the case, the
 * settlement certificate. A message that cannot be produced leaves the payment booked and says why in
 * the history. The caller says how to read the case and the total paid (one at a time, or preloaded
 * for a whole batch of bank entries) and how events are appended.
 */
export async function queueReceiptAndCertificate(
  repos: Repositories, deps: Omit<PaymentDeps, 'uow' | 'clock'>, actor: Actor,
  input: {
    readonly payment: PaymentRecord; readonly balanceAfter: number; readonly statusAfter: CaseStatus;
    readonly loadCase: () => Promise<CaseForMessaging | null>; readonly totalPaid: () => Promise<number>;
    readonly appendEvent: (type: string, data: Record<string, unknown>) => Promise<void>;
  },
  now: Date,
): Promise<{ receiptId: string | null; certificateId: string | null; warnings: string[] }> {
  const { payment } = input;
  const warnings: string[] = [];
  let receiptId: string | null = null;
  let certificateId: string | null = null;
  let messagingCase: CaseForMessaging | null = null;
  let notQueued: string | null = null;
  try {
    messagingCase = await input.loadCase();
    if (!messagingCase) throw notFound('Case');
    const hasPostal = messagingCase.contactPoints.some((p) => p.kind === 'postal' && p.status !== 'wrong' && p.status !== 'invalid');
    const agency = deps.agency.profile;
    if (!agency) throw new AppError('agency_profile_incomplete', `The agency profile is incomplete: set ${deps.agency.missing.join(', ')}`);
    const channel = hasPostal ? 'letter' : 'email';
    // A debtor without an address is common (a bank file books tens of thousands): asked first rather
    // than caught as an error, whose stack trace cost more than the rest of the receipt attempt.
    notQueued = unreachableBy(messagingCase, channel, now);
    if (notQueued === null) {
      const { message } = await enqueueFor(repos, deps, actor, messagingCase, agency, {
        caseId: payment.caseId, template: 'payment-receipt', channel, idempotencyKey: `payment-receipt:${payment.id}`,
        extras: {
          payment: {
            receiptNumber: `Q-${payment.id.replace(/-/g, '').slice(-12).toUpperCase()}`, amount: cents(payment.amountCents), receivedOn: payment.valueDate,
            method: methodLabels[payment.method].fr, balanceAfter: cents(input.balanceAfter),
          },
        },
      }, now);
      receiptId = message.id;
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    notQueued = error.message;
  }
  if (notQueued !== null) {
    warnings.push(`receipt: ${notQueued}`);
    await input.appendEvent('receipt.not_queued', { paymentId: payment.id, reason: notQueued });
  }
  if (input.statusAfter === 'closed_paid' || input.statusAfter === 'closed_settled') {
    try {
      const totalPaid = await input.totalPaid();
      // The case as read for the receipt serves again unless the receipt gave it its RF reference.
      const kase = messagingCase?.rfReference ? messagingCase : undefined;
      certificateId = (await issueCertificateIn(repos, deps, actor, { caseId: payment.caseId, totalPaid: cents(totalPaid), ...(kase ? { kase } : {}) }, now)).certificateId;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      warnings.push(`certificate: ${error.message}`);
      await input.appendEvent('certificate.not_issued', { reason: error.message });
    }
  }
  return { receiptId, certificateId, warnings };
}
