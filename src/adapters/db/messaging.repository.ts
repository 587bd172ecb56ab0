/** SQL of the outbox, print batches, certificates and the case data messages are made from. */
import { and, asc, count, desc, eq, inArray, isNull, lte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Decision } from '../../domain/contact-policy/index.ts';
import type {
  CaseForMessaging, CaughtMessageRecord, CodeReservation, LetterBatchRecord, MessagingRepository, NewOutboxRecord, OutboxFilter, OutboxRecord,
} from '../../application/ports/messaging-repository.ts';
import { newId } from './ids.ts';
import { queryRows, uuidArray, type DbExecutor } from './open-database.ts';
// Debtor portal (issue #8): contact preferences.
import { debtorPreferences } from './schema.ts';
import {
  caseEvents, cases, caughtMessages, certificates, codeRegistry, contactAttempts, contactPoints, creditors, debtors, letterBatches, outbox, suspensions,
} from './schema.ts';

type OutboxRow = typeof outbox.$inferSelect;

function toRecord(row: OutboxRow): OutboxRecord {
  return { ...row, decision: (row.decision ?? null) as Decision | null };
}

/** Lenders (credit institutions and finance companies) are the only creditors that may report to the FICP (LEGAL_RULES.md 7e). */
const creditInstitutionCategories = new Set(['consumer_credit', 'mortgage']);

/** Caps count over at most 30 days; the last 500 outbound attempts cover that for any real debtor. */
export const historyLimit = 500;

type HistoryRow = Pick<typeof contactAttempts.$inferSelect, 'id' | 'caseId' | 'channel' | 'purpose' | 'at' | 'outcome' | 'callbackAt'>;

/** A raw row (timestamps as text) as the typed select returns it. */
export function rawAttempt(r: Record<string, unknown>): HistoryRow {
  return {
    id: r.id as string, caseId: r.case_id as string, channel: r.channel as HistoryRow['channel'], purpose: r.purpose as HistoryRow['purpose'],
    at: new Date(r.at as string), outcome: (r.outcome as HistoryRow['outcome']) ?? null, callbackAt: r.callback_at ? new Date(r.callback_at as string) : null,
  };
}

/**
 * The columns a CaseForMessaging is made of, and no others: the worklist loads dozens of cases per page,
 * and mapping every column of three wide tables was most of its time in the ORM.
 */
const caseColumns = {
  c: {
    id: cases.id, creditorId: cases.creditorId, debtorId: cases.debtorId, status: cases.status, creditorReference: cases.creditorReference,
    category: cases.category, basisContractRef: cases.basisContractRef, basisDate: cases.basisDate, principalCents: cases.principalCents,
    interestCents: cases.interestCents, accessoriesCents: cases.accessoriesCents, dueDate: cases.dueDate, limitationExpiresOn: cases.limitationExpiresOn,
    rfReference: cases.rfReference, noticeSentAt: cases.noticeSentAt,
  },
  cr: {
    name: creditors.name, legalName: creditors.legalName, addressLine1: creditors.addressLine1, addressLine2: creditors.addressLine2,
    postcode: creditors.postcode, city: creditors.city,
  },
  d: { civility: debtors.civility, firstName: debtors.firstName, lastName: debtors.lastName, companyName: debtors.companyName, fieldSources: debtors.fieldSources },
};
const pointColumns = {
  id: contactPoints.id, debtorId: contactPoints.debtorId, kind: contactPoints.kind, value: contactPoints.value, postal: contactPoints.postal,
  status: contactPoints.status, isPrimary: contactPoints.isPrimary, sourceLabel: contactPoints.sourceLabel, sourceAt: contactPoints.sourceAt,
  validUntil: contactPoints.validUntil,
};
const suspensionColumns = { caseId: suspensions.caseId, kind: suspensions.kind, fromAt: suspensions.fromAt, untilAt: suspensions.untilAt };
const preferenceColumns = {
  debtorId: debtorPreferences.debtorId, optOut: debtorPreferences.optOut, quietHours: debtorPreferences.quietHours, writtenOnly: debtorPreferences.writtenOnly,
};
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

type Picked<T extends Record<string, { _: { data: unknown; notNull: boolean } }>> = {
  [K in keyof T]: T[K]['_']['notNull'] extends true ? T[K]['_']['data'] : T[K]['_']['data'] | null;
};
type CaseRow = { c: Picked<typeof caseColumns.c>; cr: Picked<typeof caseColumns.cr>; d: Picked<typeof caseColumns.d> };

