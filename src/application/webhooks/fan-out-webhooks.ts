/**
 * Fan-out: case events → webhook messages → one delivery per matching subscription. Idempotent and
 * restartable: `(creditor, case event, type)` is unique for messages and `(subscription, message)` for
 * deliveries, so running it twice, or two runners at once, creates nothing twice.
 *
 * It reads each creditor's case events after a cursor (ids are UUIDv7, ordered by creation time). An
 * event created before the cursor but committed after it moved (a long transaction) would be missed by
 * a plain cursor, so each run re-reads a look-back window (`FANOUT_LOOKBACK_MS`) behind the cursor; the
 * unique keys make the re-read harmless. A transaction longer than the window can still be missed
 * (documented limit, docs/creditor-api.md).
 */
import { sourceCaseEventTypes, webhookEventsFor } from '../../domain/webhooks/index.ts';
import type { NewWebhookMessage } from '../ports/webhooks.ts';
import { uuidV7LowerBound, uuidV7Time } from './uuid-time.ts';
import type { WebhookDeps } from './webhook-deps.ts';

export const FANOUT_LOOKBACK_MS = 5 * 60_000;
export const FANOUT_BATCH = 1000;

export interface FanOutResult {
  readonly creditors: number;
  readonly eventsRead: number;
  readonly deliveriesCreated: number;
}

export async function fanOutWebhooks(deps: Pick<WebhookDeps, 'run'>, now: Date, options: { batchSize?: number } = {}): Promise<FanOutResult> {
  const batchSize = options.batchSize ?? FANOUT_BATCH;
  const creditors = await deps.run(({ webhooks }) => webhooks.creditorsToFanOut());
  let eventsRead = 0;
  let deliveriesCreated = 0;
  for (const { creditorId, cursor } of creditors) {
    const start = cursor ?? uuidV7LowerBound(now.getTime());
    let after = uuidV7LowerBound(uuidV7Time(start) - FANOUT_LOOKBACK_MS);
    let position = start;
    for (;;) {
      const batch = await deps.run(async ({ webhooks }) => {
        const events = await webhooks.caseEventsAfter(creditorId, after, sourceCaseEventTypes, batchSize);
        const messages: NewWebhookMessage[] = events.flatMap((event) => webhookEventsFor(event).map((derived) => ({
          creditorId, id: derived.messageId, caseId: event.caseId, caseEventId: event.id, eventType: derived.type, occurredAt: event.at,
          payload: {
            type: derived.type, timestamp: event.at.toISOString(),
            data: { eventId: event.id, caseId: event.caseId, creditorReference: event.creditorReference, ...event.data },
          },
        })));
        const created = messages.length > 0 ? await webhooks.insertMessagesAndDeliveries(creditorId, messages, now) : 0;
        const last = events.at(-1)?.id;
        if (last !== undefined && last > position) {
          position = last;
          await webhooks.advanceCursor(creditorId, position, now);
        }
        return { read: events.length, created, last };
      });
      eventsRead += batch.read;
      deliveriesCreated += batch.created;
      if (batch.read < batchSize || batch.last === undefined) break;
      after = batch.last;
    }
    if (cursor === null) await deps.run(({ webhooks }) => webhooks.advanceCursor(creditorId, position, now));
  }
  return { creditors: creditors.length, eventsRead, deliveriesCreated };
}
