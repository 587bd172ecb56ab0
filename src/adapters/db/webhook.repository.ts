import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type {
  AttemptView, CaseEventRow, DeliveryView, DeliveryWork, NewWebhookMessage, WebhookRepository, WebhookSubscriptionRecord,
} from '../../application/ports/webhooks.ts';
import { newId } from './ids.ts';
import type { DbExecutor } from './open-database.ts';
import { caseEvents, cases, webhookAttempts, webhookCursors, webhookDeliveries, webhookMessages, webhookSubscriptions } from './schema.ts';

const deliveryColumns = {
  creditorId: webhookDeliveries.creditorId, id: webhookDeliveries.id, subscriptionId: webhookDeliveries.subscriptionId, url: webhookSubscriptions.url,
  messageId: webhookDeliveries.messageId, eventType: webhookMessages.eventType, caseId: webhookMessages.caseId, status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt, lastAttemptAt: webhookDeliveries.lastAttemptAt,
  lastResponseStatus: webhookDeliveries.lastResponseStatus, lastError: webhookDeliveries.lastError, deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
};

export class DrizzleWebhookRepository implements WebhookRepository {
  constructor(private readonly db: DbExecutor) {}

  async insertSubscription(record: Omit<WebhookSubscriptionRecord, 'createdAt' | 'disabledAt' | 'active'>, at: Date): Promise<void> {
    await this.db.insert(webhookSubscriptions).values({ ...record, eventTypes: [...record.eventTypes], createdAt: at });
  }