/** Also maps the one-statement reads of the case file and the worklist (engine-case.sql.ts). */
export function toCaseForMessaging(
  row: CaseRow, points: readonly Picked<typeof pointColumns>[], openSuspensions: readonly Picked<typeof suspensionColumns>[],
  history: readonly HistoryRow[], preferences: Picked<typeof preferenceColumns> | undefined,
): CaseForMessaging {
  const { c, cr, d } = row;
  const lists = toContactLists(points, openSuspensions, history, preferences);
  return {
    caseId: c.id, creditorId: c.creditorId, debtorId: c.debtorId, status: c.status, creditorReference: c.creditorReference,
    category: c.category, basisContractRef: c.basisContractRef, basisDate: c.basisDate, principalCents: c.principalCents,
    interestCents: c.interestCents, accessoriesCents: c.accessoriesCents, dueDate: c.dueDate, limitationExpiresOn: c.limitationExpiresOn,
    rfReference: c.rfReference, noticeSentAt: c.noticeSentAt,
    creditor: {
      name: cr.name, legalName: cr.legalName, addressLine1: cr.addressLine1, addressLine2: cr.addressLine2, postcode: cr.postcode, city: cr.city,
      isCreditInstitution: creditInstitutionCategories.has(c.category),
    },
    debtor: {
      civility: d.civility, firstName: d.firstName, lastName: d.lastName, companyName: d.companyName,
      fieldSources: (d.fieldSources ?? {}) as CaseForMessaging['debtor']['fieldSources'],
    },
    contactPoints: lists.contactPoints, suspensions: lists.suspensions, history: lists.history, preferences: lists.preferences,
  };
}

/** The lists of a case the compliance engine reads, from their rows. */
export function toContactLists(
  points: readonly Picked<typeof pointColumns>[], openSuspensions: readonly Picked<typeof suspensionColumns>[],
  history: readonly HistoryRow[], preferences: Picked<typeof preferenceColumns> | undefined,
): Pick<CaseForMessaging, 'contactPoints' | 'suspensions' | 'history' | 'preferences'> {
  return {
    contactPoints: points.map((p) => ({
      id: p.id, kind: p.kind, value: p.value, postal: (p.postal ?? null) as CaseForMessaging['contactPoints'][number]['postal'], status: p.status,
      isPrimary: p.isPrimary, sourceLabel: p.sourceLabel, sourceAt: p.sourceAt, validUntil: p.validUntil,
    })),
    suspensions: openSuspensions.map((s) => ({ kind: s.kind, fromAt: s.fromAt, untilAt: s.untilAt })),
    history: history.map((a) => ({ id: a.id, caseId: a.caseId, channel: a.channel, purpose: a.purpose, at: a.at, outcome: a.outcome, callbackAt: a.callbackAt })),
    preferences: preferences
      ? { optOut: preferences.optOut, quietHours: preferences.quietHours as { from: string; to: string }[], writtenOnly: preferences.writtenOnly }
      : null,
  };
}

export class DrizzleMessagingRepository implements MessagingRepository {
  constructor(private readonly db: DbExecutor) {}

  async loadCase(caseId: string): Promise<CaseForMessaging | null> {
    return (await this.loadCases([caseId])).get(caseId) ?? null;
  }

  /**
   * Five statements for any number of cases (a bank import books thousands of payments at once, the
   * worklist re-checks a page of candidates). They run one after the other: inside a transaction they
   * share one connection, and pg refuses (a deprecation warning, an error in pg 9) a query sent while
   * the previous one is still running.
   */
  async loadCases(caseIds: readonly string[]): Promise<Map<string, CaseForMessaging>> {
    const found = new Map<string, CaseForMessaging>();
    if (caseIds.length === 0) return found;
    const rows = await this.db.select(caseColumns).from(cases)
      .innerJoin(creditors, eq(creditors.id, cases.creditorId))
      .innerJoin(debtors, eq(debtors.id, cases.debtorId))
      .where(sql`${cases.id} = any(${uuidArray(caseIds)}::uuid[])`);
    if (rows.length === 0) return found;
    const debtorIds = [...new Set(rows.map((r) => r.c.debtorId))];
    const points = await this.db.select(pointColumns).from(contactPoints).where(sql`${contactPoints.debtorId} = any(${uuidArray(debtorIds)}::uuid[])`)
      .orderBy(desc(contactPoints.isPrimary), asc(contactPoints.createdAt));
    const openSuspensions = await this.db.select(suspensionColumns).from(suspensions)
      .where(and(sql`${suspensions.caseId} = any(${uuidArray(rows.map((r) => r.c.id))}::uuid[])`, isNull(suspensions.resolvedAt)));
    // The last `historyLimit` outbound attempts of each debtor, newest first.
    const history = await queryRows<Record<string, unknown>>(this.db, sql`
      select a.id, a.case_id, k.debtor_id, a.channel, a.purpose, a.at, a.outcome, a.callback_at
        from unnest(${uuidArray(debtorIds)}::uuid[]) as k(debtor_id)
        cross join lateral (select id, case_id, channel, purpose, at, outcome, callback_at from contact_attempts
                             where debtor_id = k.debtor_id and direction = 'outbound' and allowed = true
                             order by at desc limit ${historyLimit}) a`);
    // The debtor's portal preferences (issue #8): read on every send, so a change applies at once.
    const preferences = await this.db.select(preferenceColumns).from(debtorPreferences)
      .where(sql`${debtorPreferences.debtorId} = any(${uuidArray(debtorIds)}::uuid[])`);
    const pointsByDebtor = groupBy(points, (p) => p.debtorId);
    const suspensionsByCase = groupBy(openSuspensions, (x) => x.caseId);
    const historyByDebtor = groupBy(history, (h) => h.debtor_id as string);
    const preferencesByDebtor = new Map(preferences.map((p) => [p.debtorId, p]));
    for (const row of rows) {
      const debtorId = row.c.debtorId;
      found.set(row.c.id, toCaseForMessaging(row, pointsByDebtor.get(debtorId) ?? [], suspensionsByCase.get(row.c.id) ?? [],
        (historyByDebtor.get(debtorId) ?? []).map(rawAttempt), preferencesByDebtor.get(debtorId)));
    }
    return found;
  }

