/** The debtor portal's SQL (issue #8). */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { ThrottleState } from '../../domain/portal/login-throttle.ts';
import type {
  ContactPointRow, ContactTrace, LoginCandidate, MandateLimitsRow, MyCaseRow, MyContact, MyDocument, MyLetter, MyPayment, MyPlan, MySuspension,
  PortalRepositories, PortalRepository, PortalSessionRecord, PortalUnitOfWork, Preferences, RightsRequestRow,
} from '../../application/ports/portal-repository.ts';
import type { AppDb, DbExecutor } from './open-database.ts';
import {
  cases, codeRegistry, contactAttempts, contactPoints, creditors, debtorPreferences, debtors, documents, mandates, outbox, payments,
  planInstalments, plans, portalLoginFailures, portalSessions, rightsRequests, suspensions,
} from './schema.ts';
import { repositoriesFor } from './unit-of-work.ts';

export class DrizzlePortalRepository implements PortalRepository {
  constructor(private readonly db: DbExecutor) {}

  async loginCandidates(reference: string): Promise<LoginCandidate[]> {
    const rows = await this.db.select({
      creditorId: cases.creditorId, caseId: cases.id, debtorId: cases.debtorId, birthDate: debtors.birthDate, accessCodeHash: cases.accessCodeHash,
    }).from(cases).innerJoin(debtors, eq(debtors.id, cases.debtorId))
      .where(sql`upper(replace(${cases.creditorReference}, ' ', '')) = ${reference}`).limit(20);
    return rows;
  }

  async throttle(key: string): Promise<ThrottleState | null> {
    const [row] = await this.db.select().from(portalLoginFailures).where(eq(portalLoginFailures.key, key));
    return row ? { failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil } : null;
  }

  async saveThrottle(key: string, state: ThrottleState, now: Date): Promise<void> {
    await this.db.insert(portalLoginFailures).values({ key, ...state, updatedAt: now })
      .onConflictDoUpdate({ target: portalLoginFailures.key, set: { ...state, updatedAt: now } });
  }

  async clearThrottle(key: string): Promise<void> {
    await this.db.delete(portalLoginFailures).where(eq(portalLoginFailures.key, key));
  }

  async createSession(session: PortalSessionRecord): Promise<void> {
    await this.db.insert(portalSessions).values(session);
  }

  async findSession(id: string): Promise<PortalSessionRecord | null> {
    const [row] = await this.db.select().from(portalSessions).where(eq(portalSessions.id, id));
    return row ?? null;
  }

