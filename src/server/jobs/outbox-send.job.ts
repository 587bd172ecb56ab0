import { Type } from 'typebox';
import { dispatchOutbox } from '../../application/messaging/dispatch-outbox.ts';
import type { RegisteredJob } from './job-context.ts';

const name = 'outbox.send';
/** A run sends at most this many batches of 50, then lets the next slot continue: runs stay short. */
const MAX_BATCHES = 20;

export const outboxSendJob: RegisteredJob = {
  definition: {
    name, version: 1,
    payload: Type.Object({ slot: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    idempotencyKey: (p) => `outbox:${(p as { slot: number }).slot}`,
    retry: { limit: 3, delaySeconds: 10, backoff: true },
    expireInSeconds: 15 * 60,
    description: 'Sends the due SMS and e-mails of the outbox, each after the compliance engine allowed it (refusals counted by rule). '
      + 'Enqueued every AMIABLE_OUTBOX_INTERVAL_SECONDS with the time slot as key (several workers, one job per slot). '
      + 'Idempotent: rows are claimed with FOR UPDATE SKIP LOCKED under a lease, the provider gets the row id as delivery key, '
      + 'and a sent row is never claimed again (docs/letters.md).',
  },
  every: { seconds: (config) => config.outboxIntervalSeconds, payload: (slot) => ({ slot }) },
  handler: (ctx) => async () => {
    let claimed = 0;
    let sent = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const report = await dispatchOutbox(ctx.messaging, { limit: 50 });
      claimed += report.claimed;
      for (const result of report.results) {
        if (result.outcome === 'sent') sent++;
        if (result.outcome === 'refused' && result.rules) ctx.metrics?.complianceRefused(result.rules, 'outbox');
      }
      if (report.claimed < 50) break;
    }
    if (claimed > 0) ctx.log.info({ job: name, claimed, sent }, 'outbox dispatched');
    return { claimed, sent };
  },
};