  async casesAwaitingFirstLetter(limit: number): Promise<{ caseId: string; creditorId: string }[]> {
    return this.db.select({ caseId: cases.id, creditorId: cases.creditorId }).from(cases)
      .where(and(eq(cases.status, 'notice_pending'), isNull(cases.noticeSentAt), sql`not exists (
        select 1 from ${outbox} o where o.creditor_id = ${cases.creditorId} and o.case_id = ${cases.id}
          and o.template = 'first-letter' and o.status in ('pending', 'sending', 'sent'))`))
      .orderBy(asc(cases.openedAt), asc(cases.id)).limit(limit);
  }

  async setRfReference(creditorId: string, caseId: string, rfReference: string): Promise<void> {
    await this.db.update(cases).set({ rfReference }).where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId), isNull(cases.rfReference)));
  }

  async setAccessCodeHash(creditorId: string, caseId: string, hash: string): Promise<void> {
    await this.db.update(cases).set({ accessCodeHash: hash, updatedAt: sql`now()` }).where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId)));
  }

  async recordNoticeSent(creditorId: string, caseId: string, at: Date): Promise<CaseStatus | null> {
    const [before] = await this.db.select({ status: cases.status }).from(cases).where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId))).for('update');
    if (!before) return null;
    await this.db.update(cases).set({
      noticeSentAt: sql`coalesce(${cases.noticeSentAt}, ${at.toISOString()}::timestamptz)`,
      status: before.status === 'notice_pending' ? 'active' : before.status,
      version: sql`${cases.version} + 1`, updatedAt: sql`now()`,
    }).where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId)));
    return before.status;
  }

  async appendCaseEvent(event: { creditorId: string; caseId: string; at: Date; type: string; actorKind: 'user' | 'system'; actorId: string | null; data: object }): Promise<void> {
    await this.db.insert(caseEvents).values({ ...event, id: newId() });
  }

  async insertContactAttempt(attempt: Parameters<MessagingRepository['insertContactAttempt']>[0]): Promise<void> {
    await this.db.insert(contactAttempts).values({ ...attempt, direction: 'outbound', decision: attempt.decision as unknown as object });
  }

  async updateContactAttemptOutcome(creditorId: string, id: string, outcome: string, at?: Date): Promise<void> {
    await this.db.update(contactAttempts).set({ outcome, ...(at ? { at } : {}) }).where(and(eq(contactAttempts.creditorId, creditorId), eq(contactAttempts.id, id)));
  }

  async enqueue(row: NewOutboxRecord): Promise<{ record: OutboxRecord; created: boolean }> {
    const inserted = await this.db.insert(outbox).values({ ...row, payload: row.payload as object })
      .onConflictDoNothing({ target: [outbox.creditorId, outbox.idempotencyKey] }).returning();
    if (inserted[0]) return { record: toRecord(inserted[0]), created: true };
    const [existing] = await this.db.select().from(outbox).where(and(eq(outbox.creditorId, row.creditorId), eq(outbox.idempotencyKey, row.idempotencyKey)));
    return { record: toRecord(existing!), created: false };
  }

  async findByIdempotencyKey(creditorId: string, idempotencyKey: string): Promise<OutboxRecord | null> {
    const [row] = await this.db.select().from(outbox).where(and(eq(outbox.creditorId, creditorId), eq(outbox.idempotencyKey, idempotencyKey)));
    return row ? toRecord(row) : null;
  }

  async reserveCodes(entries: readonly CodeReservation[]): Promise<readonly string[]> {
    if (entries.length === 0) return [];
    // Check first, then insert: a conflict must not abort the surrounding transaction.
    const taken = await this.db.select({ code: codeRegistry.code }).from(codeRegistry).where(inArray(codeRegistry.code, entries.map((e) => e.code)));
    if (taken.length > 0) return taken.map((t) => t.code);
    const inserted = await this.db.insert(codeRegistry).values([...entries]).onConflictDoNothing().returning({ code: codeRegistry.code });
    if (inserted.length === entries.length) return [];
    // A concurrent transaction took one between the check and the insert: undo ours, report theirs.
    const ours = new Set(inserted.map((i) => i.code));
    if (ours.size > 0) await this.db.delete(codeRegistry).where(inArray(codeRegistry.code, [...ours]));
    return entries.filter((e) => !ours.has(e.code)).map((e) => e.code);
  }

  async findOutbox(id: string): Promise<OutboxRecord | null> {
    const [row] = await this.db.select().from(outbox).where(eq(outbox.id, id));
    return row ? toRecord(row) : null;
  }

  async listOutbox(filter: OutboxFilter): Promise<{ items: OutboxRecord[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.creditorId !== undefined) conditions.push(eq(outbox.creditorId, filter.creditorId));
    if (filter.caseId !== undefined) conditions.push(eq(outbox.caseId, filter.caseId));
    if (filter.status !== undefined) conditions.push(eq(outbox.status, filter.status));
    if (filter.channel !== undefined) conditions.push(eq(outbox.channel, filter.channel));
    const where = conditions.length ? and(...conditions) : undefined;
    const rows = await this.db.select().from(outbox).where(where).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(filter.limit).offset(filter.offset);
    const [total] = await this.db.select({ n: count() }).from(outbox).where(where);
    return { items: rows.map(toRecord), total: total?.n ?? 0 };
  }

  async findFirstLetter(caseId: string): Promise<{ reference: string; sentAt: Date } | null> {
    const [row] = await this.db.select({ reference: outbox.letterReference, sentAt: outbox.sentAt }).from(outbox)
      .where(and(eq(outbox.caseId, caseId), eq(outbox.template, 'first-letter'), eq(outbox.status, 'sent')))
      .orderBy(asc(outbox.sentAt)).limit(1);
    return row?.reference && row.sentAt ? { reference: row.reference, sentAt: row.sentAt } : null;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date, token: string): Promise<OutboxRecord[]> {
    const due = await this.db.select({ id: outbox.id }).from(outbox)
      .where(and(
        inArray(outbox.channel, ['sms', 'email']), lte(outbox.nextAttemptAt, now),
        or(eq(outbox.status, 'pending'), and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now))),
      ))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await this.db.update(outbox)
      .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, leaseUntil, claimToken: token, updatedAt: now })
      .where(inArray(outbox.id, due.map((d) => d.id))).returning();
    return rows.map(toRecord);
  }

  private owned(creditorId: string, id: string, token: string): SQL {
    return and(eq(outbox.creditorId, creditorId), eq(outbox.id, id), eq(outbox.status, 'sending'), eq(outbox.claimToken, token))!;
  }

  async recordDecision(creditorId: string, id: string, token: string, decision: Decision, contactAttemptId: string): Promise<boolean> {
    const rows = await this.db.update(outbox).set({ decision: decision as unknown as object, contactAttemptId, updatedAt: sql`now()` })
      .where(this.owned(creditorId, id, token)).returning({ id: outbox.id });
    return rows.length === 1;
  }

  async markSent(creditorId: string, id: string, token: string, providerMessageId: string, at: Date): Promise<boolean> {
    const rows = await this.db.update(outbox).set({ status: 'sent', providerMessageId, sentAt: at, leaseUntil: null, lastError: null, updatedAt: sql`now()` })
      .where(this.owned(creditorId, id, token)).returning({ id: outbox.id });
    return rows.length === 1;
  }

  async markRefused(creditorId: string, id: string, token: string | null, decision: Decision | null, reason: string): Promise<boolean> {
    const where = token === null
      ? and(eq(outbox.creditorId, creditorId), eq(outbox.id, id), inArray(outbox.status, ['pending', 'sending']))!
      : this.owned(creditorId, id, token);
    const rows = await this.db.update(outbox).set({
      status: 'refused', ...(decision ? { decision: decision as unknown as object } : {}), lastError: reason, leaseUntil: null, updatedAt: sql`now()`,
    }).where(where).returning({ id: outbox.id });
    return rows.length === 1;
  }

  async markFailed(creditorId: string, id: string, token: string, error: string): Promise<boolean> {
    const rows = await this.db.update(outbox).set({ status: 'failed', lastError: error, leaseUntil: null, updatedAt: sql`now()` })
      .where(this.owned(creditorId, id, token)).returning({ id: outbox.id });
    return rows.length === 1;
  }

  async reschedule(creditorId: string, id: string, token: string, error: string, nextAttemptAt: Date): Promise<boolean> {
    // Back to pending, but the decision stays: the retry resends the same message under the same key.
    const rows = await this.db.update(outbox).set({ status: 'pending', lastError: error, nextAttemptAt, leaseUntil: null, claimToken: null, updatedAt: sql`now()` })
      .where(this.owned(creditorId, id, token)).returning({ id: outbox.id });
    return rows.length === 1;
  }

  async claimLetters(now: Date, limit: number, batchId: string, leaseUntil: Date): Promise<OutboxRecord[]> {
    const due = await this.db.select({ id: outbox.id }).from(outbox)
      .where(and(eq(outbox.channel, 'letter'), or(
        and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
        and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now),
          sql`not exists (select 1 from ${letterBatches} b where b.id = ${outbox.batchId})`),
      )))
      .orderBy(asc(outbox.createdAt), asc(outbox.id)).limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await this.db.update(outbox)
      .set({ status: 'sending', batchId, leaseUntil, attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
      .where(inArray(outbox.id, due.map((d) => d.id))).returning();
    return rows.map(toRecord).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  }

  async releaseLetters(batchId: string): Promise<void> {
    await this.db.update(outbox).set({ status: 'pending', batchId: null, leaseUntil: null, updatedAt: sql`now()` })
      .where(and(eq(outbox.batchId, batchId), eq(outbox.status, 'sending')));
  }

  async createBatch(batch: Omit<LetterBatchRecord, 'status' | 'postedAt' | 'postedBy' | 'createdAt'>): Promise<void> {
    await this.db.insert(letterBatches).values(batch);
  }

  async finishLetter(creditorId: string, id: string, batchId: string, pages: number, decision: Decision, payload: unknown): Promise<void> {
    await this.db.update(outbox).set({ pages, decision: decision as unknown as object, payload: payload as object, leaseUntil: null, updatedAt: sql`now()` })
      .where(and(eq(outbox.creditorId, creditorId), eq(outbox.id, id), eq(outbox.batchId, batchId)));
  }

  async findBatch(id: string): Promise<LetterBatchRecord | null> {
    const [row] = await this.db.select().from(letterBatches).where(eq(letterBatches.id, id));
    return row ?? null;
  }

  async listBatches(limit: number): Promise<LetterBatchRecord[]> {
    return this.db.select().from(letterBatches).orderBy(desc(letterBatches.createdAt)).limit(limit);
  }

  async lettersOfBatch(batchId: string): Promise<OutboxRecord[]> {
    const rows = await this.db.select().from(outbox).where(eq(outbox.batchId, batchId)).orderBy(asc(outbox.createdAt), asc(outbox.id));
    return rows.map(toRecord);
  }

  async markBatchPosted(batchId: string, at: Date, by: string): Promise<boolean> {
    const rows = await this.db.update(letterBatches).set({ status: 'posted', postedAt: at, postedBy: by })
      .where(and(eq(letterBatches.id, batchId), eq(letterBatches.status, 'ready'))).returning({ id: letterBatches.id });
    return rows.length === 1;
  }

  async markLetterSent(creditorId: string, id: string, at: Date, contactAttemptId: string): Promise<void> {
    await this.db.update(outbox).set({ status: 'sent', sentAt: at, contactAttemptId, updatedAt: sql`now()` })
      .where(and(eq(outbox.creditorId, creditorId), eq(outbox.id, id), eq(outbox.status, 'sending')));
  }

  async findCaught(deliveryKey: string): Promise<CaughtMessageRecord | null> {
    const [row] = await this.db.select().from(caughtMessages).where(eq(caughtMessages.deliveryKey, deliveryKey));
    return row ?? null;
  }

  async insertCertificate(row: { creditorId: string; id: string; caseId: string; verificationCodeHash: string; outboxId: string | null; issuedAt: Date; data: object }): Promise<void> {
    await this.db.insert(certificates).values({ ...row, kind: 'settlement' });
  }
}
