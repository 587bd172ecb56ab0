/**
 * The one-statement reads of the pages every agent opens give what the reads they replace gave
 * (docs/scale.md): the case file's engine case and the engine cases the worklist's candidates come with equal `loadCase(s)` — the
 * debtor's history across all their cases and creditors, inbound and refused attempts left out, open
 * suspensions only, portal preferences, contact points in the engine's order — except that their history
 * stops at the horizon of the instant they decide about (`historyHorizon`: recent attempts, and older ones
 * whose callback is still due, edges included), and the engine's decisions on every channel are the same
 * with either; the case file's mandate equals `mandateFor`, and the session with its user equals the two
 * lookups. Each read runs twice: on PostgreSQL the second run reuses the connection's named prepared statement.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContactSituation, historyHorizonAt } from '../../src/application/messaging/contact-situation.ts';
import type { CallFacts, CaseForMessaging, ContactFacts } from '../../src/application/ports/messaging-repository.ts';
import { callDecision } from '../../src/application/backoffice/call-decision.ts';
import { channels, decideContact } from '../../src/domain/contact-policy/index.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { repositoriesFor } from '../../src/adapters/db/unit-of-work.ts';
import type { DbExecutor } from '../../src/adapters/db/open-database.ts';
import { buildCase, buildContactPoint, buildCreditor, buildDebtor, buildMandate } from '../../src/adapters/db/seed/factories.ts';
import { cases, contactAttempts, contactPoints, creditors, debtorPreferences, debtors, mandates, suspensions } from '../../src/adapters/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
const creditorA = buildCreditor({ name: 'Créancier A' });
const creditorB = buildCreditor({ name: 'Créancier B' });
const mandate = buildMandate(creditorA.id!, { maxPlanMonths: 9, minInstalmentCents: 3_000, maxDiscountBps: 500 });
const debtor = buildDebtor();
const quietDebtor = buildDebtor({ firstName: 'Sacha', lastName: 'Durand' });
const caseA = buildCase(creditorA.id!, debtor.id!, { mandateId: mandate.id!, noticeSentAt: new Date('2027-02-10T09:00:00Z'), limitationExpiresOn: '2028-06-01', basisDate: '2025-01-15' });
const caseB = buildCase(creditorB.id!, debtor.id!, { status: 'promise', noticeSentAt: new Date('2027-02-11T09:00:00Z'), category: 'consumer_credit' });
const caseC = buildCase(creditorB.id!, quietDebtor.id!, { noticeSentAt: null, status: 'notice_pending' });
// An agent's worklist: their cases D (the first debtor's, whose history is debtor-wide), E (no history), F
// (suspended: never a candidate), and their team's unassigned G.
const agent = newId();
const team = newId();
const caseD = buildCase(creditorA.id!, debtor.id!, { assignedUserId: agent, teamId: team, callPriority: 20, noticeSentAt: new Date('2027-02-10T09:00:00Z') });
const caseE = buildCase(creditorB.id!, quietDebtor.id!, { assignedUserId: agent, teamId: team, callPriority: 10, noticeSentAt: new Date('2027-02-10T09:00:00Z') });
const caseF = buildCase(creditorB.id!, quietDebtor.id!, { assignedUserId: agent, teamId: team, callPriority: 30, noticeSentAt: new Date('2027-02-10T09:00:00Z') });
const caseG = buildCase(creditorA.id!, quietDebtor.id!, { teamId: team, callPriority: 15, noticeSentAt: new Date('2027-02-10T09:00:00Z') });

function attempt(c: typeof caseA, at: string, overrides: Partial<typeof contactAttempts.$inferInsert> = {}): typeof contactAttempts.$inferInsert {
  return {
    creditorId: c.creditorId, id: newId(), caseId: c.id!, debtorId: c.debtorId, channel: 'call', purpose: 'collection', direction: 'outbound',
    at: new Date(at), outcome: 'no_answer', allowed: true, decision: {}, ...overrides,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.database.db;
  await db.insert(creditors).values([creditorA, creditorB]);
  await db.insert(mandates).values(mandate);
  await db.insert(debtors).values([debtor, quietDebtor]);
  await db.insert(contactPoints).values([
    buildContactPoint(debtor.id!, { kind: 'phone', value: '+33612345601', phoneType: 'mobile', status: 'wrong', createdAt: new Date('2026-01-01T00:00:00Z') }),
    buildContactPoint(debtor.id!, { kind: 'phone', value: '+33612345602', phoneType: 'mobile', isPrimary: true, createdAt: new Date('2026-02-01T00:00:00Z') }),
    buildContactPoint(debtor.id!, { kind: 'email', value: 'camille@example.org', createdAt: new Date('2026-03-01T00:00:00Z'), validUntil: new Date('2030-01-01T00:00:00Z') }),
    buildContactPoint(debtor.id!, { kind: 'postal', value: '3 rue de Rivoli, 97400 Saint-Denis', isPrimary: true, postal: { lines: ['3 rue de Rivoli'], postcode: '97400', city: 'Saint-Denis', country: 'FR' }, sourceLabel: 'Fichier créancier' }),
    buildContactPoint(quietDebtor.id!, { kind: 'phone', value: '+33612345603', phoneType: 'mobile', isPrimary: true, createdAt: new Date('2026-03-01T00:00:00Z') }),
    // An address known only as text (no postcode: the territory comes from the number), and an e-mail address.
    buildContactPoint(quietDebtor.id!, { kind: 'postal', value: '12 rue des Lilas, Lyon', isPrimary: true, createdAt: new Date('2026-04-01T00:00:00Z') }),
    buildContactPoint(quietDebtor.id!, { kind: 'email', value: 'sacha@example.org', isPrimary: true, createdAt: new Date('2026-04-02T00:00:00Z') }),
  ]);
  await db.insert(cases).values([caseA, caseB, caseC, caseD, caseE, caseF, caseG]);
  await db.insert(contactAttempts).values([
    attempt(caseA, '2027-03-01T09:00:00.123Z'),
    attempt(caseA, '2027-03-02T09:00:00Z', { outcome: 'conversation', callbackAt: new Date('2027-03-20T14:00:00Z') }),
    attempt(caseB, '2027-03-03T09:00:00Z', { channel: 'sms', outcome: 'delivered' }),
    attempt(caseB, '2027-03-04T09:00:00Z', { allowed: false, outcome: 'refused' }),
    attempt(caseA, '2027-03-05T09:00:00Z', { direction: 'inbound', outcome: 'conversation' }),
    attempt(caseB, '2027-03-06T09:00:00Z', { channel: 'email', purpose: 'information', outcome: null }),
    // Around the horizon of `decidedAt` (attempts from 2027-03-01T10:00Z, callbacks from 09:30Z that day).
    attempt(caseA, '2027-01-15T09:00:00Z', { outcome: 'conversation', callbackAt: new Date('2027-03-10T09:45:00Z') }),
    attempt(caseB, '2027-01-20T09:00:00Z', { callbackAt: new Date('2027-01-22T09:00:00Z') }),
    attempt(caseA, '2027-03-01T10:00:00.000Z'),
    attempt(caseA, '2027-03-01T09:59:59.999Z'),
    attempt(caseB, '2027-02-01T09:00:00Z', { callbackAt: new Date('2027-03-10T09:30:00.000Z') }),
    attempt(caseB, '2027-02-01T09:05:00Z', { callbackAt: new Date('2027-03-10T09:29:59.999Z') }),
    attempt(caseA, '2027-03-08T09:00:00Z', { outcome: 'conversation' }),
    attempt(caseB, '2027-03-11T09:00:00Z', { channel: 'sms', outcome: 'delivered' }),
  ]);
  await db.insert(suspensions).values([
    { creditorId: caseA.creditorId, id: newId(), caseId: caseA.id!, debtorId: debtor.id!, kind: 'dispute', fromAt: new Date('2027-01-01T00:00:00Z'), resolvedAt: new Date('2027-01-15T00:00:00Z'), resolution: 'settled' },
    { creditorId: caseA.creditorId, id: newId(), caseId: caseA.id!, debtorId: debtor.id!, kind: 'written-only', fromAt: new Date('2027-02-01T00:00:00Z'), untilAt: new Date('2027-04-01T00:00:00Z') },
    { creditorId: caseB.creditorId, id: newId(), caseId: caseB.id!, debtorId: debtor.id!, kind: 'dispute', fromAt: new Date('2027-03-01T00:00:00Z') },
    { creditorId: caseF.creditorId, id: newId(), caseId: caseF.id!, debtorId: quietDebtor.id!, kind: 'dispute', fromAt: new Date('2027-03-01T00:00:00Z') },
  ]);
  await db.insert(debtorPreferences).values({ debtorId: debtor.id!, optOut: ['sms'], quietHours: [{ from: '12:00', to: '14:00' }], writtenOnly: false, updatedAt: new Date('2027-03-01T00:00:00Z') });
  // Microseconds, which a Date drops: the pages read instants as epoch milliseconds, `loadCases` as text —
  // both must floor them the same way (.123987 → .123, .999999 → .999).
  await db.execute(sql`update contact_attempts set at = '2027-03-01T09:00:00.123987Z' where at = '2027-03-01T09:00:00.123Z'`);
  await db.execute(sql`update contact_attempts set callback_at = '2027-03-20T14:00:00.999999Z' where callback_at = '2027-03-20T14:00:00Z'`);
  await db.execute(sql`update contact_points set source_at = '2026-05-04T08:07:06.543210Z', valid_until = '2030-01-01T00:00:00.000001Z' where value = 'camille@example.org'`);
  await db.execute(sql`update contact_points set valid_until = '2031-01-01T00:00:00.999999Z' where value = '+33612345602'`);
  await db.execute(sql`update suspensions set from_at = '2027-02-01T00:00:00.000999Z', until_at = '2027-04-01T00:00:00.999001Z' where kind = 'written-only'`);
});

afterAll(async () => {
  await t?.destroy();
});

/** The instant the pages decide about in these tests; 14:00 in Saint-Denis (La Réunion), a Wednesday. */
const decidedAt = new Date('2027-03-10T10:00:00Z');

