/**
 * Webhooks of a creditor (docs/creditor-api.md#webhooks): subscriptions (the `whsec_…` secret is in
 * the creation answer only), the delivery log with each attempt, replay, and a manual run of the fan-out
 * and the dispatcher for the back office.
 */
import { Type } from 'typebox';
import { webhookEventTypes } from '../../../domain/webhooks/index.ts';
import { dispatchWebhooks, replayWebhookDelivery } from '../../../application/webhooks/dispatch-webhooks.ts';
import { fanOutWebhooks } from '../../../application/webhooks/fan-out-webhooks.ts';
import { createWebhookSubscription, disableWebhookSubscription, listWebhookSubscriptions, type SubscriptionView } from '../../../application/webhooks/manage-webhook-subscriptions.ts';
import { getWebhookDelivery, listWebhookDeliveries } from '../../../application/webhooks/read-webhook-deliveries.ts';
import type { WebhookDeps } from '../../../application/webhooks/webhook-deps.ts';
import type { DeliveryView } from '../../../application/ports/webhooks.ts';
import { problemResponses } from '../problem.ts';
import { requestActor } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const manageRule = { roles: ['admin', 'manager', 'creditor'] as const, apiKeyScopes: ['webhooks:manage'] };
const readRule = { roles: ['admin', 'manager', 'compliance', 'creditor'] as const, apiKeyScopes: ['webhooks:manage'] };
const security: Record<string, string[]>[] = [{ session: [] }, { apiKey: [] }];
const writeSecurity: Record<string, string[]>[] = [{ session: [], csrf: [] }, { apiKey: [] }];

const SubscriptionSchema = Type.Object({
  id: Uuid, creditorId: Uuid, url: Type.String(), description: Type.Union([Type.String(), Type.Null()]), eventTypes: Type.Array(Type.String()),
  secretHint: Type.String({ description: 'Last 4 characters of the secret.' }), active: Type.Boolean(), createdBy: Type.String(), createdAt: DateTime, disabledAt: NullableDateTime,
});

const DeliverySchema = Type.Object({
  id: Uuid, creditorId: Uuid, subscriptionId: Uuid, url: Type.String(), messageId: Type.String({ description: 'The `webhook-id` header.' }),
  eventType: Type.String(), caseId: Uuid, status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempts: Type.Integer(), nextAttemptAt: DateTime, lastAttemptAt: NullableDateTime, lastResponseStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]), deliveredAt: NullableDateTime, createdAt: DateTime,
});

