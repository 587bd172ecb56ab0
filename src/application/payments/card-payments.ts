/**
 * Card payments: starting one for a case (the amount may not exceed the balance still due), and the
 * provider's webhook, which books it (`card:<provider>` + the provider's payment id: a webhook
 * delivered twice books once) or reverses it on a full refund.
 */
import type { Actor } from '../actor.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import { AppError, notFound } from '../errors.ts';
import type { CardPaymentProvider, CardPaymentSession } from '../ports/card-payments.ts';
import { bookPaymentIn, type BookPaymentResult } from './book-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';
import { reversePaymentIn } from './reverse-payment.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { DebtorActor } from '../portal/portal-deps.ts';

export async function startCardPayment(
  deps: Pick<PaymentDeps, 'uow'> & { cards: CardPaymentProvider }, actor: Actor, input: { caseId: string; amountCents: number; idempotencyKey: string },
): Promise<CardPaymentSession & { label: string; isTest: boolean }> {
  return startFor(deps, caseScopeOf(actor).creditorId, input);
}

/**
 * The debtor portal's card payment (issue #8): always on the debtor's own case, bound to their portal
 * session (no case id comes from the browser).
 */
export async function startDebtorCardPayment(
  deps: Pick<PaymentDeps, 'uow'> & { cards: CardPaymentProvider }, debtor: DebtorActor, input: { amountCents: number; idempotencyKey: string },
): Promise<CardPaymentSession & { label: string; isTest: boolean }> {
  return startFor(deps, debtor.creditorId, { ...input, caseId: debtor.caseId });
}

async function startFor(
  deps: Pick<PaymentDeps, 'uow'> & { cards: CardPaymentProvider }, creditorId: string | undefined, input: { caseId: string; amountCents: number; idempotencyKey: string },
): Promise<CardPaymentSession & { label: string; isTest: boolean }> {
  const kase = await deps.uow.run((repos) => repos.arrangements.lockCase(input.caseId));
  if (!kase || (creditorId !== undefined && creditorId !== kase.creditorId)) throw notFound('Case');
  if (input.amountCents <= 0 || input.amountCents > kase.balanceCents) throw new AppError('validation_failed', `amountCents: between 1 and the balance due (${String(kase.balanceCents)})`);
  const session = await deps.cards.createPayment({
    caseId: kase.caseId, creditorId: kase.creditorId, amountCents: input.amountCents, currency: 'EUR', description: `Dossier ${kase.caseId}`,
    idempotencyKey: input.idempotencyKey,
  });
  return { ...session, label: deps.cards.label, isTest: deps.cards.isTest };
}

const webhookActor = (provider: string): Actor => ({ kind: 'system', name: `card-provider:${provider}` });

export async function handleCardWebhook(
  deps: PaymentDeps & { cards: CardPaymentProvider }, input: { rawBody: string; headers: Readonly<Record<string, string | string[] | undefined>> },
): Promise<{ outcome: 'booked' | 'already_booked' | 'reversed' | 'ignored'; paymentId: string | null }> {
  const now = deps.clock.now();
  const event = deps.cards.parseWebhook(input.rawBody, input.headers, now);
  const actor = webhookActor(deps.cards.name);
  const source = `card:${deps.cards.name}`;
  switch (event.kind) {
    case 'ignored':
      return { outcome: 'ignored', paymentId: null };
    case 'succeeded': {
      const result: BookPaymentResult = await deps.uow.run((repos) => bookPaymentIn(repos, deps, actor, {
        caseId: event.caseId, amountCents: event.amountCents, currency: event.currency, valueDate: civilDateInParis(event.paidAt), method: 'card', source,
        externalRef: event.providerRef,
      }, now));
      return { outcome: result.created ? 'booked' : 'already_booked', paymentId: result.payment.id };
    }
    case 'refunded':
      return deps.uow.run(async (repos) => {
        const payments = await repos.payments.findByExternalRefAnyCreditor(source, event.providerRef);
        if (!payments) return { outcome: 'ignored' as const, paymentId: null };
        await reversePaymentIn(repos, actor, { paymentId: payments.id, reason: 'card payment refunded' }, now);
        return { outcome: 'reversed' as const, paymentId: payments.id };
      });
  }
}