/** loadCase's answer with the history a page deciding at `at` keeps (what `historyHorizon` says can count). */
function cutAtHorizon<K extends ContactFacts>(kase: K | undefined | null, at: Date) {
  if (!kase) return kase;
  const { attemptsFrom, callbacksFrom } = historyHorizonAt(at);
  return { ...kase, history: kase.history.filter((a) => a.at.getTime() >= attemptsFrom || (a.callbackAt !== null && a.callbackAt.getTime() >= callbacksFrom)) };
}

/** The engine's answer on every channel, at `at` and two hours later (a page may be read, then acted on). */
function decisions(kase: ContactFacts, at: Date) {
  const phone = kase.contactPoints.find((p) => p.kind === 'phone' && p.status !== 'wrong')?.value ?? null;
  return [at, new Date(at.getTime() + 2 * 3_600_000)].flatMap((when) => channels.map((channel) =>
    decideContact(buildContactSituation(kase, { at: when, channel, purpose: 'collection', recipient: channel === 'call' || channel === 'sms' ? phone : null }))));
}

/** What a call's decision reads of a case (`CallFacts`: the worklist reads only that): phones and postal addresses, each with what the engine reads. */
function callFactsOf(kase: CaseForMessaging | undefined): CallFacts | undefined {
  if (!kase) return kase;
  const { caseId, status, noticeSentAt, limitationExpiresOn, contactPoints, suspensions, history, preferences } = kase;
  const points = contactPoints.flatMap(({ id, kind, value, status: pointStatus, isPrimary, validUntil, postal }) => (kind === 'email' ? [] : [{
    id, kind, value, status: pointStatus, isPrimary, validUntil,
    postal: postal ? { ...(postal.postcode !== undefined && { postcode: postal.postcode }), ...(postal.country !== undefined && { country: postal.country }) } : null,
  }]));
  return { caseId, status, noticeSentAt, limitationExpiresOn, contactPoints: points, suspensions, history, preferences };
}

