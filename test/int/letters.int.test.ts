/**
 * The notice workflow through the API: a new case gets its first letter in the daily print batch (one
 * PDF + a CSV manifest), the access code printed on it verifies against the stored hash, and marking
 * the batch posted records the sending date and moves the case notice_pending → active.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, caughtMessages, contactAttempts } from '../../src/adapters/db/schema.ts';
import { insertReachableCase, paris } from '../support/messaging-fixtures.ts';
import { createTestApp, TestClock, type TestApp } from '../support/test-app.ts';

let h: TestApp;
let manager: { cookie: string; csrfToken: string };
let agent: { cookie: string; csrfToken: string };
let users: { manager: Awaited<ReturnType<TestApp['createUser']>>; agent: Awaited<ReturnType<TestApp['createUser']>> };
/** Moves the clock (days at a time: sessions expire) and logs in again. */
async function later(ms: number) {
  clock.advance(ms);
  manager = await h.logIn(users.manager);
  agent = await h.logIn(users.agent);
}
const lettersDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-letters-'));
// Tuesday 11 May 2027, 09:00 in Paris.
const clock = new TestClock(new Date('2027-05-11T07:00:00Z'));

beforeAll(async () => {
  h = await createTestApp({ clock, env: { AMIABLE_LETTERS_DIR: lettersDir, AMIABLE_PORTAL_URL: 'https://portail.amiable.example' } });
  users = { manager: await h.createUser('manager'), agent: await h.createUser('agent') };
  manager = await h.logIn(users.manager);
  agent = await h.logIn(users.agent);
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(lettersDir, { recursive: true, force: true });
});

const as = (who: { cookie: string; csrfToken: string }) => ({ cookie: who.cookie, 'x-csrf-token': who.csrfToken });

