/**
 * The embedded default card provider: no money moves. It is labelled "test provider" everywhere it
 * shows, and its webhooks are signed like Stripe's with a secret drawn at start, so the booking path
 * (signature check, event, idempotent booking) is the real one. `succeed` plays the provider's part.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CardPaymentProvider, CardPaymentRequest, CardPaymentSession, CardWebhookEvent } from '../../application/ports/card-payments.ts';
import { AppError } from '../../application/errors.ts';
import { StripeCardProvider, stripeSignature } from './stripe.card-provider.ts';

export class TestCardProvider implements CardPaymentProvider {
  readonly name = 'test';
  readonly label = 'test provider (no real payment)';
  readonly isTest = true;
  private readonly secret = randomBytes(24).toString('hex');
  private readonly verifier = new StripeCardProvider({ secretKey: 'none', webhookSecret: this.secret });
  private readonly sessions = new Map<string, CardPaymentRequest>();

  async createPayment(request: CardPaymentRequest): Promise<CardPaymentSession> {
    const providerRef = `test_pi_${randomUUID().replace(/-/g, '')}`;
    this.sessions.set(providerRef, request);
    return { provider: this.name, providerRef, clientSecret: null, status: 'requires_confirmation' };
  }

  /** The case a test payment was started for (the portal lets a debtor "pay" only their own). */
  caseOf(providerRef: string): string | null {
    return this.sessions.get(providerRef)?.caseId ?? null;
  }

  /** The webhook the provider would send once the debtor paid: body and headers, signed. */
  succeed(providerRef: string, now: Date): { rawBody: string; headers: Record<string, string> } {
    const request = this.sessions.get(providerRef);
    if (!request) throw new AppError('not_found', 'Unknown test payment');
    const rawBody = JSON.stringify({
      id: `evt_${randomUUID()}`, type: 'payment_intent.succeeded', created: Math.floor(now.getTime() / 1000),
      data: { object: { id: providerRef, amount: request.amountCents, amount_received: request.amountCents, currency: request.currency.toLowerCase(), metadata: { case_id: request.caseId, creditor_id: request.creditorId } } },
    });
    const t = Math.floor(now.getTime() / 1000);
    return { rawBody, headers: { 'stripe-signature': `t=${String(t)},v1=${stripeSignature(this.secret, t, rawBody)}` } };
  }

  parseWebhook(rawBody: string, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): CardWebhookEvent {
    return this.verifier.parseWebhook(rawBody, headers, now);
  }
}