  async listSubscriptions(filter: { readonly creditorId?: string }): Promise<WebhookSubscriptionRecord[]> {
    return this.db.select().from(webhookSubscriptions)
      .where(filter.creditorId ? eq(webhookSubscriptions.creditorId, filter.creditorId) : undefined)
      .orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id));
  }

  async findSubscription(creditorId: string, id: string): Promise<WebhookSubscriptionRecord | null> {
    const [row] = await this.db.select().from(webhookSubscriptions).where(and(eq(webhookSubscriptions.creditorId, creditorId), eq(webhookSubscriptions.id, id)));
    return row ?? null;
  }

  async disableSubscription(creditorId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.db.update(webhookSubscriptions).set({ active: false, disabledAt: at })
      .where(and(eq(webhookSubscriptions.creditorId, creditorId), eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true)))
      .returning({ id: webhookSubscriptions.id });
    return rows.length === 1;
  }

  async initCursor(creditorId: string, position: string, at: Date): Promise<void> {
    await this.db.insert(webhookCursors).values({ creditorId, lastEventId: position, updatedAt: at }).onConflictDoNothing();
  }

  async creditorsToFanOut(): Promise<{ creditorId: string; cursor: string | null }[]> {
    const rows = await this.db.select({ creditorId: webhookSubscriptions.creditorId, cursor: webhookCursors.lastEventId })
      .from(webhookSubscriptions)
      .leftJoin(webhookCursors, eq(webhookCursors.creditorId, webhookSubscriptions.creditorId))
      .where(eq(webhookSubscriptions.active, true))
      .groupBy(webhookSubscriptions.creditorId, webhookCursors.lastEventId);
    return rows;
  }

  async caseEventsAfter(creditorId: string, after: string, types: readonly string[], limit: number): Promise<CaseEventRow[]> {
    const rows = await this.db.select({
      creditorId: caseEvents.creditorId, id: caseEvents.id, caseId: caseEvents.caseId, at: caseEvents.at, type: caseEvents.type, data: caseEvents.data,
      creditorReference: cases.creditorReference,
    }).from(caseEvents)
      .innerJoin(cases, and(eq(cases.creditorId, caseEvents.creditorId), eq(cases.id, caseEvents.caseId)))
      .where(and(eq(caseEvents.creditorId, creditorId), gt(caseEvents.id, after), inArray(caseEvents.type, [...types])))
      .orderBy(asc(caseEvents.id)).limit(limit);
    return rows.map((r) => ({ ...r, data: (r.data ?? {}) as Record<string, unknown> }));
  }

  async insertMessagesAndDeliveries(creditorId: string, messages: readonly NewWebhookMessage[], at: Date): Promise<number> {
    await this.db.insert(webhookMessages).values(messages.map((m) => ({ ...m, payload: m.payload as object }))).onConflictDoNothing();
    const subscriptions = await this.db.select({ id: webhookSubscriptions.id, eventTypes: webhookSubscriptions.eventTypes, createdAt: webhookSubscriptions.createdAt })
      .from(webhookSubscriptions).where(and(eq(webhookSubscriptions.creditorId, creditorId), eq(webhookSubscriptions.active, true)));
    const rows = messages.flatMap((m) => subscriptions
      // A subscription receives the events that happened since it was created.
      .filter((s) => s.eventTypes.includes(m.eventType) && m.occurredAt.getTime() >= s.createdAt.getTime())
      .map((s) => ({ creditorId, id: newId(), subscriptionId: s.id, messageId: m.id, status: 'pending' as const, nextAttemptAt: at })));
    if (rows.length === 0) return 0;
    const inserted = await this.db.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id });
    return inserted.length;
  }

  async advanceCursor(creditorId: string, position: string, at: Date): Promise<void> {
    await this.db.insert(webhookCursors).values({ creditorId, lastEventId: position, updatedAt: at })
      .onConflictDoUpdate({ target: webhookCursors.creditorId, set: { lastEventId: sql`greatest(${webhookCursors.lastEventId}, excluded.last_event_id)`, updatedAt: at } });
  }

  private workQuery() {
    return this.db.select({
      delivery: {
        creditorId: webhookDeliveries.creditorId, id: webhookDeliveries.id, subscriptionId: webhookDeliveries.subscriptionId,
        messageId: webhookDeliveries.messageId, attempts: webhookDeliveries.attempts, status: webhookDeliveries.status,
      },
      message: { id: webhookMessages.id, eventType: webhookMessages.eventType, payload: webhookMessages.payload, occurredAt: webhookMessages.occurredAt },
      subscription: { url: webhookSubscriptions.url, secretCiphertext: webhookSubscriptions.secretCiphertext, active: webhookSubscriptions.active },
    }).from(webhookDeliveries)
      .innerJoin(webhookMessages, and(eq(webhookMessages.creditorId, webhookDeliveries.creditorId), eq(webhookMessages.id, webhookDeliveries.messageId)))
      .innerJoin(webhookSubscriptions, and(eq(webhookSubscriptions.creditorId, webhookDeliveries.creditorId), eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId)));
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date, token: string): Promise<DeliveryWork[]> {
    const due = await this.db.select({ creditorId: webhookDeliveries.creditorId, id: webhookDeliveries.id }).from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now))))
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id)).limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await this.db.update(webhookDeliveries).set({ leaseUntil, claimToken: token }).where(inArray(webhookDeliveries.id, ids));
    const rows = await this.workQuery().where(and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.claimToken, token)));
    return rows.map(toWork);
  }

  async loadDelivery(creditorId: string, id: string): Promise<DeliveryWork | null> {
    const [row] = await this.workQuery().where(and(eq(webhookDeliveries.creditorId, creditorId), eq(webhookDeliveries.id, id)));
    return row ? toWork(row) : null;
  }

  async recordAttempt(creditorId: string, deliveryId: string, attempt: { at: Date; trigger: 'schedule' | 'replay'; responseStatus: number | null; error: string | null; durationMs: number }): Promise<number> {
    // Attempts are numbered per delivery; the delivery row is locked by the caller's claim or replay.
    const [last] = await this.db.select({ n: sql<number>`coalesce(max(${webhookAttempts.attempt}), 0)` }).from(webhookAttempts)
      .where(and(eq(webhookAttempts.creditorId, creditorId), eq(webhookAttempts.deliveryId, deliveryId)));
    const number = Number(last?.n ?? 0) + 1;
    await this.db.insert(webhookAttempts).values({ creditorId, deliveryId, attempt: number, ...attempt, error: attempt.error?.slice(0, 500) ?? null });
    return number;
  }

  async settleDelivery(creditorId: string, id: string, token: string | null, update: {
    status: 'pending' | 'succeeded' | 'failed'; attempts: number; nextAttemptAt: Date | null; lastAttemptAt: Date; lastResponseStatus: number | null; lastError: string | null; deliveredAt: Date | null;
  }): Promise<boolean> {
    const guard: SQL[] = [eq(webhookDeliveries.creditorId, creditorId), eq(webhookDeliveries.id, id)];
    if (token !== null) guard.push(eq(webhookDeliveries.claimToken, token));
    const rows = await this.db.update(webhookDeliveries).set({
      status: update.status, attempts: update.attempts, lastAttemptAt: update.lastAttemptAt, lastResponseStatus: update.lastResponseStatus,
      lastError: update.lastError?.slice(0, 500) ?? null, leaseUntil: null, claimToken: null,
      ...(update.nextAttemptAt ? { nextAttemptAt: update.nextAttemptAt } : {}),
      ...(update.deliveredAt ? { deliveredAt: update.deliveredAt } : {}),
    }).where(and(...guard)).returning({ id: webhookDeliveries.id });
    return rows.length === 1;
  }

  private viewQuery() {
    return this.db.select(deliveryColumns).from(webhookDeliveries)
      .innerJoin(webhookMessages, and(eq(webhookMessages.creditorId, webhookDeliveries.creditorId), eq(webhookMessages.id, webhookDeliveries.messageId)))
      .innerJoin(webhookSubscriptions, and(eq(webhookSubscriptions.creditorId, webhookDeliveries.creditorId), eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId)));
  }

  async listDeliveries(filter: { readonly creditorId?: string; readonly status?: string; readonly limit: number; readonly offset: number }): Promise<{ items: DeliveryView[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.creditorId) conditions.push(eq(webhookDeliveries.creditorId, filter.creditorId));
    if (filter.status) conditions.push(eq(webhookDeliveries.status, filter.status as 'pending'));
    const where = conditions.length ? and(...conditions) : undefined;
    const items = await this.viewQuery().where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(filter.limit).offset(filter.offset);
    const [total] = await this.db.select({ n: count() }).from(webhookDeliveries).where(where);
    return { items, total: total?.n ?? 0 };
  }

  async findDelivery(id: string): Promise<DeliveryView | null> {
    const [row] = await this.viewQuery().where(eq(webhookDeliveries.id, id));
    return row ?? null;
  }

  async attemptsOf(creditorId: string, deliveryId: string): Promise<AttemptView[]> {
    return this.db.select({
      attempt: webhookAttempts.attempt, at: webhookAttempts.at, trigger: webhookAttempts.trigger, responseStatus: webhookAttempts.responseStatus,
      error: webhookAttempts.error, durationMs: webhookAttempts.durationMs,
    }).from(webhookAttempts).where(and(eq(webhookAttempts.creditorId, creditorId), eq(webhookAttempts.deliveryId, deliveryId))).orderBy(asc(webhookAttempts.attempt));
  }
}

function toWork(row: { delivery: DeliveryWork['delivery']; message: { id: string; eventType: string; payload: unknown; occurredAt: Date }; subscription: DeliveryWork['subscription'] }): DeliveryWork {
  return { delivery: row.delivery, message: { ...row.message, payload: row.message.payload as Record<string, unknown> }, subscription: row.subscription };
}
