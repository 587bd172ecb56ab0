/** Wiring of the creditor API, webhooks and remittances (issue #7 part B): used by the server and the CLI. */
import type { Clock } from '../application/ports/clock.ts';
import type { WebhookSender } from '../application/ports/webhooks.ts';
import type { WebhookDeps } from '../application/webhooks/webhook-deps.ts';
import { DrizzleIdempotencyStore } from '../adapters/db/idempotency.repository.ts';
import { newId } from '../adapters/db/ids.ts';
import type { Database } from '../adapters/db/open-database.ts';
import { DrizzleUnitOfWork } from '../adapters/db/unit-of-work.ts';
import type { CreditorApiBundle } from '../adapters/http/routes/creditor-api.routes.ts';
import { systemClock } from '../adapters/system.clock.ts';
import { FetchWebhookSender } from '../adapters/webhooks/fetch.webhook-sender.ts';
import { StandardWebhooksCrypto } from '../adapters/webhooks/standard-webhooks.crypto.ts';
import type { Config } from './config.ts';

export function buildWebhookDeps(config: Config, database: Database, overrides: { clock?: Clock; sender?: WebhookSender } = {}): WebhookDeps {
  const uow = new DrizzleUnitOfWork(database.db);
  return {
    run: (work) => uow.run((repos) => work(repos)),
    crypto: config.webhookKey ? new StandardWebhooksCrypto(config.webhookKey) : null,
    sender: overrides.sender ?? new FetchWebhookSender(),
    clock: overrides.clock ?? systemClock,
    newId,
    allowHttp: config.mode !== 'production',
  };
}

export function buildCreditorApiBundle(config: Config, database: Database, overrides: { clock?: Clock; sender?: WebhookSender } = {}): CreditorApiBundle {
  return {
    idempotency: new DrizzleIdempotencyStore(database.db),
    webhooks: buildWebhookDeps(config, database, overrides),
    newId,
    agencyName: config.agencyName ?? 'Amiable',
  };
}
