/**
 * `amiable webhooks dispatch [--limit N]`: runs the webhook fan-out (case events → deliveries) and
 * sends the deliveries that are due, once, then prints what it did as JSON. The same idempotent use
 * cases a scheduled job runs; safe to run while the server runs on PostgreSQL (rows are claimed with
 * SKIP LOCKED). On the embedded database, stop the server first (one process per data directory).
 */
import { parseArgs } from 'node:util';
import { fanOutWebhooks } from '../application/webhooks/fan-out-webhooks.ts';
import { dispatchWebhooks } from '../application/webhooks/dispatch-webhooks.ts';
import { purgeIdempotencyKeys } from '../application/idempotency/idempotent-request.ts';
import { DrizzleIdempotencyStore } from '../adapters/db/idempotency.repository.ts';
import { loadConfig } from '../server/config.ts';
import { buildWebhookDeps } from '../server/creditor-api.ts';
import type { CliCommand } from './command.ts';
import { openConfiguredDatabase } from './configured-database.ts';

const usage = 'Usage: amiable webhooks dispatch [--limit N]   (fan out case events, send due webhooks)\n'
  + '       amiable webhooks purge-idempotency            (delete Idempotency-Key records older than 24 h)\n';

export const webhooksCommand: CliCommand = {
  summary: 'webhooks dispatch: fan out case events and send due webhooks now',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { limit: { type: 'string' } } });
    } catch (error) {
      process.stderr.write(`amiable webhooks: ${(error as Error).message}\n${usage}`);
      return 2;
    }
    const action = parsed.positionals[0];
    const limit = parsed.values.limit === undefined ? 200 : Number(parsed.values.limit);
    if ((action !== 'dispatch' && action !== 'purge-idempotency') || !Number.isInteger(limit) || limit < 1) {
      process.stderr.write(usage);
      return 2;
    }
    const config = loadConfig();
    const database = await openConfiguredDatabase();
    try {
      if (action === 'purge-idempotency') {
        process.stdout.write(`${JSON.stringify(await purgeIdempotencyKeys({ store: new DrizzleIdempotencyStore(database.db) }, new Date()))}\n`);
        return 0;
      }
      const deps = buildWebhookDeps(config, database);
      const fanOut = await fanOutWebhooks(deps, deps.clock.now());
      const dispatch = await dispatchWebhooks(deps, deps.clock.now(), { limit });
      process.stdout.write(`${JSON.stringify({ fanOut, dispatch })}\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
