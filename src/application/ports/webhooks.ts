/**
 * Ports of the creditor webhooks (issue #7): subscriptions, the fan-out from case events, deliveries
 * and their log; the signer and the HTTP sender. Only adapters know SQL, crypto and the network.
 */

export interface WebhookSubscriptionRecord {
  readonly creditorId: string;
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: readonly string[];
  readonly secretCiphertext: string;
  readonly secretHint: string;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

export interface CaseEventRow {
  readonly creditorId: string;
  readonly id: string;
  readonly caseId: string;
  readonly at: Date;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly creditorReference: string;
}

export interface NewWebhookMessage {
  readonly creditorId: string;
  readonly id: string;
  readonly caseId: string;
  readonly caseEventId: string;
  readonly eventType: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

export interface DueDelivery {
  readonly creditorId: string;
  readonly id: string;
  readonly subscriptionId: string;
  readonly messageId: string;
  readonly attempts: number;
  readonly status: 'pending' | 'succeeded' | 'failed';
}

export interface DeliveryWork {
  readonly delivery: DueDelivery;
  readonly message: { readonly id: string; readonly eventType: string; readonly payload: Readonly<Record<string, unknown>>; readonly occurredAt: Date };
  readonly subscription: Pick<WebhookSubscriptionRecord, 'url' | 'secretCiphertext' | 'active'>;
}

export interface DeliveryView {
  readonly creditorId: string;
  readonly id: string;
  readonly subscriptionId: string;
  readonly url: string;
  readonly messageId: string;
  readonly eventType: string;
  readonly caseId: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastAttemptAt: Date | null;
  readonly lastResponseStatus: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

export interface AttemptView {
  readonly attempt: number;
  readonly at: Date;
  readonly trigger: 'schedule' | 'replay';
  readonly responseStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookRepository {
  insertSubscription(record: Omit<WebhookSubscriptionRecord, 'createdAt' | 'disabledAt' | 'active'>, at: Date): Promise<void>;
  listSubscriptions(filter: { readonly creditorId?: string }): Promise<WebhookSubscriptionRecord[]>;
  findSubscription(creditorId: string, id: string): Promise<WebhookSubscriptionRecord | null>;
  disableSubscription(creditorId: string, id: string, at: Date): Promise<boolean>;
  /** Creates the creditor's cursor at `position` unless it exists (a first subscription starts from now). */
  initCursor(creditorId: string, position: string, at: Date): Promise<void>;

  /** Creditors with at least one active subscription, with their cursor. */
  creditorsToFanOut(): Promise<{ creditorId: string; cursor: string | null }[]>;
  /** Case events of one creditor with `id > after`, of the given types, in id order. */
  caseEventsAfter(creditorId: string, after: string, types: readonly string[], limit: number): Promise<CaseEventRow[]>;
  /** Inserts messages (ignoring ones already there) and a delivery per matching active subscription; returns deliveries created. */
  insertMessagesAndDeliveries(creditorId: string, messages: readonly NewWebhookMessage[], at: Date): Promise<number>;
  advanceCursor(creditorId: string, position: string, at: Date): Promise<void>;

  /** Claims due pending deliveries (FOR UPDATE SKIP LOCKED) under a lease and token. */
  claimDue(now: Date, limit: number, leaseUntil: Date, token: string): Promise<DeliveryWork[]>;
  loadDelivery(creditorId: string, id: string): Promise<DeliveryWork | null>;
  recordAttempt(creditorId: string, deliveryId: string, attempt: { at: Date; trigger: 'schedule' | 'replay'; responseStatus: number | null; error: string | null; durationMs: number }): Promise<number>;
  /** Updates the delivery after an attempt; `token` guards a claimed row (null for a replay). */
  settleDelivery(creditorId: string, id: string, token: string | null, update: {
    status: 'pending' | 'succeeded' | 'failed'; attempts: number; nextAttemptAt: Date | null; lastAttemptAt: Date; lastResponseStatus: number | null; lastError: string | null; deliveredAt: Date | null;
  }): Promise<boolean>;
  listDeliveries(filter: { readonly creditorId?: string; readonly status?: string; readonly limit: number; readonly offset: number }): Promise<{ items: DeliveryView[]; total: number }>;
  findDelivery(id: string): Promise<DeliveryView | null>;
  attemptsOf(creditorId: string, deliveryId: string): Promise<AttemptView[]>;
}

/** Secrets of subscriptions and the Standard Webhooks signature. */
export interface WebhookCrypto {
  /** `whsec_<base64 of 24 random bytes>`. */
  newSecret(): string;
  encrypt(secret: string): string;
  decrypt(ciphertext: string): string;
  /** `v1,<base64 HMAC-SHA256(key = base64-decoded secret, "<id>.<timestamp>.<body>")>`. */
  sign(secret: string, messageId: string, timestampSeconds: number, body: string): string;
}

export interface WebhookResponse {
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookSender {
  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<WebhookResponse>;
}
