/**
 * Acceptance (issue #5): every send asks the compliance engine first. An SMS on a Sunday, on a public
 * holiday of the debtor's territory (27 May in Guadeloupe) or after a dispute is refused with the
 * engine's reasons, and nothing reaches the provider (a local OVHcloud stand-in that checks signatures).
 * A send retried after a crash never delivers twice.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { contactAttempts, outbox } from '../../src/adapters/db/schema.ts';
import { OvhSmsSender } from '../../src/adapters/messaging/http.sms-sender.ts';
import { SmtpMailer } from '../../src/adapters/messaging/smtp.mailer.ts';
import { createPrintBatch } from '../../src/application/messaging/create-print-batch.ts';
import { dispatchOutbox } from '../../src/application/messaging/dispatch-outbox.ts';
import { enqueueMessage } from '../../src/application/messaging/enqueue-message.ts';
import { markBatchPosted } from '../../src/application/messaging/mark-batch-posted.ts';
import type { MessagingDeps } from '../../src/application/messaging/messaging-deps.ts';
import type { Mailer, SmsSender } from '../../src/application/ports/messaging.ts';
import { loadConfig } from '../../src/server/config.ts';
import { buildMessagingDeps } from '../../src/server/messaging.ts';
import { guadeloupe, insertReachableCase, openDispute, ovhCredentials, startFakeOvh } from '../support/messaging-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

class SettableClock {
  constructor(private current: Date) {}
  now() {
    return new Date(this.current);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const system = { kind: 'system', name: 'test' } as const;
let t: TestDatabase;
let ovh: Awaited<ReturnType<typeof startFakeOvh>>;
const clock = new SettableClock(new Date('2027-05-10T12:00:00Z'));
let base: MessagingDeps;
let sms: SmsSender;

beforeAll(async () => {
  t = await createTestDatabase();
  ovh = await startFakeOvh();
  const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: t.env.AMIABLE_DATA_DIR ?? '/tmp/amiable-outbox-test', AMIABLE_PORTAL_URL: 'https://portail.amiable.example' });
  sms = new OvhSmsSender({ endpoint: ovh.endpoint, ...ovhCredentials });
  base = buildMessagingDeps(config, t.database, { clock, sms });
});
afterAll(async () => {
  await ovh?.close();
  await t?.destroy();
});

/** The R124-4 letter is printed and posted on Monday 10 May 2027: the case becomes active. */
async function activeCase(place = guadeloupe) {
  const parties = await insertReachableCase(t.database.db, { place, case: { status: 'notice_pending' } });
  clock.set('2027-05-10T08:00:00Z');
  const printed = await createPrintBatch(base, system);
  expect(printed.batch, JSON.stringify([printed.firstLetters, printed.refused])).not.toBeNull();
  clock.set('2027-05-10T12:00:00Z');
  await markBatchPosted(base, system, { batchId: printed.batch!.id, postedAt: new Date('2027-05-10T12:00:00Z') });
  return parties;
}

/** A provider call that succeeds, then fails once as if the process died before recording it. */
function failOnceAfterAccepting<M, R>(send: (message: M) => Promise<R>, why: string): (message: M) => Promise<R> {
  let crash = true;
  return async (message) => {
    const receipt = await send(message);
    if (crash) {
      crash = false;
      throw new Error(why);
    }
    return receipt;
  };
}

async function smsAt(parties: Awaited<ReturnType<typeof activeCase>>, at: string, deps: MessagingDeps = base) {
  clock.set(at);
  const { message } = await enqueueMessage(deps, system, { caseId: parties.case.id!, template: 'reminder', channel: 'sms', idempotencyKey: `reminder:${at}` });
  const report = await dispatchOutbox(deps);
  const [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, message.id));
  return { report, row: row! };
}

describe('an SMS asks the compliance engine first', () => {
  it('is refused on a Sunday, with the engine\'s reason, and never reaches the provider', async () => {
    const parties = await activeCase();
    const before = ovh.requests.length;
    // Sunday 23 May 2027, 10:00 in Pointe-à-Pitre.
    const { row } = await smsAt(parties, '2027-05-23T14:00:00Z');
    expect(row.status).toBe('refused');
    expect((row.decision as { reasons: { rule: string }[] }).reasons.map((r) => r.rule)).toContain('sunday');
    expect(ovh.requests.length).toBe(before);
    const attempts = await t.database.db.select().from(contactAttempts).where(eq(contactAttempts.caseId, parties.case.id!));
    expect(attempts.find((a) => a.channel === 'sms')).toMatchObject({ allowed: false, outcome: 'refused' });
  });

  it('is refused on 27 May in Guadeloupe (abolition day), a Thursday', async () => {
    const parties = await activeCase();
    const before = ovh.requests.length;
    const { row } = await smsAt(parties, '2027-05-27T14:00:00Z');
    expect(row.status).toBe('refused');
    const decision = row.decision as { reasons: { rule: string; citation: string }[]; territory: string; nextAllowedAt: string };
    expect(decision.reasons.map((r) => r.rule)).toEqual(['public-holiday']);
    expect(decision.territory).toBe('FR-GP');
    expect(decision.nextAllowedAt).toBe('2027-05-28T12:00:00Z');
    expect(ovh.requests.length).toBe(before);
  });

  it('is refused after a dispute, and goes out on an ordinary weekday otherwise', async () => {
    const disputed = await activeCase();
    await openDispute(t.database.db, disputed, new Date('2027-05-20T09:00:00Z'));
    const before = ovh.requests.length;
    const refused = await smsAt(disputed, '2027-05-25T14:00:00Z');
    expect(refused.row.status).toBe('refused');
    expect((refused.row.decision as { reasons: { rule: string }[] }).reasons.map((r) => r.rule)).toContain('suspended');
    expect(ovh.requests.length).toBe(before);

    const fine = await activeCase();
    const sent = await smsAt(fine, '2027-05-25T14:00:00Z');
    expect(sent.row.status).toBe('sent');
    const job = ovh.jobs.at(-1)!;
    expect(job.receivers).toEqual([guadeloupe.phone]);
    expect(job.message).toContain(sent.row.verificationCode!);
    expect(job.message).toMatch(/Courrier LR-\d{8}-[0-9A-F]{12} du 10 mai 2027/);
    expect(job.idempotencyKey).toBe(sent.row.id);
  });

  it('is refused before the notice delay ends (R124-4 letter posted Monday: nothing before Thursday)', async () => {
    const parties = await activeCase();
    const { row } = await smsAt(parties, '2027-05-11T14:00:00Z');
    expect((row.decision as { reasons: { rule: string }[] }).reasons.map((r) => r.rule)).toContain('notice-delay');
  });
});

