/**
 * Webhook subscriptions of a creditor: create one (the signing secret `whsec_…` is returned once and
 * stored encrypted, since signing needs it), list them (never the secret), disable one.
 */
import { isWebhookEventType, webhookEventTypes } from '../../domain/webhooks/index.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { WebhookSubscriptionRecord } from '../ports/webhooks.ts';
import { uuidV7LowerBound } from './uuid-time.ts';
import { requireCrypto, webhookCreditorFor, type WebhookDeps } from './webhook-deps.ts';

export type SubscriptionView = Omit<WebhookSubscriptionRecord, 'secretCiphertext'>;
const view = ({ secretCiphertext: _secret, ...rest }: WebhookSubscriptionRecord): SubscriptionView => rest;

export function checkEndpointUrl(url: string, allowHttp: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('validation_failed', 'The endpoint is not a valid URL', { errors: [{ path: 'body/url', message: 'not a URL' }] });
  }
  const ok = parsed.protocol === 'https:' || (allowHttp && parsed.protocol === 'http:');
  if (!ok) throw new AppError('validation_failed', allowHttp ? 'The endpoint must be an http(s) URL' : 'The endpoint must be an https URL', { errors: [{ path: 'body/url', message: 'https required' }] });
  if (parsed.username || parsed.password) throw new AppError('validation_failed', 'The endpoint URL must not carry credentials', { errors: [{ path: 'body/url', message: 'credentials in URL' }] });
}

export async function createWebhookSubscription(
  deps: WebhookDeps, actor: Actor, input: { creditorId?: string; url: string; eventTypes: readonly string[]; description?: string },
): Promise<{ subscription: SubscriptionView; secret: string }> {
  const creditorId = webhookCreditorFor(actor, input.creditorId);
  if (!creditorId) throw new AppError('validation_failed', 'creditorId is required', { errors: [{ path: 'body/creditorId', message: 'required' }] });
  checkEndpointUrl(input.url, deps.allowHttp);
  const unknown = input.eventTypes.filter((t) => !isWebhookEventType(t));
  if (input.eventTypes.length === 0 || unknown.length > 0) {
    throw new AppError('validation_failed', `Event types must be among ${webhookEventTypes.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`, {
      errors: [{ path: 'body/eventTypes', message: 'unknown or empty' }],
    });
  }
  const crypto = requireCrypto(deps);
  const secret = crypto.newSecret();
  const now = deps.clock.now();
  const id = deps.newId();
  const record = {
    creditorId, id, url: input.url, description: input.description ?? null, eventTypes: [...new Set(input.eventTypes)],
    secretCiphertext: crypto.encrypt(secret), secretHint: secret.slice(-4), createdBy: actorId(actor),
  };
  const subscription = await deps.run(async ({ webhooks, audit }) => {
    await webhooks.insertSubscription(record, now);
    // A creditor's first subscription starts from now, not from its whole history.
    await webhooks.initCursor(creditorId, uuidV7LowerBound(now.getTime()), now);
    await audit.append({
      at: now, actorKind: eventActorKind(actor), actorId: actorId(actor), action: 'webhook.subscription_created', entityType: 'webhook_subscription',
      entityId: id, creditorId, data: { url: input.url, eventTypes: record.eventTypes },
    });
    return webhooks.findSubscription(creditorId, id);
  });
  return { subscription: view(subscription!), secret };
}

export async function listWebhookSubscriptions(deps: Pick<WebhookDeps, 'run'>, actor: Actor, filter: { creditorId?: string }): Promise<SubscriptionView[]> {
  const creditorId = webhookCreditorFor(actor, filter.creditorId);
  return deps.run(async ({ webhooks }) => (await webhooks.listSubscriptions(creditorId ? { creditorId } : {})).map(view));
}

export async function disableWebhookSubscription(deps: Pick<WebhookDeps, 'run' | 'clock'>, actor: Actor, input: { creditorId?: string; id: string }): Promise<SubscriptionView> {
  const now = deps.clock.now();
  return deps.run(async ({ webhooks, audit }) => {
    const found = (await webhooks.listSubscriptions(input.creditorId ? { creditorId: input.creditorId } : {})).find((s) => s.id === input.id);
    const creditorId = webhookCreditorFor(actor, undefined);
    if (!found || (creditorId !== undefined && found.creditorId !== creditorId)) throw notFound('Webhook subscription');
    await webhooks.disableSubscription(found.creditorId, found.id, now);
    await audit.append({
      at: now, actorKind: eventActorKind(actor), actorId: actorId(actor), action: 'webhook.subscription_disabled', entityType: 'webhook_subscription',
      entityId: found.id, creditorId: found.creditorId, data: {},
    });
    return view((await webhooks.findSubscription(found.creditorId, found.id))!);
  });
}
