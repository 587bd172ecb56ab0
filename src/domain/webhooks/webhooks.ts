/**
 * Webhook events are derived from case events (the history every engineer writes): a creditor gets a
 * webhook for any case event of a type in this catalogue, and a `case.closed` besides a status change
 * to a `closed_*` state. Pure: the fan-out use case applies it to rows it reads.
 *
 * Retries (policy, after the Standard Webhooks guidance "retry with exponential backoff"): the first
 * attempt at once, then after 10 s × 4^(n−1), capped at 10 hours, at most 8 attempts (≈ 24 h in all).
 */

/** Case event types a creditor can subscribe to (the shared event contract), plus the derived `case.closed`. */
export const webhookEventTypes = [
  'case.created', 'case.status_changed', 'case.closed',
  'payment.received', 'payment.reversed',
  'promise.created', 'promise.kept', 'promise.broken',
  'plan.created', 'plan.broken', 'plan.completed',
  'settlement.created',
  'dispute.opened', 'dispute.resolved',
  'documents.requested', 'documents.provided',
  'suspension.opened', 'suspension.closed',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(value);
}

/** Case event types the fan-out reads (every subscribable type but the derived one). */
export const sourceCaseEventTypes: readonly string[] = webhookEventTypes.filter((t) => t !== 'case.closed');

export interface SourceCaseEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface DerivedWebhookEvent {
  readonly type: WebhookEventType;
  /** `msg_<case event id>` (+ `_closed`): stable, so the same case event is the same message forever. */
  readonly messageId: string;
}

export function webhookEventsFor(event: SourceCaseEvent): DerivedWebhookEvent[] {
  if (!isWebhookEventType(event.type) || event.type === 'case.closed') return [];
  const compact = event.id.replace(/-/g, '');
  const derived: DerivedWebhookEvent[] = [{ type: event.type, messageId: `msg_${compact}` }];
  const to = event.data.to;
  if (event.type === 'case.status_changed' && typeof to === 'string' && to.startsWith('closed_')) {
    derived.push({ type: 'case.closed', messageId: `msg_${compact}_closed` });
  }
  return derived;
}

export const WEBHOOK_MAX_ATTEMPTS = 8;
const firstRetryMs = 10_000;
const maxRetryMs = 10 * 60 * 60 * 1000;

/** Delay before the next attempt after `attemptsMade` failed ones, or null when it is time to give up. */
export function retryDelayMs(attemptsMade: number): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) throw new RangeError(`attemptsMade must be ≥ 1, got ${attemptsMade}`);
  if (attemptsMade >= WEBHOOK_MAX_ATTEMPTS) return null;
  return Math.min(maxRetryMs, firstRetryMs * 4 ** (attemptsMade - 1));
}

/** A 2xx answer is a delivery; anything else (3xx included: redirects are not followed) is retried. */
export function isDelivered(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}
