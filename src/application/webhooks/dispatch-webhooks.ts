/**
 * Sends due webhook deliveries, signed the Standard Webhooks way (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), and records every attempt.
 * A 2xx answer delivers; anything else is retried with exponential backoff (domain `retryDelayMs`) until
 * the last attempt, then the delivery is `failed` (replayable from the back office).
 *
 * Rows are claimed under a lease and a token (FOR UPDATE SKIP LOCKED): several dispatchers never send
 * the same attempt twice, and a dispatcher that dies releases its rows when the lease ends. A receiver
 * may still see a message twice (an answer lost on the way back): it deduplicates on `webhook-id`.
 */
import { isDelivered, retryDelayMs } from '../../domain/webhooks/index.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import type { DeliveryView, DeliveryWork } from '../ports/webhooks.ts';
import { requireCrypto, type WebhookDeps } from './webhook-deps.ts';

export const DISPATCH_LEASE_MS = 60_000;

export interface DispatchResult {
  readonly claimed: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

export async function dispatchWebhooks(deps: WebhookDeps, now: Date, options: { limit?: number } = {}): Promise<DispatchResult> {
  const token = deps.newId();
  const work = await deps.run(({ webhooks }) => webhooks.claimDue(now, options.limit ?? 50, new Date(now.getTime() + DISPATCH_LEASE_MS), token));
  let delivered = 0;
  let retrying = 0;
  let failed = 0;
  // A few at a time: one slow endpoint must not hold the others back.
  const queue = [...work];
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const outcome = await attempt(deps, next, token, 'schedule');
      if (outcome === 'succeeded') delivered++;
      else if (outcome === 'pending') retrying++;
      else failed++;
    }
  }));
  return { claimed: work.length, delivered, retrying, failed };
}

async function attempt(deps: WebhookDeps, work: DeliveryWork, token: string | null, trigger: 'schedule' | 'replay'): Promise<'succeeded' | 'pending' | 'failed'> {
  const { delivery, message, subscription } = work;
  const sentAt = deps.clock.now();
  let response: { status: number | null; error: string | null; durationMs: number };
  if (!subscription.active) {
    response = { status: null, error: 'subscription disabled', durationMs: 0 };
  } else {
    const crypto = requireCrypto(deps);
    const body = JSON.stringify(message.payload);
    const timestamp = Math.floor(sentAt.getTime() / 1000);
    const signature = crypto.sign(crypto.decrypt(subscription.secretCiphertext), message.id, timestamp, body);
    response = await deps.sender.post(subscription.url, {
      'content-type': 'application/json', 'user-agent': 'Amiable-Webhooks/1', 'webhook-id': message.id,
      'webhook-timestamp': String(timestamp), 'webhook-signature': signature,
    }, body);
  }
  const attempts = delivery.attempts + 1;
  const ok = isDelivered(response.status);
  const delay = ok || !subscription.active ? null : retryDelayMs(attempts);
  // A replay of a finished delivery is one more try: it does not re-arm the retry schedule.
  const status = ok ? 'succeeded' : trigger === 'replay' && delivery.status !== 'pending' ? 'failed' : delay === null ? 'failed' : 'pending';
  await deps.run(async ({ webhooks }) => {
    await webhooks.recordAttempt(delivery.creditorId, delivery.id, { at: sentAt, trigger, responseStatus: response.status, error: response.error, durationMs: response.durationMs });
    await webhooks.settleDelivery(delivery.creditorId, delivery.id, token, {
      status, attempts, nextAttemptAt: status === 'pending' && delay !== null ? new Date(sentAt.getTime() + delay) : null, lastAttemptAt: sentAt,
      lastResponseStatus: response.status, lastError: response.error, deliveredAt: ok ? sentAt : null,
    });
  });
  return status;
}

/** Sends one delivery again now (back office or API), whatever its state; the attempt is logged as a replay. */
export async function replayWebhookDelivery(deps: WebhookDeps, actor: Actor, deliveryId: string): Promise<DeliveryView> {
  const scope = caseScopeOf(actor);
  const found = await deps.run(({ webhooks }) => webhooks.findDelivery(deliveryId));
  if (!found || (scope.creditorId !== undefined && found.creditorId !== scope.creditorId)) throw notFound('Webhook delivery');
  const work = await deps.run(({ webhooks }) => webhooks.loadDelivery(found.creditorId, found.id));
  if (!work) throw notFound('Webhook delivery');
  await attempt(deps, work, null, 'replay');
  return deps.run(async ({ webhooks, audit }) => {
    await audit.append({
      at: deps.clock.now(), actorKind: eventActorKind(actor), actorId: actorId(actor), action: 'webhook.delivery_replayed', entityType: 'webhook_delivery',
      entityId: found.id, creditorId: found.creditorId, data: { messageId: found.messageId },
    });
    return (await webhooks.findDelivery(found.id))!;
  });
}
