/**
 * Stripe PaymentIntents over HTTPS (no SDK: two calls and a signature check). Webhooks are verified
 * the way Stripe specifies: header `Stripe-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256(endpoint secret, "<t>.<raw body>"); any v1 may match (secret rotation); events older
 * than the tolerance (300 s, Stripe's default) are refused against replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../application/errors.ts';
import type { CardPaymentProvider, CardPaymentRequest, CardPaymentSession, CardWebhookEvent } from '../../application/ports/card-payments.ts';

export interface StripeOptions {
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** https://api.stripe.com in production; a local stand-in in tests. */
  readonly apiBase?: string;
  readonly toleranceSeconds?: number;
  readonly fetch?: typeof fetch;
}

export function stripeSignature(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${String(timestamp)}.${rawBody}`, 'utf8').digest('hex');
}

export class StripeCardProvider implements CardPaymentProvider {
  readonly name = 'stripe';
  readonly label = 'Stripe';
  readonly isTest = false;
  constructor(private readonly options: StripeOptions) {}

  async createPayment(request: CardPaymentRequest): Promise<CardPaymentSession> {
    const body = new URLSearchParams({
      amount: String(request.amountCents), currency: request.currency.toLowerCase(), description: request.description.slice(0, 300),
      'automatic_payment_methods[enabled]': 'true', 'metadata[case_id]': request.caseId, 'metadata[creditor_id]': request.creditorId,
    });
    const response = await (this.options.fetch ?? fetch)(`${this.options.apiBase ?? 'https://api.stripe.com'}/v1/payment_intents`, {
      method: 'POST', body,
      headers: { authorization: `Bearer ${this.options.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': request.idempotencyKey },
      signal: AbortSignal.timeout(15_000),
    });
    const json = await response.json() as { id?: string; client_secret?: string; status?: string; error?: { message?: string } };
    if (!response.ok || !json.id) throw new AppError('service_unavailable', `Stripe refused the payment: ${json.error?.message ?? String(response.status)}`);
    return { provider: this.name, providerRef: json.id, clientSecret: json.client_secret ?? null, status: json.status ?? 'unknown' };
  }

  parseWebhook(rawBody: string, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): CardWebhookEvent {
    const header = headers['stripe-signature'];
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) throw new AppError('unauthenticated', 'Missing Stripe-Signature header');
    const parts = value.split(',').map((p) => p.split('=') as [string, string]);
    const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
    const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v);
    if (!Number.isInteger(timestamp) || signatures.length === 0) throw new AppError('unauthenticated', 'Malformed Stripe-Signature header');
    if (Math.abs(now.getTime() / 1000 - timestamp) > (this.options.toleranceSeconds ?? 300)) throw new AppError('unauthenticated', 'Stripe event outside the tolerance window');
    const expected = Buffer.from(stripeSignature(this.options.webhookSecret, timestamp, rawBody), 'hex');
    const ok = signatures.some((s) => {
      const given = Buffer.from(s, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!ok) throw new AppError('unauthenticated', 'Stripe signature does not match');
    const event = JSON.parse(rawBody) as { type?: string; created?: number; data?: { object?: Record<string, unknown> } };
    const object = event.data?.object ?? {};
    const metadata = (object['metadata'] ?? {}) as Record<string, string>;
    const type = event.type ?? 'unknown';
    switch (type) {
      case 'payment_intent.succeeded': {
        const caseId = metadata['case_id'];
        const creditorId = metadata['creditor_id'];
        if (!caseId || !creditorId || typeof object['id'] !== 'string') throw new AppError('validation_failed', 'payment_intent without Amiable metadata');
        return {
          kind: 'succeeded', providerRef: object['id'], amountCents: Number(object['amount_received'] ?? object['amount']),
          currency: String(object['currency'] ?? 'eur').toUpperCase(), caseId, creditorId, paidAt: new Date((event.created ?? now.getTime() / 1000) * 1000),
        };
      }
      case 'charge.refunded':
        // A full refund or a lost dispute: the payment intent's money went back.
        if (typeof object['payment_intent'] === 'string' && object['refunded'] === true) return { kind: 'refunded', providerRef: object['payment_intent'] };
        return { kind: 'ignored', type };
      default:
        return { kind: 'ignored', type };
    }
  }
}
