/**
 * The debtor portal over HTTP (issue #8), on both databases: login without enumeration and with a
 * per-reference lockout, sessions separate from the back office, one case per session, CSRF, the
 * case view, a plan within the mandate, a dispute with evidence that suspends the case at once,
 * preferences the engine reads, data export, rights requests on the compliance page, public tools.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPortalCase } from '../../src/adapters/db/seed/portal-demo.ts';
import { buildCase, buildCreditor } from '../../src/adapters/db/seed/factories.ts';
import { caseEvents, cases, creditors, documents, outbox, plans, suspensions } from '../../src/adapters/db/schema.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { Argon2PasswordHasher } from '../../src/adapters/security/argon2.password-hasher.ts';
import { buildContactSituation } from '../../src/application/messaging/contact-situation.ts';
import { decideContact } from '../../src/domain/contact-policy/index.ts';
import { PORTAL_LOCKOUT_MS } from '../../src/domain/portal/login-throttle.ts';
import { createTestApp, TestClock, type TestApp } from '../support/test-app.ts';

const hasher = new Argon2PasswordHasher();
/** A JSON answer read loosely: the assertions say what must be there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-portal-'));
const clock = new TestClock(new Date('2026-11-20T10:00:00Z'));
let h: TestApp;
let ip = 1;
const nextIp = () => `10.77.${(ip >> 8) & 255}.${ip++ & 255}`;

beforeAll(async () => {
  h = await createTestApp({ clock, env: { AMIABLE_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Portal = Awaited<ReturnType<typeof insertPortalCase>>;

async function login(kase: { reference: string; accessCode: string; birthDate: string }) {
  return h.app.inject({ method: 'POST', url: '/api/v1/portal/login', payload: kase, remoteAddress: nextIp() });
}

async function session(p: Portal) {
  const response = await login({ reference: p.case.creditorReference, accessCode: p.accessCode, birthDate: p.debtor.birthDate! });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'amiable_portal')!;
  expect(cookie.httpOnly).toBe(true);
  return { cookie: `amiable_portal=${cookie.value}`, csrf: (response.json() as { csrfToken: string }).csrfToken };
}

describe('debtor login', () => {
  it('logs in with reference + access code + birth date, whatever the case and dashes of the code', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const ok = await login({ reference: ` ${p.case.creditorReference.toLowerCase()} `, accessCode: p.accessCode.toLowerCase().replace(/-/g, ' '), birthDate: '1985-06-15' });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('gives one generic answer for a wrong code, a wrong birth date and an unknown reference', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const answers = await Promise.all([
      login({ reference: p.case.creditorReference, accessCode: 'AAAA-BBBB-CCCC', birthDate: '1985-06-15' }),
      login({ reference: p.case.creditorReference, accessCode: p.accessCode, birthDate: '1985-06-16' }),
      login({ reference: 'NO-SUCH-CASE-42', accessCode: p.accessCode, birthDate: '1985-06-15' }),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      const { code, title, detail } = answer.json() as Record<string, string>;
      expect({ code, title, detail }).toEqual({ code: 'invalid_credentials', title: (answers[0]!.json() as Record<string, string>).title, detail: (answers[0]!.json() as Record<string, string>).detail });
      expect(answer.cookies.find((c) => c.name === 'amiable_portal')).toBeUndefined();
    }
  });

  it('twenty wrong logins lock the case for a while, exactly as they lock an unknown reference', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const run = async (reference: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        const r = await login({ reference, accessCode: `WRNG-${String(1000 + i)}-ZZZZ`, birthDate: '1985-06-15' });
        seen.push(`${r.statusCode} ${(r.json() as { code: string }).code} ${r.headers['retry-after'] ?? ''}`);
      }
      return seen;
    };
    const real = await run(p.case.creditorReference);
    const unknown = await run('UNKNOWN-REF-0001');
    expect(real).toEqual(unknown);
    expect(real.slice(0, 9).every((s) => s.startsWith('401 invalid_credentials'))).toBe(true);
    expect(real.slice(9).every((s) => s.startsWith('423 account_locked'))).toBe(true);
    // Locked: even the right code is refused, and the answer does not say it was right.
    const right = await login({ reference: p.case.creditorReference, accessCode: p.accessCode, birthDate: '1985-06-15' });
    expect(right.statusCode).toBe(423);
    expect((right.json() as { code: string }).code).toBe('account_locked');
    clock.advance(PORTAL_LOCKOUT_MS + 1000);
    const later = await login({ reference: p.case.creditorReference, accessCode: p.accessCode, birthDate: '1985-06-15' });
    expect(later.statusCode).toBe(200);
  });

  it('limits logins per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const r = await h.app.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { reference: `R-${i}`, accessCode: 'X', birthDate: '1990-01-01' }, remoteAddress: '10.99.0.1' });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});

describe('portal sessions', () => {
  it('are separate from back-office sessions, need CSRF on changes, and end at logout', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const s = await session(p);
    // A portal session opens no back-office route, and a back-office session no portal route.
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const agent = await h.logIn(await h.createUser('agent'));
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { cookie: agent.cookie } })).statusCode).toBe(401);
    const noCsrf = await h.app.inject({ method: 'PUT', url: '/api/v1/portal/preferences', headers: { cookie: s.cookie }, payload: { optOut: [], quietHours: [], writtenOnly: false } });
    expect(noCsrf.statusCode).toBe(403);
    expect((noCsrf.json() as { code: string }).code).toBe('csrf_invalid');
    const out = await h.app.inject({ method: 'POST', url: '/api/v1/portal/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('expire after fifteen idle minutes', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const s = await session(p);
    clock.advance(16 * 60_000);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('show a debtor only their own case and documents', async () => {
    const mine = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const theirs = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null, debtor: { lastName: 'Secretnom' } });
    const other = await session(theirs);
    const upload = await h.app.inject({
      method: 'POST', url: '/api/v1/portal/evidence?fileName=x.pdf', headers: { cookie: other.cookie, 'x-csrf-token': other.csrf, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% other\n'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const s = await session(mine);
    const view = await h.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { cookie: s.cookie } });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ reference: mine.case.creditorReference });
    expect(view.body).not.toContain('Secretnom');
    const foreign = await h.app.inject({ method: 'GET', url: `/api/v1/portal/documents/${(upload.json() as { id: string }).id}`, headers: { cookie: s.cookie } });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('verify a contact (public)', () => {
  it('says "ours" for a code we sent and "no trace" for one we did not, with no case detail', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: 'M3QX-8TZ4' });
    const genuine = await h.app.inject({ method: 'POST', url: '/api/v1/portal/verify-contact', payload: { code: 'm3qx 8tz4' }, remoteAddress: nextIp() });
    expect(genuine.json()).toEqual({ verdict: 'ours', signs: [] });
    expect(genuine.body).not.toContain(p.case.creditorReference);
    const fake = await h.app.inject({ method: 'POST', url: '/api/v1/portal/verify-contact', payload: { code: 'ZZZZ-9999' }, remoteAddress: nextIp() });
    expect(fake.json()).toEqual({ verdict: 'no-trace', signs: [] });
    const pasted = await h.app.inject({ method: 'POST', url: '/api/v1/portal/verify-contact', remoteAddress: nextIp(), payload: { message: 'URGENT payez sous 24h sur bit.ly/abc, code 7KQW-2M9P' } });
    expect(pasted.json()).toEqual({ verdict: 'no-trace', signs: ['shortened-link', 'pressure'] });
  });
});

describe('my case, plan, dispute, preferences, data', () => {
  it('shows the breakdown, balance, limitation, payment details and contacts with their codes', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: 'P7RT-5KQ2' });
    const s = await session(p);
    const view = (await h.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { cookie: s.cookie } })).json() as Loose;
    expect(view.creditor).toMatchObject({ legalName: 'Horizon Télécom SA', address: ['45 avenue de France', '75013 Paris'] });
    expect(view.basis).toEqual({ contractRef: 'CT-880037', date: '2024-03-15' });
    expect(view.amounts).toMatchObject({ principalCents: 48_000, interestCents: 1_250, accessoriesCents: 0, totalCents: 49_250, paidCents: 0, balanceCents: 49_250 });
    expect(view.limitation).toMatchObject({ kind: 'prescription', status: 'running' });
    expect(view.limitation.explanation.fr.length).toBeGreaterThan(10);
    expect(view.payment.rfReference).toMatch(/^RF\d{2}/);
    expect(view.payment.epcPayload).toContain('EUR492.50');
    expect(view.contacts.map((c: { verificationCode: string | null }) => c.verificationCode)).toContain('P7RT-5KQ2');
    const qr = await h.app.inject({ method: 'GET', url: '/api/v1/portal/case/payment-qr.svg', headers: { cookie: s.cookie } });
    expect(qr.headers['content-type']).toMatch(/image\/svg\+xml/);
  });

  it('pays by card through the (test) provider: booked once on my own case, balance down, receipt queued; never on another\'s', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const other = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const s = await session(p);
    const so = await session(other);
    const provider = (await h.app.inject({ method: 'GET', url: '/api/v1/portal/card-payments/provider', headers: { cookie: s.cookie } })).json() as Loose;
    expect(provider).toMatchObject({ isTest: true, label: expect.stringMatching(/test/) });
    const tooMuch = await h.app.inject({ method: 'POST', url: '/api/v1/portal/card-payments', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { amountCents: 49_251 } });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json()).toMatchObject({ code: 'validation_failed' });
    const started = await h.app.inject({ method: 'POST', url: '/api/v1/portal/card-payments', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { amountCents: 10_000 } });
    expect(started.statusCode, started.body).toBe(201);
    const ref = (started.json() as Loose).providerRef as string;
    // Another debtor cannot complete it (no trace of it for them).
    const stolen = await h.app.inject({ method: 'POST', url: `/api/v1/portal/card-payments/${ref}/test-succeed`, headers: { cookie: so.cookie, 'x-csrf-token': so.csrf } });
    expect(stolen.statusCode).toBe(404);
    const paid = await h.app.inject({ method: 'POST', url: `/api/v1/portal/card-payments/${ref}/test-succeed`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(paid.json()).toEqual({ outcome: 'booked' });
    const again = await h.app.inject({ method: 'POST', url: `/api/v1/portal/card-payments/${ref}/test-succeed`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(again.json()).toEqual({ outcome: 'already_booked' });
    const view = (await h.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { cookie: s.cookie } })).json() as Loose;
    expect(view.amounts).toMatchObject({ paidCents: 10_000, balanceCents: 39_250 });
    expect(view.payments).toEqual([expect.objectContaining({ amountCents: 10_000, method: 'card' })]);
    const receipts = await h.t.database.db.select().from(outbox).where(and(eq(outbox.caseId, p.case.id!), eq(outbox.template, 'payment-receipt')));
    expect(receipts).toHaveLength(1);
    const otherView = (await h.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { cookie: so.cookie } })).json() as Loose;
    expect(otherView.amounts).toMatchObject({ paidCents: 0 });
  });

  it('agrees a plan within the mandate at once: plan, schedule, case in plan, events, confirmation queued', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null, mandate: { maxPlanMonths: 12, minInstalmentCents: 2000 } });
    const s = await session(p);
    const budget = { incomeCents: 210_000, chargesCents: 90_000, adults: 1, children: 0, wishedMonthlyCents: 5_000 };
    const quote = (await h.app.inject({ method: 'POST', url: '/api/v1/portal/plan/quote', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: budget })).json() as Loose;
    expect(quote.outcome).toBe('auto-accept');
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/portal/plan', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: budget });
    expect(response.statusCode, response.body).toBe(200);
    const proposal = response.json() as Loose;
    expect(proposal).toMatchObject({ status: 'active', outcome: 'auto-accept', violations: [] });
    expect(proposal.instalments.reduce((sum: number, i: { amountCents: number }) => sum + i.amountCents, 0)).toBe(49_250);
    expect(proposal.confirmation).toMatchObject({ queued: true, channel: 'email' });
    const db = h.t.database.db;
    const [row] = await db.select().from(cases).where(eq(cases.id, p.case.id!));
    expect(row!.status).toBe('plan');
    const events = (await db.select().from(caseEvents).where(eq(caseEvents.caseId, p.case.id!))).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['plan.created', 'case.status_changed']));
    const queued = await db.select().from(outbox).where(and(eq(outbox.caseId, p.case.id!), eq(outbox.template, 'plan-confirmation')));
    expect(queued).toHaveLength(1);
  });

  it('sends a plan beyond the mandate to an agent for approval', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null, mandate: { maxPlanMonths: 3, minInstalmentCents: 2000 } });
    const s = await session(p);
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/portal/plan', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { incomeCents: 200_000, chargesCents: 90_000, adults: 1, children: 0, wishedMonthlyCents: 5_000 } });
    const proposal = response.json() as Loose;
    expect(proposal).toMatchObject({ status: 'pending_approval', outcome: 'needs-agent' });
    expect(proposal.violations.map((v: { rule: string }) => v.rule)).toContain('max-plan-months');
    const [plan] = await h.t.database.db.select().from(plans).where(eq(plans.caseId, p.case.id!));
    expect(plan!.status).toBe('pending_approval');
    const [row] = await h.t.database.db.select().from(cases).where(eq(cases.id, p.case.id!));
    expect(row!.status).toBe('active');
  });

  it('opens a dispute with a PDF: suspension at once, event, acknowledgement queued, the engine refuses calls', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const s = await session(p);
    const refused = await h.app.inject({
      method: 'POST', url: '/api/v1/portal/evidence?fileName=evil.pdf', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/pdf' },
      payload: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    expect(refused.statusCode).toBe(415);
    const tooBig = await h.app.inject({
      method: 'POST', url: '/api/v1/portal/evidence?fileName=big.pdf', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/pdf' },
      payload: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]),
    });
    expect(tooBig.statusCode).toBe(413);
    // Neither left a file behind.
    expect(fs.readdirSync(path.join(dataDir, 'evidence')).filter((f) => f.endsWith('.part'))).toEqual([]);
    const before = fs.readdirSync(path.join(dataDir, 'evidence')).length;
    const upload = await h.app.inject({
      method: 'POST', url: '/api/v1/portal/evidence?fileName=facture.pdf', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(fs.readdirSync(path.join(dataDir, 'evidence')).length).toBe(before + 1);
    const evidenceId = (upload.json() as { id: string }).id;
    const dispute = await h.app.inject({
      method: 'POST', url: '/api/v1/portal/disputes', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { reason: 'already-paid', details: 'Payé le 3 mars, voir la preuve.', evidenceIds: [evidenceId] },
    });
    expect(dispute.statusCode, dispute.body).toBe(201);
    expect(dispute.json()).toMatchObject({ acknowledgement: { queued: true } });
    const db = h.t.database.db;
    const open = await db.select().from(suspensions).where(eq(suspensions.caseId, p.case.id!));
    expect(open.map((x) => x.kind)).toEqual(['dispute']);
    const events = (await db.select().from(caseEvents).where(eq(caseEvents.caseId, p.case.id!))).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['documents.provided', 'dispute.opened', 'suspension.opened']));
    expect(await db.select().from(outbox).where(and(eq(outbox.caseId, p.case.id!), eq(outbox.template, 'dispute-acknowledgement')))).toHaveLength(1);
    const [doc] = await db.select().from(documents).where(eq(documents.id, evidenceId));
    expect(doc!.storageKey).toMatch(/^[a-f0-9]{32}\.bin$/);
    // The engine now refuses a collection call on this case.
    const kase = await new DrizzleUnitOfWork(db).run((repos) => repos.messaging.loadCase(p.case.id!));
    const decision = decideContact(buildContactSituation(kase!, { at: new Date('2026-11-25T10:00:00Z'), channel: 'call', purpose: 'collection', recipient: p.phone }));
    expect(decision.allowed).toBe(false);
    // Downloaded as an attachment, never inline.
    const download = await h.app.inject({ method: 'GET', url: `/api/v1/portal/documents/${evidenceId}`, headers: { cookie: s.cookie } });
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    // The back office downloads it from the case file (issue #6), under the case's own access rule.
    const compliance = await h.logIn(await h.createUser('compliance'));
    const staffDownload = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${p.case.id!}/documents/${evidenceId}`, headers: { cookie: compliance.cookie } });
    expect(staffDownload.statusCode).toBe(200);
    expect(staffDownload.headers['content-disposition']).toMatch(/^attachment;/);
    expect(staffDownload.rawPayload.equals(download.rawPayload)).toBe(true);
    const stranger = await h.logIn(await h.createUser('creditor'));
    const refusedDownload = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${p.case.id!}/documents/${evidenceId}`, headers: { cookie: stranger.cookie } });
    expect(refusedDownload.statusCode).toBe(404);
  });

  it('an over-indebtedness file declared on the portal suspends every open case of the debtor (C. conso L722-2)', async () => {
    const db = h.t.database.db;
    const p = await insertPortalCase(db, hasher, { verificationCode: null });
    // The same person owes another creditor, through the agency.
    const otherCreditor = buildCreditor({ name: 'Énergie Plus' });
    await db.insert(creditors).values(otherCreditor);
    const elsewhere = buildCase(otherCreditor.id!, p.case.debtorId!, { status: 'active', noticeSentAt: new Date('2026-09-01T09:00:00Z') });
    await db.insert(cases).values(elsewhere);
    const s = await session(p);
    const declared = await h.app.inject({
      method: 'POST', url: '/api/v1/portal/hardship', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { kind: 'over-indebtedness', details: 'Dossier déposé à la Banque de France', fileDate: '2026-11-02' },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    for (const caseId of [p.case.id!, elsewhere.id!]) {
      const open = await db.select().from(suspensions).where(eq(suspensions.caseId, caseId));
      expect(open.map((x) => [x.kind, x.resolvedAt])).toEqual([['over-indebtedness', null]]);
    }
    const [extended] = await db.select().from(suspensions).where(eq(suspensions.caseId, elsewhere.id!));
    expect(extended!.reason).not.toContain('Banque de France');
    const events = await db.select().from(caseEvents).where(and(eq(caseEvents.caseId, elsewhere.id!), eq(caseEvents.type, 'suspension.opened')));
    expect(events.map((e) => e.actorKind)).toEqual(['debtor']);
  });

  it('applies "stop calling me" in the engine at once', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const s = await session(p);
    const at = new Date('2026-11-25T10:00:00Z');
    const db = h.t.database.db;
    const decide = async () => decideContact(buildContactSituation((await new DrizzleUnitOfWork(db).run((repos) => repos.messaging.loadCase(p.case.id!)))!, { at, channel: 'call', purpose: 'collection', recipient: p.phone }));
    expect((await decide()).reasons.map((r) => r.rule)).not.toContain('channel-opt-out');
    const put = await h.app.inject({ method: 'PUT', url: '/api/v1/portal/preferences', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { optOut: ['call'], quietHours: [{ from: '12:00', to: '14:00' }], writtenOnly: false } });
    expect(put.statusCode, put.body).toBe(200);
    const after = await decide();
    expect(after.allowed).toBe(false);
    expect(after.reasons.map((r) => r.rule)).toContain('channel-opt-out');
  });

  it('exports my data as JSON and PDF, and tracks rights requests on the compliance page', async () => {
    const p = await insertPortalCase(h.t.database.db, hasher, { verificationCode: null });
    const s = await session(p);
    const json = await h.app.inject({ method: 'GET', url: '/api/v1/portal/my-data', headers: { cookie: s.cookie } });
    expect(json.headers['content-disposition']).toMatch(/attachment/);
    const data = json.json() as { identity: { field: string; value: string; source: string }[]; contactPoints: { source: string }[] };
    expect(data.identity.find((i) => i.field === 'lastName')).toMatchObject({ value: 'Lefèvre' });
    expect(data.contactPoints[0]!.source).toContain('creditor_file');
    const pdf = await h.app.inject({ method: 'GET', url: '/api/v1/portal/my-data.pdf', headers: { cookie: s.cookie } });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const request = await h.app.inject({ method: 'POST', url: '/api/v1/portal/rights-requests', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { kind: 'erasure', details: 'Effacez mes données.' } });
    expect(request.statusCode).toBe(201);
    expect(request.json()).toMatchObject({ kind: 'erasure', status: 'open', receivedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const compliance = await h.logIn(await h.createUser('compliance'));
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/compliance/rights-requests', headers: { cookie: compliance.cookie } });
    const items = (list.json() as { items: { id: string; kind: string; deadline: string; creditorReference: string }[] }).items;
    const mine = items.find((i) => i.id === (request.json() as { id: string }).id)!;
    expect(mine).toMatchObject({ kind: 'erasure', deadline: 'on-time', creditorReference: p.case.creditorReference });
    const agent = await h.logIn(await h.createUser('agent'));
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/compliance/rights-requests', headers: { cookie: agent.cookie } })).statusCode).toBe(403);
    const extend = await h.app.inject({ method: 'POST', url: `/api/v1/compliance/rights-requests/${mine.id}/decision`, headers: { cookie: compliance.cookie, 'x-csrf-token': compliance.csrfToken }, payload: { action: 'extend', text: 'Volume exceptionnel.' } });
    expect(extend.statusCode, extend.body).toBe(200);
    expect(extend.json()).toMatchObject({ status: 'extended' });
  });
});

describe('public rights tools', () => {
  it('checks limitation and call patterns with the engine, and writes letters as PDF', async () => {
    const limitation = await h.app.inject({ method: 'POST', url: '/api/v1/rights/limitation', remoteAddress: nextIp(), payload: { category: 'telecom', dueDate: '2024-01-10', asOf: '2026-11-20' } });
    expect(limitation.json()).toMatchObject({ status: 'expired', basis: expect.stringContaining('L34-2') });
    const calls = await h.app.inject({
      method: 'POST', url: '/api/v1/rights/call-pattern', remoteAddress: nextIp(),
      payload: { postcode: '75011', noticeReceivedOn: '2026-10-01', calls: [{ at: '2026-11-18T09:30:00Z', answered: false }, { at: '2026-11-22T10:00:00Z', answered: false }] },
    });
    const verdicts = (calls.json() as { calls: { allowed: boolean; reasons: { rule: string }[] }[] }).calls;
    expect(verdicts[0]!.allowed).toBe(true);
    // 22 November 2026 is a Sunday.
    expect(verdicts[1]!.allowed).toBe(false);
    const letter = await h.app.inject({
      method: 'POST', url: '/api/v1/rights/letters', remoteAddress: nextIp(),
      payload: { kind: 'stop-calls', locale: 'fr', senderName: 'Camille Martin', senderAddress: '12 rue Oberkampf, 75011 Paris', recipientName: 'Recouvro SAS', recipientAddress: '1 rue X, 69001 Lyon', reference: 'ABC-1' },
    });
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
