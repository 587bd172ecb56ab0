/**
 * Creditor webhooks (issue #7 part B, docs/creditor-api.md): the fan-out from case events and the
 * dispatcher run every 15 seconds; expired Idempotency-Key records are purged nightly. Both use cases
 * are idempotent `(deps, now)` functions (unique messages and deliveries, claims under a lease).
 */
import { Type } from 'typebox';
import { purgeIdempotencyKeys } from '../../application/idempotency/idempotent-request.ts';
import { dispatchWebhooks } from '../../application/webhooks/dispatch-webhooks.ts';
import { fanOutWebhooks } from '../../application/webhooks/fan-out-webhooks.ts';
import { DrizzleIdempotencyStore } from '../../adapters/db/idempotency.repository.ts';
import { buildWebhookDeps } from '../creditor-api.ts';
import { agencyTimeZone, type RegisteredJob } from './job-context.ts';

/** Seconds between two webhook runs: a creditor hears of a payment within about this delay. */
export const WEBHOOK_INTERVAL_SECONDS = 15;

export const webhooksDispatchJob: RegisteredJob = {
  definition: {
    name: 'webhooks.dispatch', version: 1,
    payload: Type.Object({ slot: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    idempotencyKey: (p) => `webhooks:${(p as { slot: number }).slot}`,
    retry: { limit: 3, delaySeconds: 10, backoff: true },
    expireInSeconds: 15 * 60,
    description: 'Turns new case events into webhook deliveries (cursor + look-back, unique keys) and sends the due ones, '
      + 'signed the Standard Webhooks way, retrying failures with exponential backoff. Idempotent: deliveries are claimed with '
      + 'FOR UPDATE SKIP LOCKED under a lease.',
  },
  every: { seconds: () => WEBHOOK_INTERVAL_SECONDS, payload: (slot) => ({ slot }) },
  handler: (ctx) => async () => {
    const deps = buildWebhookDeps(ctx.config, ctx.database);
    const fanOut = await fanOutWebhooks(deps, deps.clock.now());
    const dispatch = await dispatchWebhooks(deps, deps.clock.now(), { limit: 200 });
    if (fanOut.deliveriesCreated > 0 || dispatch.claimed > 0) ctx.log.info({ job: 'webhooks.dispatch', fanOut, dispatch }, 'webhooks dispatched');
    return { fanOut, dispatch };
  },
};

export const idempotencyPurgeJob: RegisteredJob = {
  definition: {
    name: 'idempotency.purge', version: 1,
    payload: Type.Object({}, { additionalProperties: true }),
    idempotencyKey: () => 'idempotency-purge',
    retry: { limit: 3, delaySeconds: 60, backoff: true },
    expireInSeconds: 15 * 60,
    schedule: { cron: '45 3 * * *', timeZone: agencyTimeZone, payload: {} },
    description: 'Deletes Idempotency-Key records older than 24 hours. Idempotent: a second run finds nothing to delete.',
  },
  handler: (ctx) => async () => purgeIdempotencyKeys({ store: new DrizzleIdempotencyStore(ctx.database.db) }, new Date()),
};