describe('the daily print batch and the notice workflow', () => {
  it('prints the first letter of a new case, and posting it makes the case active', async () => {
    const db = h.t.database.db;
    const fresh = await insertReachableCase(db, { place: paris, case: { status: 'notice_pending', creditorReference: '=SUM(1+2)' } });
    const noBasis = await insertReachableCase(db, { case: { status: 'notice_pending', basisContractRef: null } });

    const created = await h.app.inject({ method: 'POST', url: '/api/v1/letters/batches', headers: as(manager) });
    expect(created.statusCode).toBe(200);
    const body = created.json() as { batch: { id: string; letterCount: number; pageCount: number }; firstLettersQueued: number; refused: { caseId: string; reason: string }[] };
    expect(body.firstLettersQueued).toBe(1);
    expect(body.batch.letterCount).toBe(1);
    // The case whose basis is unknown is refused by the linter (R124-4 3°, R124-7), and says so.
    expect(body.refused).toEqual([expect.objectContaining({ caseId: noBasis.case.id, reason: expect.stringContaining('r124-4-mention') })]);

    const pdf = await h.app.inject({ method: 'GET', url: `/api/v1/letters/batches/${body.batch.id}/pdf`, headers: as(manager) });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pdfFile = path.join(lettersDir, 'downloaded.pdf');
    fs.writeFileSync(pdfFile, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const accessCode = /code d'accès personnel : ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text.replace(/’/g, '\''))?.[1];
    expect(accessCode).toBeDefined();
    const [stored] = await db.select().from(cases).where(eq(cases.id, fresh.case.id!));
    expect(await verify(stored!.accessCodeHash!, accessCode!.replace(/-/g, ''))).toBe(true);
    expect(stored!.rfReference).toMatch(/^RF\d{2}[0-9A-Z]{21}$/);
    expect(text).toContain(stored!.rfReference!.replace(/(.{4})(?=.)/g, '$1 '));

    const csv = await h.app.inject({ method: 'GET', url: `/api/v1/letters/batches/${body.batch.id}/manifest.csv`, headers: as(manager) });
    const [, line] = csv.body.trimEnd().split('\r\n');
    // A reference that a spreadsheet would run as a formula is neutralised.
    expect(line).toContain('"\'=SUM(1+2)"');
    expect(line).toContain('"3 rue Frébault","75011 Paris"');
    expect(line).toMatch(/"LR-20270511-[0-9A-F]{12}","first-letter","1","2"$/);

    await later(8 * 3_600_000);
    const posted = await h.app.inject({ method: 'POST', url: `/api/v1/letters/batches/${body.batch.id}/posted`, headers: as(manager), payload: {} });
    expect(posted.json()).toMatchObject({ letters: 1, casesActivated: 1, batch: { status: 'posted' } });
    const [active] = await db.select().from(cases).where(eq(cases.id, fresh.case.id!));
    expect(active).toMatchObject({ status: 'active', noticeSentAt: clock.now() });
    const events = (await db.select().from(caseEvents).where(eq(caseEvents.caseId, fresh.case.id!))).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['message.enqueued', 'letter.printed', 'letter.posted', 'case.status_changed']));
    const attempts = await db.select().from(contactAttempts).where(eq(contactAttempts.caseId, fresh.case.id!));
    expect(attempts).toEqual([expect.objectContaining({ channel: 'letter', outcome: 'sent', allowed: true })]);

    // Posting twice is refused; a new batch has nothing to print (the first letter is never queued twice).
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/letters/batches/${body.batch.id}/posted`, headers: as(manager), payload: {} })).statusCode).toBe(409);
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/letters/batches', headers: as(manager) });
    expect(again.json()).toMatchObject({ batch: null, firstLettersQueued: 0 });

    // Three days later an e-mail reminder quotes the first letter and lands in the built-in catcher.
    await later(3 * 86_400_000);
    const queued = await h.app.inject({
      method: 'POST', url: `/api/v1/cases/${fresh.case.id}/messages`, headers: { ...as(agent), 'idempotency-key': 'reminder-1' },
      payload: { template: 'reminder', channel: 'email' },
    });
    expect(queued.statusCode, queued.body).toBe(201);
    const repeat = await h.app.inject({
      method: 'POST', url: `/api/v1/cases/${fresh.case.id}/messages`, headers: { ...as(agent), 'idempotency-key': 'reminder-1' },
      payload: { template: 'reminder', channel: 'email' },
    });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json().id).toBe(queued.json().id);
    const dispatched = await h.app.inject({ method: 'POST', url: '/api/v1/outbox/dispatch', headers: as(manager) });
    expect(dispatched.json()).toMatchObject({ claimed: 1, results: [{ outcome: 'sent' }] });
    const shown = await h.app.inject({ method: 'GET', url: `/api/v1/outbox/${queued.json().id}`, headers: as(agent) });
    const { message, caught } = shown.json() as { message: { verificationCode: string; status: string }; caught: { text: string } };
    expect(message.status).toBe('sent');
    expect(caught.text).toContain(message.verificationCode);
    expect(caught.text).toMatch(/Suite à notre courrier réf\. LR-20270511-[0-9A-F]{12} du 11 mai 2027\./);
    expect(await db.select().from(caughtMessages)).toHaveLength(1);
  });

  it('issues a settlement certificate whose code is stored only as a digest and printed with a QR to the portal', async () => {
    const { createHash } = await import('node:crypto');
    const { issueSettlementCertificate } = await import('../../src/application/messaging/issue-settlement-certificate.ts');
    const { buildMessagingDeps } = await import('../../src/server/messaging.ts');
    const { loadConfig } = await import('../../src/server/config.ts');
    const { certificates } = await import('../../src/adapters/db/schema.ts');
    const { cents } = await import('../../src/domain/money/index.ts');
    const db = h.t.database.db;
    const deps = buildMessagingDeps(loadConfig({ NODE_ENV: 'test', AMIABLE_LETTERS_DIR: lettersDir, AMIABLE_PORTAL_URL: 'https://portail.amiable.example' }), h.t.database, { clock });
    const settled = await insertReachableCase(db, { case: { status: 'notice_pending' } });
    // The certificate quotes the first letter: print and post it first.
    const batch = await h.app.inject({ method: 'POST', url: '/api/v1/letters/batches', headers: as(manager) });
    const batchId = (batch.json() as { batch: { id: string } }).batch.id;
    await h.app.inject({ method: 'POST', url: `/api/v1/letters/batches/${batchId}/posted`, headers: as(manager), payload: {} });

    const issued = await issueSettlementCertificate(deps, { kind: 'system', name: 'test' }, { caseId: settled.case.id!, totalPaid: cents(12_345) });
    const code = (issued.letter.payload as { context: { certificate: { verificationCode: string; checkUrl: string } } }).context.certificate.verificationCode;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const [row] = await db.select().from(certificates).where(eq(certificates.caseId, settled.case.id!));
    expect(row!.verificationCodeHash).toBe(createHash('sha256').update(code).digest('base64url'));
    expect(JSON.stringify(row)).not.toContain(code);
    const again = await issueSettlementCertificate(deps, { kind: 'system', name: 'test' }, { caseId: settled.case.id!, totalPaid: cents(12_345) });
    expect(again.created).toBe(false);
    expect(await db.select().from(certificates).where(eq(certificates.caseId, settled.case.id!))).toHaveLength(1);
  });

  it('previews every template with the linter\'s findings, and refuses what a creditor may not do', async () => {
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/templates', headers: as(agent) });
    expect((list.json() as { items: unknown[] }).items).toHaveLength(10);
    const preview = await h.app.inject({ method: 'GET', url: '/api/v1/templates/reminder/preview?channel=sms&locale=en', headers: as(agent) });
    expect(preview.json()).toMatchObject({ findings: [], text: expect.stringContaining('Verification code') });
    const pdf = await h.app.inject({ method: 'GET', url: '/api/v1/templates/first-letter/preview.pdf', headers: as(agent) });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const pending = await insertReachableCase(h.t.database.db, { case: { status: 'notice_pending' } });
    // No first letter yet: a reminder would break R124-4's last paragraph.
    const refused = await h.app.inject({
      method: 'POST', url: `/api/v1/cases/${pending.case.id}/messages`, headers: { ...as(agent), 'idempotency-key': 'too-early' },
      payload: { template: 'reminder', channel: 'sms' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'template_refused', findings: [expect.objectContaining({ rule: 'notice-reference', source: expect.stringContaining('R124-4') })] });

    const creditor = await h.logIn(await h.createUser('creditor', { creditorId: pending.creditor.id! }));
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/letters/batches', headers: as(creditor) })).statusCode).toBe(403);
  });
});