  async touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.db.update(portalSessions).set({ lastSeenAt, expiresAt }).where(eq(portalSessions.id, id));
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.delete(portalSessions).where(eq(portalSessions.id, id));
  }

  async traceByVerificationCode(code: string): Promise<ContactTrace | null> {
    const [registered] = await this.db.select().from(codeRegistry).where(and(eq(codeRegistry.code, code), eq(codeRegistry.kind, 'verification_code')));
    if (registered) {
      const [message] = await this.db.select({ channel: outbox.channel, at: outbox.sentAt, created: outbox.createdAt, status: outbox.status }).from(outbox)
        .where(and(eq(outbox.creditorId, registered.creditorId), eq(outbox.id, registered.ownerId)));
      // A message never sent (refused, still pending) was not "us contacting you".
      if (message && message.status !== 'refused' && message.status !== 'failed') {
        return { channel: message.channel, at: message.at ?? message.created, caseId: registered.caseId };
      }
    }
    const [attempt] = await this.db.select({ channel: contactAttempts.channel, at: contactAttempts.at, caseId: contactAttempts.caseId }).from(contactAttempts)
      .where(and(eq(contactAttempts.verificationCode, code), eq(contactAttempts.allowed, true))).limit(1);
    return attempt ?? null;
  }

  async tracesToNumber(number: string, from: Date, to: Date): Promise<ContactTrace[]> {
    return this.db.select({ channel: contactAttempts.channel, at: contactAttempts.at, caseId: contactAttempts.caseId }).from(contactAttempts)
      .where(and(eq(contactAttempts.address, number), eq(contactAttempts.direction, 'outbound'), eq(contactAttempts.allowed, true),
        gte(contactAttempts.at, from), lte(contactAttempts.at, to)))
      .limit(5);
  }

  async myCase(creditorId: string, caseId: string): Promise<MyCaseRow | null> {
    const [row] = await this.db.select({ c: cases, cr: creditors, d: debtors }).from(cases)
      .innerJoin(creditors, eq(creditors.id, cases.creditorId)).innerJoin(debtors, eq(debtors.id, cases.debtorId))
      .where(and(eq(cases.creditorId, creditorId), eq(cases.id, caseId)));
    if (!row) return null;
    const { c, cr, d } = row;
    return {
      creditorId: c.creditorId, caseId: c.id, debtorId: c.debtorId, status: c.status, creditorReference: c.creditorReference, category: c.category,
      debtorType: c.debtorType, basisContractRef: c.basisContractRef, basisDate: c.basisDate, principalCents: c.principalCents,
      interestCents: c.interestCents, accessoriesCents: c.accessoriesCents,
      paidCents: c.paidPrincipalCents + c.paidInterestCents + c.paidAccessoriesCents, waivedCents: c.waivedCents, dueDate: c.dueDate,
      firstUnpaidDate: c.firstUnpaidDate, lastPaymentDate: c.lastPaymentDate, acknowledgementDate: c.acknowledgementDate, titleDate: c.titleDate,
      limitationKind: c.limitationKind, limitationExpiresOn: c.limitationExpiresOn, rfReference: c.rfReference, mandateId: c.mandateId,
      creditor: {
        name: cr.name, legalName: cr.legalName, registrationNumber: cr.registrationNumber,
        address: [cr.addressLine1, cr.addressLine2, `${cr.postcode} ${cr.city}`].filter((l): l is string => Boolean(l)),
      },
      debtor: {
        civility: d.civility, firstName: d.firstName, lastName: d.lastName, birthName: d.birthName, birthDate: d.birthDate, birthPlace: d.birthPlace,
        companyName: d.companyName, fieldSources: (d.fieldSources ?? {}) as Record<string, unknown>,
      },
    };
  }

  async payments(creditorId: string, caseId: string): Promise<MyPayment[]> {
    return this.db.select({ id: payments.id, amountCents: payments.amountCents, valueDate: payments.valueDate, method: payments.method, status: payments.status })
      .from(payments).where(and(eq(payments.creditorId, creditorId), eq(payments.caseId, caseId))).orderBy(asc(payments.valueDate));
  }

  async contacts(creditorId: string, caseId: string): Promise<MyContact[]> {
    const rows = await this.db.select({
      at: contactAttempts.at, channel: contactAttempts.channel, direction: contactAttempts.direction, address: contactAttempts.address,
      verificationCode: sql<string | null>`coalesce(${contactAttempts.verificationCode}, (select o.verification_code from ${outbox} o where o.creditor_id = ${contactAttempts.creditorId} and o.contact_attempt_id = ${contactAttempts.id} limit 1))`,
      allowed: contactAttempts.allowed,
    }).from(contactAttempts)
      .where(and(eq(contactAttempts.creditorId, creditorId), eq(contactAttempts.caseId, caseId), eq(contactAttempts.allowed, true)))
      .orderBy(desc(contactAttempts.at)).limit(200);
    return rows;
  }

  async documents(creditorId: string, caseId: string): Promise<MyDocument[]> {
    return this.db.select({
      id: documents.id, kind: documents.kind, fileName: documents.fileName, mediaType: documents.mediaType, sizeBytes: documents.sizeBytes,
      createdAt: documents.createdAt, sourceKind: documents.sourceKind,
    }).from(documents).where(and(eq(documents.creditorId, creditorId), eq(documents.caseId, caseId))).orderBy(asc(documents.createdAt));
  }

  async document(creditorId: string, caseId: string, id: string) {
    const [row] = await this.db.select().from(documents).where(and(eq(documents.creditorId, creditorId), eq(documents.caseId, caseId), eq(documents.id, id)));
    return row ? { id: row.id, kind: row.kind, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, createdAt: row.createdAt, sourceKind: row.sourceKind, storageKey: row.storageKey } : null;
  }

  async letters(creditorId: string, caseId: string): Promise<MyLetter[]> {
    return this.db.select({ id: outbox.id, template: outbox.template, reference: outbox.letterReference, sentAt: outbox.sentAt, status: outbox.status })
      .from(outbox).where(and(eq(outbox.creditorId, creditorId), eq(outbox.caseId, caseId), eq(outbox.channel, 'letter'), eq(outbox.status, 'sent')))
      .orderBy(asc(outbox.createdAt));
  }

  async openSuspensions(creditorId: string, caseId: string): Promise<MySuspension[]> {
    return this.db.select({ id: suspensions.id, kind: suspensions.kind, fromAt: suspensions.fromAt, reason: suspensions.reason }).from(suspensions)
      .where(and(eq(suspensions.creditorId, creditorId), eq(suspensions.caseId, caseId), isNull(suspensions.resolvedAt)))
      .orderBy(asc(suspensions.fromAt));
  }

  async plans(creditorId: string, caseId: string): Promise<MyPlan[]> {
    const rows = await this.db.select({ id: plans.id, status: plans.status, agreedOn: plans.agreedOn, totalCents: plans.totalCents }).from(plans)
      .where(and(eq(plans.creditorId, creditorId), eq(plans.caseId, caseId))).orderBy(desc(plans.createdAt));
    if (!rows.length) return [];
    const instalments = await this.db.select().from(planInstalments)
      .where(and(eq(planInstalments.creditorId, creditorId), inArray(planInstalments.planId, rows.map((r) => r.id)))).orderBy(asc(planInstalments.number));
    return rows.map((r) => ({
      ...r, instalments: instalments.filter((i) => i.planId === r.id).map((i) => ({ number: i.number, dueOn: i.dueOn, amountCents: i.amountCents })),
    }));
  }

  async contactPoints(debtorId: string): Promise<ContactPointRow[]> {
    return this.db.select({
      kind: contactPoints.kind, value: contactPoints.value, status: contactPoints.status, sourceKind: contactPoints.sourceKind,
      sourceLabel: contactPoints.sourceLabel, sourceAt: contactPoints.sourceAt,
    }).from(contactPoints).where(eq(contactPoints.debtorId, debtorId)).orderBy(asc(contactPoints.createdAt));
  }

  async mandateLimits(creditorId: string, mandateId: string | null): Promise<MandateLimitsRow | null> {
    if (!mandateId) return null;
    const [row] = await this.db.select({
      maxPlanMonths: mandates.maxPlanMonths, minInstalmentCents: mandates.minInstalmentCents, maxDiscountBps: mandates.maxDiscountBps,
      interestWaiverAllowed: mandates.interestWaiverAllowed,
    }).from(mandates).where(and(eq(mandates.creditorId, creditorId), eq(mandates.id, mandateId)));
    return row ?? null;
  }

  async insertPlan(plan: Parameters<PortalRepository['insertPlan']>[0]): Promise<void> {
    const { instalments, ...row } = plan;
    await this.db.insert(plans).values({ ...row, origin: 'portal', budget: row.budget as object, mandateViolations: row.mandateViolations as object });
    if (instalments.length) {
      await this.db.insert(planInstalments).values(instalments.map((i) => ({ creditorId: plan.creditorId, planId: plan.id, ...i })));
    }
  }

  async insertSuspension(suspension: Parameters<PortalRepository['insertSuspension']>[0]): Promise<void> {
    await this.db.insert(suspensions).values(suspension);
  }

  async insertDocument(document: Parameters<PortalRepository['insertDocument']>[0]): Promise<void> {
    await this.db.insert(documents).values({ ...document, sourceKind: 'debtor' });
  }

  async preferences(debtorId: string): Promise<Preferences> {
    const [row] = await this.db.select().from(debtorPreferences).where(eq(debtorPreferences.debtorId, debtorId));
    if (!row) return { optOut: [], quietHours: [], writtenOnly: false, updatedAt: null };
    return {
      optOut: row.optOut as Preferences['optOut'], quietHours: row.quietHours as Preferences['quietHours'], writtenOnly: row.writtenOnly,
      updatedAt: row.updatedAt,
    };
  }

  async savePreferences(debtorId: string, preferences: Omit<Preferences, 'updatedAt'>, at: Date): Promise<void> {
    const values = { optOut: [...preferences.optOut], quietHours: preferences.quietHours as object, writtenOnly: preferences.writtenOnly, updatedAt: at };
    await this.db.insert(debtorPreferences).values({ debtorId, ...values, sourceKind: 'debtor' })
      .onConflictDoUpdate({ target: debtorPreferences.debtorId, set: values });
  }

  async insertRightsRequest(request: RightsRequestRow): Promise<void> {
    const { creditorReference: _ignored, ...row } = request;
    void _ignored;
    await this.db.insert(rightsRequests).values({ ...row, details: row.details as object });
  }

  async rightsRequestsOfCase(creditorId: string, caseId: string): Promise<RightsRequestRow[]> {
    const rows = await this.db.select().from(rightsRequests).where(and(eq(rightsRequests.creditorId, creditorId), eq(rightsRequests.caseId, caseId)))
      .orderBy(desc(rightsRequests.receivedAt));
    return rows.map(toRequest);
  }

  async rightsRequests(filter: { readonly creditorId?: string; readonly openOnly: boolean; readonly limit: number }): Promise<RightsRequestRow[]> {
    const conditions = [
      ...(filter.creditorId ? [eq(rightsRequests.creditorId, filter.creditorId)] : []),
      ...(filter.openOnly ? [inArray(rightsRequests.status, ['open', 'extended'])] : []),
    ];
    const rows = await this.db.select({ r: rightsRequests, reference: cases.creditorReference }).from(rightsRequests)
      .innerJoin(cases, and(eq(cases.creditorId, rightsRequests.creditorId), eq(cases.id, rightsRequests.caseId)))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(sql`coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`, asc(rightsRequests.receivedAt)).limit(filter.limit);
    return rows.map(({ r, reference }) => ({ ...toRequest(r), creditorReference: reference }));
  }

  async findRightsRequest(id: string): Promise<RightsRequestRow | null> {
    const [row] = await this.db.select().from(rightsRequests).where(eq(rightsRequests.id, id));
    return row ? toRequest(row) : null;
  }

  async updateRightsRequest(creditorId: string, id: string, change: Parameters<PortalRepository['updateRightsRequest']>[2]): Promise<void> {
    await this.db.update(rightsRequests).set(change).where(and(eq(rightsRequests.creditorId, creditorId), eq(rightsRequests.id, id)));
  }
}

function toRequest(r: typeof rightsRequests.$inferSelect): RightsRequestRow {
  return {
    creditorId: r.creditorId, id: r.id, caseId: r.caseId, debtorId: r.debtorId, kind: r.kind, status: r.status, receivedAt: r.receivedAt,
    receivedOn: r.receivedOn, dueOn: r.dueOn, extendedDueOn: r.extendedDueOn, details: r.details as Record<string, unknown>,
    answeredAt: r.answeredAt, answer: r.answer,
  };
}

/** One transaction; the portal repository next to the shared ones, all writing in it. */
export class DrizzlePortalUnitOfWork implements PortalUnitOfWork {
  constructor(private readonly db: AppDb) {}

  run<T>(work: (repositories: PortalRepositories) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => {
      const executor = tx as unknown as DbExecutor;
      return work({ ...repositoriesFor(executor), portal: new DrizzlePortalRepository(executor) });
    });
  }
}
