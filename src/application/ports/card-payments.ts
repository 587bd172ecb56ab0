/**
 * A card payment provider (issue #7). The debtor pays on the provider's page or element; the provider
 * tells Amiable by a signed webhook, which books the payment (keyed by the provider's payment id, so a
 * webhook delivered twice books once).
 */
export interface CardPaymentRequest {
  readonly caseId: string;
  readonly creditorId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly description: string;
  /** Same key, same provider payment (the provider's own idempotency). */
  readonly idempotencyKey: string;
}

export interface CardPaymentSession {
  readonly provider: string;
  readonly providerRef: string;
  /** What the browser needs to finish the payment (Stripe: the PaymentIntent client secret). */
  readonly clientSecret: string | null;
  readonly status: string;
}

export type CardWebhookEvent =
  | { readonly kind: 'succeeded'; readonly providerRef: string; readonly amountCents: number; readonly currency: string; readonly caseId: string; readonly creditorId: string; readonly paidAt: Date }
  | { readonly kind: 'refunded'; readonly providerRef: string }
  | { readonly kind: 'ignored'; readonly type: string };

export interface CardPaymentProvider {
  readonly name: string;
  /** Shown in the back office; the test provider says it is one. */
  readonly label: string;
  readonly isTest: boolean;
  createPayment(request: CardPaymentRequest): Promise<CardPaymentSession>;
  /** Verifies the signature on the raw body (throws `AppError('unauthenticated')` if wrong) and reads the event. */
  parseWebhook(rawBody: string, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): CardWebhookEvent;
}