const AttemptSchema = Type.Object({
  attempt: Type.Integer(), at: DateTime, trigger: Type.Union([Type.Literal('schedule'), Type.Literal('replay')]),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]), durationMs: Type.Integer(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const subscriptionJson = (s: SubscriptionView) => ({ ...s, eventTypes: [...s.eventTypes], createdAt: s.createdAt.toISOString(), disabledAt: iso(s.disabledAt) });
const deliveryJson = (d: DeliveryView) => ({
  ...d, nextAttemptAt: d.nextAttemptAt.toISOString(), lastAttemptAt: iso(d.lastAttemptAt), deliveredAt: iso(d.deliveredAt), createdAt: d.createdAt.toISOString(),
});

export function registerWebhookRoutes(app: AppInstanceBase, deps: WebhookDeps): void {
  app.get('/api/v1/webhooks/event-types', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: { tags: ['webhooks'], summary: 'Event types a subscription may receive', security, response: { 200: Type.Object({ items: Type.Array(Type.String()) }), ...problemResponses } },
  }, async () => ({ items: [...webhookEventTypes] }));

  app.get('/api/v1/webhooks/subscriptions', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: {
      tags: ['webhooks'], summary: 'Webhook subscriptions (a creditor sees its own; never the secret)', security,
      querystring: Type.Object({ creditorId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ items: Type.Array(SubscriptionSchema) }), ...problemResponses },
    },
  }, async (request) => ({ items: (await listWebhookSubscriptions(deps, requestActor(request), request.query)).map(subscriptionJson) }));

  app.post('/api/v1/webhooks/subscriptions', {
    // The answer holds the signing secret: never stored by the Idempotency-Key mechanism.
    config: { auth: { roles: manageRule.roles, apiKeyScopes: manageRule.apiKeyScopes }, idempotency: 'secret' },
    schema: {
      tags: ['webhooks'], summary: 'Subscribe an endpoint: the signing secret `whsec_…` is in this answer only', security: writeSecurity,
      body: Type.Object({
        creditorId: Type.Optional(Uuid), url: Type.String({ minLength: 8, maxLength: 2000, description: 'https:// (http:// outside production only).' }),
        eventTypes: Type.Array(Type.Enum(webhookEventTypes), { minItems: 1 }), description: Type.Optional(Type.String({ maxLength: 200 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ secret: Type.String(), subscription: SubscriptionSchema }), ...problemResponses },
    },
  }, async (request, reply) => {
    const created = await createWebhookSubscription(deps, requestActor(request), request.body);
    return reply.status(201).header('cache-control', 'no-store').send({ secret: created.secret, subscription: subscriptionJson(created.subscription) });
  });

  app.post('/api/v1/webhooks/subscriptions/:subscriptionId/disable', {
    config: { auth: { roles: manageRule.roles, apiKeyScopes: manageRule.apiKeyScopes } },
    schema: {
      tags: ['webhooks'], summary: 'Disable a subscription (nothing more is sent to it)', security: writeSecurity,
      params: Type.Object({ subscriptionId: Uuid }), response: { 200: SubscriptionSchema, ...problemResponses },
    },
  }, async (request) => subscriptionJson(await disableWebhookSubscription(deps, requestActor(request), { id: request.params.subscriptionId })));

  app.get('/api/v1/webhooks/deliveries', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: {
      tags: ['webhooks'], summary: 'The delivery log: status, attempts, last response code', security,
      querystring: Type.Object({
        creditorId: Type.Optional(Uuid), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(DeliverySchema), total: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => {
    const page = await listWebhookDeliveries(deps, requestActor(request), request.query);
    return { items: page.items.map(deliveryJson), total: page.total };
  });

  app.get('/api/v1/webhooks/deliveries/:deliveryId', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: {
      tags: ['webhooks'], summary: 'One delivery with every attempt', security, params: Type.Object({ deliveryId: Uuid }),
      response: { 200: Type.Intersect([DeliverySchema, Type.Object({ attemptLog: Type.Array(AttemptSchema) })]), ...problemResponses },
    },
  }, async (request) => {
    const found = await getWebhookDelivery(deps, requestActor(request), request.params.deliveryId);
    return { ...deliveryJson(found), attemptLog: found.attemptLog.map((a) => ({ ...a, at: a.at.toISOString() })) };
  });

  app.post('/api/v1/webhooks/deliveries/:deliveryId/replay', {
    config: { auth: { roles: manageRule.roles, apiKeyScopes: manageRule.apiKeyScopes } },
    schema: {
      tags: ['webhooks'], summary: 'Send a delivery again now (same webhook-id, new timestamp and signature)', security: writeSecurity,
      params: Type.Object({ deliveryId: Uuid }), response: { 200: DeliverySchema, ...problemResponses },
    },
  }, async (request) => deliveryJson(await replayWebhookDelivery(deps, requestActor(request), request.params.deliveryId)));

  app.post('/api/v1/webhooks/dispatch', {
    config: { auth: { roles: ['admin', 'manager'] } },
    schema: {
      tags: ['webhooks'], summary: 'Run the fan-out and send due deliveries now (what the scheduled job does)', security: [{ session: [], csrf: [] }],
      response: {
        200: Type.Object({
          fanOut: Type.Object({ creditors: Type.Integer(), eventsRead: Type.Integer(), deliveriesCreated: Type.Integer() }),
          dispatch: Type.Object({ claimed: Type.Integer(), delivered: Type.Integer(), retrying: Type.Integer(), failed: Type.Integer() }),
        }), ...problemResponses,
      },
    },
  }, async () => {
    const fanOut = await fanOutWebhooks(deps, deps.clock.now());
    const dispatch = await dispatchWebhooks(deps, deps.clock.now());
    return { fanOut, dispatch };
  });
}
