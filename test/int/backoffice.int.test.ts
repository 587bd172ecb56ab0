/**
 * The agents' back office over HTTP (issue #6), on a clock set to a Tuesday 10:00 in Paris: the
 * worklist shows only what the engine allows, a call the engine refuses cannot be logged, the identity
 * check gates disclosure, a 6-month plan within the mandate starts at once (confirmation in the outbox,
 * case out of the worklist for the 7-day pause), one beyond it waits for a manager, a dispute removes
 * the case from every worklist at once, and the authorization rules hold.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildContactPoint, buildCreditor, buildDebtor, buildMandate, buildTeam, insertSentFirstLetter } from '../../src/adapters/db/seed/factories.ts';
import { caseEvents, cases, contactPoints, creditors, debtors, mandates, outbox, suspensions, teams } from '../../src/adapters/db/schema.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { createTestApp, TestClock, type TestApp, type TestUser } from '../support/test-app.ts';

const NOW = new Date('2027-03-09T09:00:00Z'); // Tuesday, 10:00 in Paris
let h: TestApp;
let clock: TestClock;
const teamA = buildTeam({ name: 'Équipe A' });
const teamB = buildTeam({ name: 'Équipe B' });
const creditor = buildCreditor({ name: 'Créancier Un' });
const otherCreditor = buildCreditor({ name: 'Créancier Deux' });
const mandate = buildMandate(creditor.id!, { maxPlanMonths: 6, minInstalmentCents: 2_000, maxDiscountBps: 1_000 });
let agentA: TestUser;
let agentB: TestUser;
let manager: TestUser;
let compliance: TestUser;
let creditorUser: TestUser;
const sessions = new Map<string, { cookie: string; csrfToken: string }>();

async function newCase(options: { teamId?: string | null; creditorId?: string; status?: 'active' | 'notice_pending'; principalCents?: number; postcode?: string } = {}) {
  const db = h.t.database.db;
  const debtor = buildDebtor({ birthDate: '1985-06-15', birthPlace: 'Lyon' });
  await db.insert(debtors).values(debtor);
  const n = String(Math.floor(Math.random() * 90) + 10);
  await db.insert(contactPoints).values([
    buildContactPoint(debtor.id!, { kind: 'phone', value: `+336123456${n}`, phoneType: 'mobile', isPrimary: true }),
    buildContactPoint(debtor.id!, { kind: 'email', value: `debtor-${newId().slice(-8)}@example.org`, isPrimary: true }),
    buildContactPoint(debtor.id!, { kind: 'postal', value: `12 rue Oberkampf, ${options.postcode ?? '75011'} Paris`, isPrimary: true, postal: { lines: ['12 rue Oberkampf'], postcode: options.postcode ?? '75011', city: 'Paris', country: 'FR' } }),
  ]);
  const creditorId = options.creditorId ?? creditor.id!;
  const row = buildCase(creditorId, debtor.id!, {
    mandateId: creditorId === creditor.id ? mandate.id! : null, principalCents: options.principalCents ?? 60_000, status: options.status ?? 'active',
    teamId: options.teamId === undefined ? teamA.id! : options.teamId, basisContractRef: 'CT-880037',
    noticeSentAt: options.status === 'notice_pending' ? null : new Date('2027-02-10T09:00:00Z'), openedAt: new Date('2027-02-01T09:00:00Z'),
  });
  await db.insert(cases).values(row);
  if (row.noticeSentAt) await insertSentFirstLetter(db, { creditorId, caseId: row.id!, debtorId: debtor.id! }, row.noticeSentAt);
  return row.id!;
}

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  let s = sessions.get(user.id);
  if (!s) {
    s = await h.logIn(user);
    sessions.set(user.id, s);
  }
  const response = await h.app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: response.statusCode, body: response.body ? response.json() as Record<string, any> : {} }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const worklistIds = async (user: TestUser, query = '') => ((await call(user, 'GET', `/api/v1/worklist?limit=100${query}`)).body.items as { caseId: string }[]).map((i) => i.caseId);
const identity = [{ fact: 'birth_date', value: '15/06/1985' }, { fact: 'postcode', value: '75011' }];

beforeAll(async () => {
  clock = new TestClock(NOW);
  h = await createTestApp({ clock });
  const db = h.t.database.db;
  await db.insert(teams).values([teamA, teamB]);
  await db.insert(creditors).values([creditor, otherCreditor]);
  await db.insert(mandates).values(mandate);
  agentA = await h.createUser('agent', { teamId: teamA.id! });
  agentB = await h.createUser('agent', { teamId: teamB.id! });
  manager = await h.createUser('manager', { teamId: teamA.id! });
  compliance = await h.createUser('compliance');
  creditorUser = await h.createUser('creditor', { creditorId: creditor.id! });
});
afterAll(async () => h?.close());

describe('the worklist', () => {
  it('shows only the cases the engine allows calling now, each with why and its window', async () => {
    const callable = await newCase();
    const suspended = await newCase();
    await h.t.database.db.insert(suspensions).values({ creditorId: creditor.id!, id: newId(), caseId: suspended, debtorId: (await h.t.database.db.select().from(cases).where(eq(cases.id, suspended)))[0]!.debtorId, kind: 'dispute', fromAt: new Date('2027-03-01T00:00:00Z') });
    const noticePending = await newCase({ status: 'notice_pending' });
    const otherTeam = await newCase({ teamId: teamB.id! });
    expect((await call(manager, 'POST', '/api/v1/worklist/refresh')).status).toBe(200);

    const page = await call(agentA, 'GET', '/api/v1/worklist?limit=100');
    expect(page.status).toBe(200);
    const ids = (page.body.items as { caseId: string }[]).map((i) => i.caseId);
    expect(ids).toContain(callable);
    expect(ids).not.toContain(suspended);
    expect(ids).not.toContain(noticePending);
    expect(ids).not.toContain(otherTeam);
    const item = (page.body.items as Record<string, any>[]).find((i) => i.caseId === callable)!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(item.window.message.en).toBe('Callable until 20:00 local time, 3 calls left in 7 days');
    expect(item.debtorLocalTime).toMatch(/^2027-03-09T10:00/);
    expect(item.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['balance', 'never-contacted']));
    expect(item.priority).toBe(item.reasons.reduce((s: number, r: { points: number }) => s + r.points, 0));
    // The other team's agent sees the other team's case, not this one.
    expect(await worklistIds(agentB)).toEqual(expect.arrayContaining([otherTeam]));
    expect(await worklistIds(agentB)).not.toContain(callable);
    // An agent cannot look at another agent's list; a creditor has no worklist.
    expect((await call(agentA, 'GET', `/api/v1/worklist?userId=${agentB.id}`)).status).toBe(403);
    expect((await call(creditorUser, 'GET', '/api/v1/worklist')).status).toBe(403);
  });

  it('is empty outside call hours (Sunday) even for callable cases', async () => {
    const sunday = new TestClock(new Date('2027-03-14T10:00:00Z'));
    const app = await createTestApp({ clock: sunday });
    try {
      await app.t.database.db.insert(teams).values(teamA);
      const staff = await app.createUser('agent', { teamId: teamA.id! });
      // A callable case of the team (on a weekday), assigned to the agent.
      const { creditor: c, debtor: d, case: k } = await (await import('../../src/adapters/db/seed/factories.ts')).insertCaseWithParties(app.t.database.db, { case: { teamId: teamA.id!, assignedUserId: staff.id, noticeSentAt: new Date('2027-02-10T09:00:00Z') } });
      await app.t.database.db.insert(contactPoints).values(buildContactPoint(d.id!, { kind: 'phone', value: '+33612345699', isPrimary: true }));
      await insertSentFirstLetter(app.t.database.db, { creditorId: c.id!, caseId: k.id!, debtorId: d.id! }, new Date('2027-02-10T09:00:00Z'));
      const s = await app.logIn(staff);
      const response = await app.app.inject({ method: 'GET', url: '/api/v1/worklist', headers: { cookie: s.cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('the case file and authorization', () => {
  it('gives the agent of the team the whole file, per-channel compliance with reasons', async () => {
    const id = await newCase();
    const file = await call(agentA, 'GET', `/api/v1/cases/${id}/file`);
    expect(file.status).toBe(200);
    expect(file.body.balanceCents).toBe(60_000);
    expect(file.body.compliance.map((c: { channel: string }) => c.channel)).toEqual(['call', 'sms', 'email', 'letter']);
    expect(file.body.compliance[0]).toMatchObject({ allowed: true, timeZone: 'Europe/Paris' });
    expect(file.body.raw.contactPoints.length).toBe(3);
    expect(file.body.raw.contactPoints[0]).toHaveProperty('sourceKind', 'creditor_file');
    expect(file.body.readOnly).toBe(false);
  });

  it('refuses another team’s case to an agent, unless it is assigned to them', async () => {
    const id = await newCase({ teamId: teamB.id! });
    expect((await call(agentA, 'GET', `/api/v1/cases/${id}/file`)).status).toBe(403);
    expect((await call(agentA, 'POST', `/api/v1/cases/${id}/calls`, {})).status).toBe(403);
    expect((await call(manager, 'POST', '/api/v1/assignments', { caseIds: [id], userId: agentA.id })).status).toBe(200);
    expect((await call(agentA, 'GET', `/api/v1/cases/${id}/file`)).status).toBe(200);
    const events = await h.t.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, 'case.assigned')));
    expect(events).toHaveLength(1);
    expect((await call(agentA, 'POST', '/api/v1/assignments', { caseIds: [id], userId: agentB.id })).status).toBe(403);
  });

  it('lets a creditor user read only its own cases, read-only', async () => {
    const own = await newCase();
    const foreign = await newCase({ creditorId: otherCreditor.id! });
    const file = await call(creditorUser, 'GET', `/api/v1/cases/${own}/file`);
    expect(file.status).toBe(200);
    expect(file.body.readOnly).toBe(true);
    expect((await call(creditorUser, 'GET', `/api/v1/cases/${foreign}/file`)).status).toBe(404);
    expect((await call(creditorUser, 'POST', `/api/v1/cases/${own}/notes`, { text: 'hello' })).status).toBe(403);
    expect((await call(creditorUser, 'POST', `/api/v1/cases/${own}/suspensions`, { kind: 'dispute', reason: 'x' })).status).toBe(403);
  });
});

describe('the call script', () => {
  it('records a conversation with a 6-month plan: confirmation in the outbox, case out of the worklist for 7 days', async () => {
    const id = await newCase();
    await call(manager, 'POST', '/api/v1/worklist/refresh');
    expect(await worklistIds(agentA)).toContain(id);
    const started = await call(agentA, 'POST', `/api/v1/cases/${id}/calls`, {});
    expect(started.status).toBe(201);
    expect(started.body.allowed).toBe(true);
    const attempt = started.body.attemptId as string;
    const plan = { frequency: 'monthly', count: 6, firstDueOn: '2027-03-20', budget: { incomeCents: 250_000, chargesCents: 90_000, adults: 1, children: 0 } };
    // No identity check, or a wrong one: the debt may not be discussed.
    expect((await call(agentA, 'POST', `/api/v1/calls/${attempt}/outcome`, { outcome: 'plan', plan })).status).toBe(400);
    expect((await call(agentA, 'POST', `/api/v1/calls/${attempt}/outcome`, { outcome: 'plan', plan, identity: [{ fact: 'birth_date', value: '15/06/1985' }, { fact: 'postcode', value: '75012' }] })).status).toBe(400);
    const check = await call(agentA, 'POST', `/api/v1/cases/${id}/identity-checks`, { answers: identity });
    expect(check.body).toMatchObject({ verified: true, matched: ['birth_date', 'postcode'] });
    const recorded = await call(agentA, 'POST', `/api/v1/calls/${attempt}/outcome`, { outcome: 'plan', plan, identity, note: 'Accord sur 6 mois' });
    expect(recorded.status).toBe(200);
    expect(recorded.body.plan).toMatchObject({ status: 'active', violations: [] });

    const file = await call(agentA, 'GET', `/api/v1/cases/${id}/file`);
    expect(file.body.raw.kase.status).toBe('plan');
    const types = (file.body.timeline as { type: string }[]).map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['plan.created', 'contact.attempted', 'identity.checked', 'case.status_changed', 'email.plan-confirmation']));
    const queued = await h.t.database.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'plan-confirmation')));
    expect(queued).toHaveLength(1);
    expect(queued[0]!.status).toBe('pending');
    // Out of the worklist; the engine's next lawful call is 7 days after the conversation.
    expect(await worklistIds(agentA)).not.toContain(id);
    const callPanel = (file.body.compliance as { channel: string; reasons: { rule: string }[]; nextAllowedAt: string }[]).find((c) => c.channel === 'call')!;
    expect(callPanel.reasons.map((r) => r.rule)).toContain('post-conversation-pause');
    expect(new Date(callPanel.nextAllowedAt).getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 7 * 86_400_000);
    const [row] = await h.t.database.db.select({ next: cases.nextCallAt }).from(cases).where(eq(cases.id, id));
    expect(row!.next!.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 7 * 86_400_000);
  });

  it('cannot log a call the engine refused', async () => {
    const id = await newCase();
    const first = await call(agentA, 'POST', `/api/v1/cases/${id}/calls`, {});
    await call(agentA, 'POST', `/api/v1/calls/${first.body.attemptId}/outcome`, { outcome: 'no_answer' });
    const second = await call(agentA, 'POST', `/api/v1/cases/${id}/calls`, {});
    expect(second.status).toBe(201);
    expect(second.body.allowed).toBe(false);
    expect(second.body.decision.reasons.map((r: { rule: string }) => r.rule)).toContain('daily-cap');
    const logged = await call(agentA, 'POST', `/api/v1/calls/${second.body.attemptId}/outcome`, { outcome: 'no_answer' });
    expect(logged.status).toBe(409);
  });

  it('sends a plan beyond the mandate to a manager, who approves it (not their own)', async () => {
    const id = await newCase();
    const started = await call(agentA, 'POST', `/api/v1/cases/${id}/calls`, {});
    const plan = { frequency: 'monthly', count: 12, firstDueOn: '2027-03-20' };
    expect((await call(agentA, 'POST', `/api/v1/calls/${started.body.attemptId}/outcome`, { outcome: 'plan', plan, identity })).status).toBe(400);
    const recorded = await call(agentA, 'POST', `/api/v1/calls/${started.body.attemptId}/outcome`, { outcome: 'plan', plan: { ...plan, reason: 'Revenus faibles, 12 mois' }, identity });
    expect(recorded.status).toBe(200);
    expect(recorded.body.plan.status).toBe('pending_approval');
    expect(recorded.body.plan.violations.map((v: { rule: string }) => v.rule)).toEqual(['max-plan-months']);
    expect((await call(agentA, 'GET', '/api/v1/approvals')).status).toBe(403);
    const approvals = await call(manager, 'GET', '/api/v1/approvals');
    const request = (approvals.body.items as { id: string; caseId: string; reason: string }[]).find((a) => a.caseId === id)!;
    expect(request.reason).toBe('Revenus faibles, 12 mois');
    expect((await call(manager, 'POST', `/api/v1/approvals/plan/${request.id}/decision`, { approve: true, note: 'ok' })).body.status).toBe('active');
    const [row] = await h.t.database.db.select({ status: cases.status }).from(cases).where(eq(cases.id, id));
    expect(row!.status).toBe('plan');
    expect((await h.t.database.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'plan-confirmation'))))).toHaveLength(1);
  });

  it('a promise moves the case to promise and is confirmed; a settlement beyond the discount waits for approval', async () => {
    const id = await newCase();
    const promise = await call(agentA, 'POST', `/api/v1/cases/${id}/promises`, { amountCents: 10_000, dueOn: '2027-03-15' });
    expect(promise.status, JSON.stringify(promise.body)).toBe(201);
    expect((await h.t.database.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'promise-confirmation'))))).toHaveLength(1);
    expect((await call(agentA, 'POST', `/api/v1/cases/${id}/promises`, { amountCents: 10_000, dueOn: '2027-06-15' })).status).toBe(400);
    const settlement = await call(agentA, 'POST', `/api/v1/cases/${id}/settlements`, { amountCents: 40_000, dueOn: '2027-03-31', reason: 'Paiement immédiat' });
    expect(settlement.body).toMatchObject({ status: 'pending_approval' });
    const within = await call(agentA, 'POST', `/api/v1/cases/${id}/settlements`, { amountCents: 55_000, dueOn: '2027-03-31' });
    expect(within.body).toMatchObject({ status: 'pending' });
  });
});

describe('disputes and document requests', () => {
  it('recording a dispute removes the case from every worklist at once; compliance resolves it', async () => {
    const id = await newCase();
    await call(manager, 'POST', '/api/v1/worklist/refresh');
    expect(await worklistIds(agentA)).toContain(id);
    expect(await worklistIds(manager, `&teamId=${teamA.id}`)).toContain(id);
    const opened = await call(agentA, 'POST', `/api/v1/cases/${id}/suspensions`, { kind: 'dispute', reason: 'Conteste le montant' });
    expect(opened.status).toBe(201);
    expect(await worklistIds(agentA)).not.toContain(id);
    expect(await worklistIds(manager, `&teamId=${teamA.id}`)).not.toContain(id);
    expect((await h.t.database.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'dispute-acknowledgement'))))).toHaveLength(1);
    // The engine refuses any call meanwhile.
    const refused = await call(agentA, 'POST', `/api/v1/cases/${id}/calls`, {});
    expect(refused.body.allowed).toBe(false);
    expect(refused.body.decision.reasons.map((r: { rule: string }) => r.rule)).toContain('suspended');
    // Only compliance resolves; rejected → collection resumes.
    expect((await call(agentA, 'POST', `/api/v1/suspensions/${opened.body.suspensionId}/resolution`, { resolution: 'rejected', note: 'x' })).status).toBe(403);
    const queue = await call(compliance, 'GET', '/api/v1/suspensions');
    expect((queue.body.items as { id: string }[]).map((s) => s.id)).toContain(opened.body.suspensionId);
    expect((await call(compliance, 'POST', `/api/v1/suspensions/${opened.body.suspensionId}/resolution`, { resolution: 'rejected', note: 'Montant justifié par le contrat' })).status).toBe(200);
    const types = (await h.t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['dispute.opened', 'dispute.resolved']));
    // The debtor is told that collection resumes, once, before any new contact.
    const told = await h.t.database.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'dispute-outcome')));
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({ context: { dispute: { outcome: 'rejected', reason: 'Conteste le montant' } } });
  });

  it('a dispute upheld closes the case as erroneous; a documents request opens its suspension from the call script', async () => {
    const id = await newCase();
    const opened = await call(agentA, 'POST', `/api/v1/cases/${id}/suspensions`, { kind: 'dispute', reason: 'Pas le bon débiteur' });
    await call(compliance, 'POST', `/api/v1/suspensions/${opened.body.suspensionId}/resolution`, { resolution: 'upheld', note: 'Erreur d’identité' });
    expect((await h.t.database.db.select({ s: cases.status }).from(cases).where(eq(cases.id, id)))[0]!.s).toBe('closed_erroneous');
    const told = await h.t.database.db.select().from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.template, 'dispute-outcome')));
    expect(told.map((m) => (m.payload as { context: { dispute: { outcome: string } } }).context.dispute.outcome)).toEqual(['upheld']);

    const other = await newCase();
    const started = await call(agentA, 'POST', `/api/v1/cases/${other}/calls`, {});
    const done = await call(agentA, 'POST', `/api/v1/calls/${started.body.attemptId}/outcome`, { outcome: 'documents_requested', identity });
    expect(done.status).toBe(200);
    const open = await h.t.database.db.select().from(suspensions).where(eq(suspensions.caseId, other));
    expect(open.map((s) => s.kind)).toEqual(['documents-requested']);
  });

  it('over-indebtedness declared on one case suspends every open case of the debtor, at every creditor (C. conso L722-2)', async () => {
    const db = h.t.database.db;
    const id = await newCase();
    const debtorId = (await db.select({ debtorId: cases.debtorId }).from(cases).where(eq(cases.id, id)))[0]!.debtorId;
    // The same person owes another creditor (another team's case) and had a third case closed.
    const elsewhere = buildCase(otherCreditor.id!, debtorId, { teamId: teamB.id!, status: 'active', noticeSentAt: new Date('2027-02-10T09:00:00Z') });
    const closed = buildCase(creditor.id!, debtorId, { mandateId: mandate.id!, teamId: teamA.id!, status: 'closed_paid' });
    await db.insert(cases).values([elsewhere, closed]);
    // A dispute stays on its case.
    const dispute = await call(agentA, 'POST', `/api/v1/cases/${id}/suspensions`, { kind: 'dispute', reason: 'Montant contesté' });
    expect(dispute.body.otherCasesSuspended).toBe(0);
    expect(await db.select().from(suspensions).where(eq(suspensions.caseId, elsewhere.id!))).toHaveLength(0);

    const declared = await call(agentA, 'POST', `/api/v1/cases/${id}/suspensions`, { kind: 'over-indebtedness', reason: 'Dossier BdF recevable, courrier du 02/03' });
    expect(declared.status).toBe(201);
    expect(declared.body.otherCasesSuspended).toBe(1);
    const extended = await db.select().from(suspensions).where(eq(suspensions.caseId, elsewhere.id!));
    expect(extended.map((s) => [s.kind, s.creditorId, s.resolvedAt])).toEqual([['over-indebtedness', otherCreditor.id!, null]]);
    // The other creditor's case says why in its own words, never the first case's details.
    expect(extended[0]!.reason).toContain('L722-2');
    expect(extended[0]!.reason).not.toContain('BdF');
    const events = await db.select().from(caseEvents).where(and(eq(caseEvents.caseId, elsewhere.id!), eq(caseEvents.type, 'suspension.opened')));
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ kind: 'over-indebtedness', debtorWide: true })]);
    expect(JSON.stringify(events[0]!.data)).not.toContain(id);
    // The engine now refuses calls on the other case; the closed case was left alone.
    const refused = await call(agentB, 'POST', `/api/v1/cases/${elsewhere.id!}/calls`, {});
    expect(refused.body.allowed).toBe(false);
    expect(await db.select().from(suspensions).where(eq(suspensions.caseId, closed.id!))).toHaveLength(0);
    // Declared again (a second call): nothing doubles.
    const again = await call(agentA, 'POST', `/api/v1/cases/${id}/suspensions`, { kind: 'over-indebtedness', reason: 'rappel' });
    expect(again.body.otherCasesSuspended).toBe(0);
    expect(await db.select().from(suspensions).where(eq(suspensions.caseId, elsewhere.id!))).toHaveLength(1);
  });
});

describe('assignment rules and KPIs', () => {
  it('assigns unassigned cases by the first matching rule', async () => {
    const overseas = await newCase({ teamId: null, postcode: '97400' });
    const metro = await newCase({ teamId: null, postcode: '75011' });
    const rules = await call(manager, 'PUT', '/api/v1/assignment-rules', { rules: [
      { name: 'Outre-mer', creditorId: null, postcodePrefix: '97', category: null, minBalanceCents: null, teamId: teamB.id, userId: null },
      { name: 'Le reste', creditorId: null, postcodePrefix: null, category: null, minBalanceCents: null, teamId: teamA.id, userId: null },
    ] });
    expect(rules.status).toBe(200);
    const applied = await call(manager, 'POST', '/api/v1/assignment-rules/apply');
    expect(applied.body.assigned).toBeGreaterThanOrEqual(2);
    const team = async (id: string) => (await h.t.database.db.select({ t: cases.teamId }).from(cases).where(eq(cases.id, id)))[0]!.t;
    expect(await team(overseas)).toBe(teamB.id);
    expect(await team(metro)).toBe(teamA.id);
  });

  it('computes the dashboard from the history, for managers only', async () => {
    expect((await call(agentA, 'GET', '/api/v1/kpis')).status).toBe(403);
    const kpis = await call(manager, 'GET', `/api/v1/kpis?creditorId=${creditor.id}&from=2027-03-01&to=2027-03-31`);
    expect(kpis.status).toBe(200);
    expect(kpis.body.rightPartyContactRate.numerator).toBeGreaterThanOrEqual(3);
    expect(kpis.body.rightPartyContactRate.denominator).toBeGreaterThan(kpis.body.rightPartyContactRate.numerator);
    expect(kpis.body.disputesOpened).toBeGreaterThanOrEqual(2);
    expect(kpis.body.complianceRefusalsByRule.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['daily-cap', 'suspended']));
    expect(kpis.body.balanceAgeing).toHaveLength(5);
    const none = await call(manager, 'GET', `/api/v1/kpis?creditorId=${otherCreditor.id}&from=2027-03-01&to=2027-03-31`);
    expect(none.body.promiseKeptRate.value).toBeNull();
  });
});