/** A call's decision, at `at` and two hours later, on the number the worklist would dial. */
function callDecisions(kase: ContactFacts, at: Date) {
  return [at, new Date(at.getTime() + 2 * 3_600_000)].map((when) => {
    const { decision, phone, problem } = callDecision(kase, when);
    return { decision, phone: phone?.id ?? null, problem };
  });
}

/** History and suspensions are sets to the engine (their order is not part of loadCase's answer). */
function normalised<K extends ContactFacts>(kase: K | undefined | null) {
  if (!kase) return kase;
  return {
    ...kase,
    history: [...kase.history].sort((a, b) => a.id.localeCompare(b.id)),
    suspensions: [...kase.suspensions].sort((a, b) => a.kind.localeCompare(b.kind) || a.fromAt.getTime() - b.fromAt.getTime()),
  };
}

describe('one-statement reads', () => {
  const repos = () => repositoriesFor(t.database.db as unknown as DbExecutor);

  const worklistQueries = [
    { userId: agent, now: decidedAt, after: null, limit: 10 },
    { teamId: team, unassignedOnly: true, now: decidedAt, after: null, limit: 10 },
  ];

  it("the worklist's candidates come with what loadCases gives a call's decision, the history cut at the horizon, and the same decisions", async () => {
    const ids = [caseD.id!, caseG.id!, caseE.id!];
    const expected = await repos().messaging.loadCases(ids);
    expect(expected.get(caseD.id!)!.history).toHaveLength(12); // debtor-wide, outbound and allowed only
    // Recent ones, the one exactly at the horizon, the future one, and the old ones whose callback is due (from the edge on).
    expect(cutAtHorizon(expected.get(caseD.id!), decidedAt)!.history).toHaveLength(8);
    for (let run = 0; run < 2; run++) {
      const page = await repos().backoffice.worklistCandidates(worklistQueries, 10, historyHorizonAt(decidedAt));
      // Both scopes merged by priority; the suspended case is not a candidate.
      expect(page.map((c) => c.candidate.caseId)).toEqual(ids);
      for (const { candidate, engineCase } of page) {
        expect(engineCase.caseId).toBe(candidate.caseId);
        // Phones and postal addresses in the engine's order, no e-mail address, the postal address as its postcode and country (or none).
        expect(normalised(engineCase)).toEqual(normalised(cutAtHorizon(callFactsOf(expected.get(candidate.caseId)), decidedAt)));
        expect(callDecisions(engineCase, decidedAt)).toEqual(callDecisions(expected.get(candidate.caseId)!, decidedAt));
      }
    }
    // A smaller page: the first candidates, each still with its engine case.
    const two = await repos().backoffice.worklistCandidates(worklistQueries, 2, historyHorizonAt(decidedAt));
    expect(two.map((c) => c.engineCase.caseId)).toEqual(ids.slice(0, 2));
  });

  it('the old attempt whose callback is due changes the decision: the horizon must keep it', async () => {
    const full = (await repos().messaging.loadCases([caseD.id!])).get(caseD.id!)!;
    const call = (kase: ContactFacts) => decideContact(buildContactSituation(kase, { at: decidedAt, channel: 'call', purpose: 'collection', recipient: '+33612345602' }));
    // The debtor asked (weeks ago) to be called back at 09:30 and 09:45 today: the call escapes the pause of the 8 March conversation.
    expect(call(full).reasons.map((r) => r.rule)).not.toContain('post-conversation-pause');
    const withoutCallback = { ...full, history: full.history.filter((a) => !a.callbackAt || a.callbackAt.getTime() < Date.parse('2027-03-10T00:00:00Z')) };
    expect(call(withoutCallback).reasons.map((r) => r.rule)).toContain('post-conversation-pause');
    const read = (await repos().backoffice.worklistCandidates(worklistQueries, 10, historyHorizonAt(decidedAt))).find((c) => c.candidate.caseId === caseD.id)!;
    expect(call(read.engineCase)).toEqual(call(full));
    expect(call(full).allowed).toBe(true);
  });

  it("the case file's engine case and mandate are loadCase's and mandateFor's", async () => {
    for (const kase of [caseA, caseB, caseC]) {
      const expected = await repos().messaging.loadCase(kase.id!);
      const mandateTerms = await repos().backoffice.mandateFor(kase.creditorId, kase.id!);
      for (let run = 0; run < 2; run++) {
        const file = await repos().backoffice.caseFile(kase.id!, 1000, historyHorizonAt(decidedAt));
        expect(file).not.toBeNull();
        expect(normalised(file!.engineCase)).toEqual(normalised(cutAtHorizon(expected, decidedAt)));
        expect(decisions(file!.engineCase, decidedAt)).toEqual(decisions(expected!, decidedAt));
        expect(file!.mandate).toEqual(mandateTerms);
        // The file's own lists keep every suspension, resolved or not.
        expect(file!.raw.suspensions).toHaveLength(kase.id === caseA.id ? 2 : kase.id === caseB.id ? 1 : 0);
      }
    }
    expect((await repos().backoffice.caseFile(caseA.id!, 1000, historyHorizonAt(decidedAt)))!.mandate.maxPlanMonths).toBe(9);
    expect(await repos().backoffice.caseFile(newId(), 1000, historyHorizonAt(decidedAt))).toBeNull();
  });

  it('the session with its user is the two lookups in one', async () => {
    const user = await repos().users.create({ email: 'agent.reads@example.org', displayName: 'Agent', role: 'agent', creditorId: null, teamId: null, locale: 'fr', passwordHash: 'x' });
    const sessionId = `session-${newId()}`;
    await repos().sessions.create({ id: sessionId, userId: user.id, csrfToken: 'csrf', expiresAt: new Date('2027-03-10T10:00:00.5Z'), lastSeenAt: new Date('2027-03-09T10:00:00Z'), ip: null, userAgent: null });
    for (let run = 0; run < 2; run++) {
      const found = await repos().sessions.findWithUser(sessionId);
      expect(found).toEqual({ session: await repos().sessions.findById(sessionId), user: await repos().users.findById(user.id) });
    }
    expect(await repos().sessions.findWithUser('no-such-session')).toBeNull();
  });
});