describe('exactly once', () => {
  it('an SMS whose dispatcher failed after OVHcloud accepted it is not sent again on retry', async () => {
    const parties = await activeCase();
    const crashingSms: SmsSender = { name: 'crashing', send: failOnceAfterAccepting((m) => sms.send(m), 'connection reset after the provider accepted the job') };
    const deps = { ...base, sms: crashingSms };
    const first = await smsAt(parties, '2027-05-25T14:00:00Z', deps);
    expect(first.report.results[0]).toMatchObject({ outcome: 'retry' });
    expect(first.row.status).toBe('pending');
    clock.advance(2 * 60_000);
    const second = await dispatchOutbox(deps);
    expect(second.results).toEqual([expect.objectContaining({ id: first.row.id, outcome: 'sent' })]);
    expect(ovh.jobs.filter((j) => j.idempotencyKey === first.row.id)).toHaveLength(1);
    const attempts = await t.database.db.select().from(contactAttempts).where(eq(contactAttempts.caseId, parties.case.id!));
    expect(attempts.filter((a) => a.channel === 'sms')).toEqual([expect.objectContaining({ outcome: 'sent', allowed: true })]);
  });

  it('a dispatcher that dies mid-send (lease expires) is taken over; the message leaves once and the stale dispatcher changes nothing', async () => {
    const parties = await activeCase();
    let release!: () => void;
    const hung = new Promise<void>((resolve) => (release = resolve));
    const hangingSms: SmsSender = {
      name: 'hanging',
      async send(message) {
        const receipt = await sms.send(message);
        await hung; // the process is frozen here, after the provider accepted the job
        return receipt;
      },
    };
    clock.set('2027-05-25T14:00:00Z');
    const { message } = await enqueueMessage(base, system, { caseId: parties.case.id!, template: 'reminder', channel: 'sms', idempotencyKey: 'lease-test' });
    const stale = dispatchOutbox({ ...base, sms: hangingSms });
    while (!ovh.jobs.some((j) => j.idempotencyKey === message.id)) await new Promise((r) => setTimeout(r, 20));
    clock.advance(6 * 60_000); // past the 5-minute lease
    const takeover = await dispatchOutbox(base);
    expect(takeover.results).toEqual([expect.objectContaining({ id: message.id, outcome: 'sent' })]);
    release();
    expect((await stale).results).toEqual([expect.objectContaining({ id: message.id, outcome: 'lost' })]);
    expect(ovh.jobs.filter((j) => j.idempotencyKey === message.id)).toHaveLength(1);
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, message.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('an e-mail retried after the SMTP peer accepted it keeps its Message-ID, so the peer keeps one message', async () => {
    // SMTP has no idempotency key: the peer sees the retry, and a receiving store keeps one message per
    // Message-ID, as this peer does (and as the catcher does per delivery key).
    const received: { messageId: string; raw: string }[] = [];
    const kept = new Map<string, string>();
    const peer = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          const messageId = /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim() ?? '';
          received.push({ messageId, raw });
          if (!kept.has(messageId)) kept.set(messageId, raw);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const port = (peer.server.address() as AddressInfo).port;
    const smtp = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Amiable <no-reply@amiable.example>', messageIdDomain: 'portail.amiable.example' });
    const mailer: Mailer = { name: 'crashing-smtp', send: failOnceAfterAccepting((m) => smtp.send(m), 'process died after the SMTP peer accepted the message') };
    try {
      const parties = await activeCase();
      clock.set('2027-05-25T14:00:00Z');
      const deps = { ...base, mailer };
      const { message } = await enqueueMessage(deps, system, { caseId: parties.case.id!, template: 'reminder', channel: 'email', idempotencyKey: 'email-retry' });
      expect((await dispatchOutbox(deps)).results[0]).toMatchObject({ outcome: 'retry' });
      clock.advance(2 * 60_000);
      expect((await dispatchOutbox(deps)).results[0]).toMatchObject({ outcome: 'sent' });
      expect(received.map((r) => r.messageId)).toEqual([`<${message.id}@portail.amiable.example>`, `<${message.id}@portail.amiable.example>`]);
      expect([...kept.keys()]).toEqual([`<${message.id}@portail.amiable.example>`]);
      expect(kept.get(`<${message.id}@portail.amiable.example>`)).toContain(message.verificationCode!);
    } finally {
      smtp.close();
      await new Promise<void>((resolve) => peer.close(() => resolve()));
    }
  });
});
