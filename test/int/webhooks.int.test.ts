/**
 * Webhooks (issue #7 part B): case events fan out to a creditor's subscriptions, signed the Standard
 * Webhooks way and checked here by an independent implementation (the `standardwebhooks` package)
 * against a real local HTTP receiver; retries with backoff, the delivery log, replay; a creditor sees
 * only its own subscriptions and deliveries.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.ts';
import { buildCase, buildDebtor } from '../../src/adapters/db/seed/factories.ts';
import { caseEvents, cases, debtors, webhookDeliveries, webhookSubscriptions } from '../../src/adapters/db/schema.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets.ts';
import { createApiKey } from '../../src/application/api-keys/api-keys.ts';
import { createTestApp, TestClock, type TestApp } from '../support/test-app.ts';
import { insertCreditor } from '../support/intake.ts';
import { loadConfig } from '../../src/server/config.ts';

interface Received { headers: http.IncomingHttpHeaders; body: string }

let h: TestApp;
let clock: TestClock;
let server: http.Server;
let url: string;
const received: Received[] = [];
const answers: number[] = [];
let creditorA: string;
let creditorB: string;
let keyA: string;
let keyB: string;
let admin: { cookie: string; 'x-csrf-token': string };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = answers.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/amiable`;
  clock = new TestClock(new Date());
  h = await createTestApp({ clock });
  creditorA = await insertCreditor(h.t.database, 'Creditor A');
  creditorB = await insertCreditor(h.t.database, 'Creditor B');
  const key = (creditorId: string) => new DrizzleUnitOfWork(h.t.database.db).run(async (repos) => (await createApiKey(
    { apiKeys: repos.apiKeys, secrets: new CryptoSecrets(), clock, newId }, { creditorId, name: 'hooks', scopes: ['webhooks:manage', 'cases:write'] },
  )).key);
  keyA = await key(creditorA);
  keyB = await key(creditorB);
  const session = await h.logIn(await h.createUser('admin'));
  admin = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
});
afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function insertCase(creditorId: string) {
  const debtor = buildDebtor();
  await h.t.database.db.insert(debtors).values(debtor);
  const row = buildCase(creditorId, debtor.id!, { status: 'active' });
  await h.t.database.db.insert(cases).values(row);
  return row;
}

async function addEvent(creditorId: string, caseId: string, type: string, data: Record<string, unknown>) {
  await h.t.database.db.insert(caseEvents).values({ creditorId, id: newId(), caseId, at: clock.now(), type, actorKind: 'system', actorId: 'test', data });
}

const dispatch = async () => (await h.app.inject({ method: 'POST', url: '/api/v1/webhooks/dispatch', headers: admin })).json() as {
  fanOut: { deliveriesCreated: number }; dispatch: { claimed: number; delivered: number; retrying: number; failed: number };
};

let secret: string;
let caseA: string;

describe('webhooks', () => {
  it('creates a subscription whose secret is shown once and stored encrypted', async () => {
    const before = await insertCase(creditorA);
    await addEvent(creditorA, before.id!, 'payment.received', { amountCents: 1 }); // before the subscription: never sent
    clock.advance(1000);
    const created = await h.app.inject({
      method: 'POST', url: '/api/v1/webhooks/subscriptions', headers: bearer(keyA),
      payload: { url, eventTypes: ['case.status_changed', 'case.closed', 'payment.received'], description: 'ERP' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as { secret: string; subscription: { id: string; creditorId: string; secretHint: string } };
    secret = body.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(body.subscription).toMatchObject({ creditorId: creditorA, secretHint: secret.slice(-4) });
    const [row] = await h.t.database.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, body.subscription.id));
    expect(row!.secretCiphertext).not.toContain(secret.slice(6));
    const listed = await h.app.inject({ method: 'GET', url: '/api/v1/webhooks/subscriptions', headers: bearer(keyA) });
    expect(listed.body).not.toContain(secret.slice(6));
    // Another creditor sees none of it; http:// is refused in production only; unknown types are refused.
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/webhooks/subscriptions', headers: bearer(keyB) })).json()).toEqual({ items: [] });
    const unknownType = await h.app.inject({ method: 'POST', url: '/api/v1/webhooks/subscriptions', headers: bearer(keyA), payload: { url, eventTypes: ['note.added'] } });
    expect(unknownType.statusCode).toBe(400);
  });

  it('derives webhooks from case events and signs them so that standardwebhooks verifies them', async () => {
    caseA = (await insertCase(creditorA)).id!;
    const recall = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseA}/recall`, headers: bearer(keyA), payload: { reason: 'settled with us' } });
    expect(recall.statusCode, recall.body).toBe(200);
    await addEvent(creditorA, caseA, 'note.added', { text: 'internal' });
    const result = await dispatch();
    expect(result.fanOut.deliveriesCreated).toBe(2);
    expect(result.dispatch).toMatchObject({ claimed: 2, delivered: 2 });
    expect(received).toHaveLength(2);
    const verifier = new Webhook(secret);
    const payloads = received.map((r) => verifier.verify(r.body, {
      'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']),
    }) as { type: string; data: { caseId: string; to?: string } });
    expect(payloads.map((p) => p.type).sort()).toEqual(['case.closed', 'case.status_changed']);
    expect(payloads.every((p) => p.data.caseId === caseA && p.data.to === 'closed_returned')).toBe(true);
    expect(received.every((r) => r.headers['content-type'] === 'application/json')).toBe(true);
    // A tampered body or a wrong secret does not verify.
    const first = received[0]!;
    const headers = { 'webhook-id': String(first.headers['webhook-id']), 'webhook-timestamp': String(first.headers['webhook-timestamp']), 'webhook-signature': String(first.headers['webhook-signature']) };
    expect(() => verifier.verify(first.body.replace('closed_returned', 'closed_paid'), headers)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`).verify(first.body, headers)).toThrow();
  });

  it('fans out idempotently: a second run creates and sends nothing', async () => {
    expect(await dispatch()).toMatchObject({ fanOut: { deliveriesCreated: 0 }, dispatch: { claimed: 0 } });
    expect(received).toHaveLength(2);
  });

  it('retries a failed delivery with backoff, logs every attempt, and can be replayed', async () => {
    answers.push(503);
    await addEvent(creditorA, caseA, 'payment.received', { amountCents: 4_200 });
    expect((await dispatch()).dispatch).toMatchObject({ claimed: 1, retrying: 1 });
    const [pending] = await h.t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    expect(pending!.attempts).toBe(1);
    expect(pending!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(10_000);
    expect((await dispatch()).dispatch.claimed).toBe(0); // not due yet
    clock.advance(10_001);
    expect((await dispatch()).dispatch).toMatchObject({ claimed: 1, delivered: 1 });
    const ids = received.slice(-2).map((r) => r.headers['webhook-id']);
    expect(ids[0]).toBe(ids[1]); // the same message, the same webhook-id

    const log = await h.app.inject({ method: 'GET', url: `/api/v1/webhooks/deliveries/${pending!.id}`, headers: bearer(keyA) });
    expect(log.json()).toMatchObject({
      status: 'succeeded', attempts: 2, lastResponseStatus: 204, eventType: 'payment.received',
      attemptLog: [{ attempt: 1, responseStatus: 503, trigger: 'schedule' }, { attempt: 2, responseStatus: 204, trigger: 'schedule' }],
    });
    const replayed = await h.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${pending!.id}/replay`, headers: bearer(keyA) });
    expect(replayed.statusCode, replayed.body).toBe(200);
    expect(replayed.json()).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(received.at(-1)!.headers['webhook-id']).toBe(ids[0]);
    const verified = new Webhook(secret).verify(received.at(-1)!.body, {
      'webhook-id': String(received.at(-1)!.headers['webhook-id']), 'webhook-timestamp': String(received.at(-1)!.headers['webhook-timestamp']),
      'webhook-signature': String(received.at(-1)!.headers['webhook-signature']),
    }) as { data: { amountCents: number } };
    expect(verified.data.amountCents).toBe(4_200);

    // Another creditor neither sees nor replays it.
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/webhooks/deliveries/${pending!.id}`, headers: bearer(keyB) })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${pending!.id}/replay`, headers: bearer(keyB) })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: bearer(keyB) })).json()).toMatchObject({ items: [], total: 0 });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: bearer(keyA) })).json()).toMatchObject({ total: 3 });
  });

  it('gives up after the last attempt: the delivery is failed, and an unreachable endpoint is logged', async () => {
    const dead = await h.app.inject({
      method: 'POST', url: '/api/v1/webhooks/subscriptions', headers: admin,
      payload: { creditorId: creditorB, url: 'http://127.0.0.1:9/closed', eventTypes: ['payment.received'] },
    });
    expect(dead.statusCode).toBe(201);
    const caseB = await insertCase(creditorB);
    await addEvent(creditorB, caseB.id!, 'payment.received', { amountCents: 100 });
    const adminUser = await h.createUser('admin');
    for (let i = 0; i < 8; i++) {
      // Sessions expire while the clock jumps 11 hours: log in again each time.
      const session = await h.logIn(adminUser);
      admin = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      await dispatch();
      clock.advance(11 * 3600_000);
    }
    const [row] = await h.t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.creditorId, creditorB));
    expect(row).toMatchObject({ status: 'failed', attempts: 8, lastResponseStatus: null });
    expect(row!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
  });
});

describe('the webhooks.dispatch job', () => {
  it('is registered and runs the same idempotent use cases (nothing new to send: nothing sent)', async () => {
    const { jobRegistry } = await import('../../src/server/jobs/registry.ts');
    const job = jobRegistry.find((j) => j.definition.name === 'webhooks.dispatch')!;
    expect(job.every?.seconds(loadConfig({ NODE_ENV: 'test' }))).toBe(15);
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const result = await job.handler({ config: loadConfig({ NODE_ENV: 'test' }), database: h.t.database, log } as unknown as Parameters<typeof job.handler>[0])({ slot: 1 }, {} as never) as { dispatch: { claimed: number } };
    expect(result.dispatch.claimed).toBe(0);
  });
});
