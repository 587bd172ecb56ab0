/** The delivery log, scoped like cases: a creditor (key or user) sees only its own deliveries. */
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { AttemptView, DeliveryView } from '../ports/webhooks.ts';
import { webhookCreditorFor, type WebhookDeps } from './webhook-deps.ts';

export async function listWebhookDeliveries(
  deps: Pick<WebhookDeps, 'run'>, actor: Actor, query: { creditorId?: string; status?: 'pending' | 'succeeded' | 'failed'; limit: number; offset: number },
): Promise<{ items: DeliveryView[]; total: number }> {
  const creditorId = webhookCreditorFor(actor, query.creditorId);
  return deps.run(({ webhooks }) => webhooks.listDeliveries({
    ...(creditorId ? { creditorId } : {}), ...(query.status ? { status: query.status } : {}), limit: query.limit, offset: query.offset,
  }));
}

export async function getWebhookDelivery(deps: Pick<WebhookDeps, 'run'>, actor: Actor, id: string): Promise<DeliveryView & { attemptLog: AttemptView[] }> {
  const creditorId = webhookCreditorFor(actor, undefined);
  return deps.run(async ({ webhooks }) => {
    const found = await webhooks.findDelivery(id);
    if (!found || (creditorId !== undefined && found.creditorId !== creditorId)) throw notFound('Webhook delivery');
    return { ...found, attemptLog: await webhooks.attemptsOf(found.creditorId, found.id) };
  });
}
