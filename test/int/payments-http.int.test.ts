import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { newId } from '../../src/adapters/db/ids.ts';
import { cases, documents } from '../../src/adapters/db/schema.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { stripeSignature } from '../../src/adapters/payments/stripe.card-provider.ts';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets.ts';
import { systemClock } from '../../src/adapters/system.clock.ts';
import { createApiKey } from '../../src/application/api-keys/api-keys.ts';
import { rfReferenceForCase } from '../../src/domain/letters/rf-reference.ts';
import { camt053, insertPostedFirstLetter } from '../support/camt.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** A stand-in for Stripe's PaymentIntents endpoint: checks the key and the idempotency key, returns an intent. */
async function startFakeStripe() {
  const intents = new Map<string, { id: string; amount: number; metadata: Record<string, string> }>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.headers.authorization !== 'Bearer sk_test_amiable' || req.url !== '/v1/payment_intents' || !req.headers['idempotency-key']) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad request' } }));
        return;
      }
      const form = new URLSearchParams(body);
      const key = String(req.headers['idempotency-key']);
      const intent = intents.get(key) ?? { id: `pi_${newId().replace(/-/g, '').slice(0, 24)}`, amount: Number(form.get('amount')), metadata: { case_id: form.get('metadata[case_id]')!, creditor_id: form.get('metadata[creditor_id]')! } };
      intents.set(key, intent);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: intent.id, client_secret: `${intent.id}_secret_x`, status: 'requires_payment_method' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, intents, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

let h: TestApp;
let stripeApp: TestApp;
let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
beforeAll(async () => {
  h = await createTestApp({ env: { AMIABLE_PORTAL_URL: 'https://portail.amiable.example' } });
  stripe = await startFakeStripe();
  stripeApp = await createTestApp({ env: { AMIABLE_PORTAL_URL: 'https://portail.amiable.example', CARD_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_amiable', STRIPE_WEBHOOK_SECRET: 'whsec_amiable', STRIPE_API_BASE: stripe.base } });
});
afterAll(async () => {
  await h?.close();
  await stripeApp?.close();
  await stripe?.close();
});

async function reachableCase(app: TestApp, principalCents = 10_000) {
  const parties = await insertReachableCase(app.t.database.db, { case: { principalCents } });
  const c = { caseId: parties.case.id!, creditorId: parties.creditor.id!, debtorId: parties.debtor.id! };
  await app.t.database.db.update(cases).set({ rfReference: rfReferenceForCase(c.caseId) }).where(eq(cases.id, c.caseId));
  await insertPostedFirstLetter(app.t.database.db, c);
  return c;
}

async function session(app: TestApp, role: 'agent' | 'manager' | 'creditor' | 'admin', creditorId?: string) {
  const user = await app.createUser(role, creditorId ? { creditorId } : {});
  const { cookie, csrfToken } = await app.logIn(user);
  return { cookie, 'x-csrf-token': csrfToken };
}

describe('payments over HTTP', () => {
  it('books an agent\'s entry, shows where each cent went, and is idempotent on the reference', async () => {
    const c = await reachableCase(h);
    const headers = await session(h, 'agent');
    const payload = { amountCents: 2_500, valueDate: '2027-03-05', method: 'cheque', reference: 'CHQ-77' };
    const first = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/payments`, headers, payload });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ created: true, payment: { amountCents: 2_500, allocation: { applications: [{ component: 'principal', amount: 2_500 }], balanceAfterCents: 7_500 } }, receiptId: expect.any(String) });
    const again = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/payments`, headers, payload });
    expect(again.statusCode).toBe(200);
    const list = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${c.caseId}/payments`, headers });
    expect(list.json().items).toHaveLength(1);
    const creditorUser = await session(h, 'creditor', c.creditorId);
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/payments`, headers: creditorUser, payload })).statusCode).toBe(403);
  });

  it('lets a creditor\'s API key report a direct payment on its own cases only', async () => {
    const mine = await reachableCase(h);
    const theirs = await reachableCase(h);
    const { key } = await new DrizzleUnitOfWork(h.t.database.db).run((repos) => createApiKey(
      { apiKeys: repos.apiKeys, secrets: new CryptoSecrets(), clock: systemClock, newId }, { creditorId: mine.creditorId, name: 'erp', scopes: ['payments:write'] },
    ));
    const auth = { authorization: `Bearer ${key}` };
    const payload = { amountCents: 1_000, valueDate: '2027-03-05', reference: 'ERP-1' };
    const ok = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${mine.caseId}/direct-payments`, headers: auth, payload });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().payment).toMatchObject({ method: 'creditor_direct', source: 'creditor', externalRef: 'ERP-1' });
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/cases/${theirs.caseId}/direct-payments`, headers: auth, payload })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/cases/${theirs.caseId}/payments`, headers: auth })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/cases/${mine.caseId}/payments`, headers: auth })).json().items).toHaveLength(1);
  });

  it('pays by card with the built-in test provider, labelled as such; a replayed webhook books once', async () => {
    const c = await reachableCase(h);
    const headers = await session(h, 'agent');
    const provider = await h.app.inject({ method: 'GET', url: '/api/v1/payments/card-provider', headers });
    expect(provider.json()).toMatchObject({ name: 'test', isTest: true, label: expect.stringContaining('test provider') });
    const started = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/card-payments`, headers: { ...headers, 'idempotency-key': 'card-1' }, payload: { amountCents: 3_000 } });
    expect(started.statusCode, started.body).toBe(201);
    const ref = started.json().providerRef as string;
    const paid = await h.app.inject({ method: 'POST', url: `/api/v1/payments/test-provider/${ref}/succeed`, headers });
    expect(paid.json()).toMatchObject({ outcome: 'booked' });
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/payments/test-provider/${ref}/succeed`, headers })).json()).toMatchObject({ outcome: 'already_booked' });
    const list = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${c.caseId}/payments`, headers });
    expect(list.json().items).toEqual([expect.objectContaining({ method: 'card', source: 'card:test', externalRef: ref, amountCents: 3_000 })]);
  });

  it('books Stripe payments from signed webhooks and refuses bad signatures', async () => {
    const c = await reachableCase(stripeApp);
    const headers = await session(stripeApp, 'agent');
    const started = await stripeApp.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/card-payments`, headers: { ...headers, 'idempotency-key': 'k-1' }, payload: { amountCents: 4_200 } });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ provider: 'stripe', isTest: false, clientSecret: expect.stringContaining('_secret_') });
    const pi = started.json().providerRef as string;
    const body = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: pi, amount: 4_200, amount_received: 4_200, currency: 'eur', metadata: stripe.intents.get('k-1')!.metadata } } });
    const t = Math.floor(Date.now() / 1000);
    const send = (signature: string) => stripeApp.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/card', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload: body });
    expect((await send(`t=${t},v1=${stripeSignature('whsec_wrong', t, body)}`)).statusCode).toBe(401);
    expect((await send(`t=${t - 3600},v1=${stripeSignature('whsec_amiable', t - 3600, body)}`)).statusCode).toBe(401);
    const ok = await send(`t=${t},v1=${stripeSignature('whsec_amiable', t, body)}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: 'booked' });
    expect((await send(`t=${t},v1=${stripeSignature('whsec_amiable', t, body)}`)).json()).toMatchObject({ outcome: 'already_booked' });
  });

  it('imports a statement over HTTP, shows the unmatched queue and lets an agent resolve it', async () => {
    const c = await reachableCase(h, 5_000);
    const headers = await session(h, 'agent');
    const file = camt053(`HTTP-${c.caseId}`, [{ id: 'S1', entries: [
      { amount: '10.00', acctSvcrRef: `H1-${c.caseId}`, txs: [{ amount: '10.00', rf: rfReferenceForCase(c.caseId) }] },
      { amount: '7.00', acctSvcrRef: `H2-${c.caseId}`, txs: [{ amount: '7.00', payerName: 'Quelqu\'un', ustrd: 'facture' }] },
    ] }]);
    const upload = () => h.app.inject({ method: 'POST', url: '/api/v1/bank-statements?fileName=releve.xml', headers: { ...headers, 'content-type': 'application/xml' }, payload: file });
    const first = await upload();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().import).toMatchObject({ bookedCount: 1, unmatchedCount: 1 });
    expect((await upload()).json()).toMatchObject({ alreadyImported: true });
    const queue = await h.app.inject({ method: 'GET', url: `/api/v1/bank-transactions?status=unmatched&importId=${first.json().import.id as string}`, headers });
    const [item] = queue.json().items as { id: string; amountText: string }[];
    expect(item?.amountText).toBe('7.00');
    const resolved = await h.app.inject({ method: 'POST', url: `/api/v1/bank-transactions/${item!.id}/resolution`, headers, payload: { action: 'assign', caseId: c.caseId } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'booked', matchMethod: 'manual', caseId: c.caseId });
  });

  it('hands a case over to litigation and exports the bundle (summary PDF, documents, history and payments CSV)', async () => {
    const c = await reachableCase(h);
    const manager = await session(h, 'manager');
    await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/payments`, headers: manager, payload: { amountCents: 1_234, valueDate: '2027-03-05', method: 'cash' } });
    const docId = newId();
    await h.t.database.db.insert(documents).values({ creditorId: c.creditorId, id: docId, caseId: c.caseId, kind: 'contract', fileName: 'contrat.pdf', mediaType: 'application/pdf', sizeBytes: 10, sha256: 'ab'.repeat(32), storageKey: `missing/${docId}`, sourceKind: 'creditor_file' });
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/cases/${c.caseId}/litigation-bundle`, headers: manager })).statusCode).toBe(409);
    const handed = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/closure`, headers: manager, payload: { outcome: 'litigation', reason: 'no answer after the plan broke' } });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ from: 'active', to: 'litigation' });
    const bundle = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${c.caseId}/litigation-bundle`, headers: manager });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/zip');
    const files = await unzip(bundle.rawPayload);
    expect([...files.keys()].sort()).toEqual(['documents.csv', 'historique.csv', 'paiements.csv', 'resume.pdf']);
    expect(files.get('resume.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(files.get('paiements.csv')!.toString()).toMatch(/;1234;EUR;cash;agent;/);
    expect(files.get('historique.csv')!.toString()).toMatch(/case\.status_changed/);
    expect(files.get('documents.csv')!.toString()).toContain(`${docId};contract;contrat.pdf;application/pdf;${'ab'.repeat(32)};no`);
    // Closed cases refuse a second closure; a creditor cannot close.
    const creditor = await session(h, 'creditor', c.creditorId);
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/closure`, headers: creditor, payload: { outcome: 'returned', reason: 'x' } })).statusCode).toBe(403);
    const returned = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/closure`, headers: manager, payload: { outcome: 'returned', reason: 'creditor recalled the case' } });
    expect(returned.json()).toMatchObject({ from: 'litigation', to: 'closed_returned' });
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/cases/${c.caseId}/closure`, headers: manager, payload: { outcome: 'erroneous', reason: 'x' } })).statusCode).toBe(409);
  });

  it('closes a time-barred case with the time-barred notice and an upheld dispute as erroneous', async () => {
    const prescribed = await reachableCase(h);
    const manager = await session(h, 'manager');
    const closed = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${prescribed.caseId}/closure`, headers: manager, payload: { outcome: 'prescribed', reason: 'limitation expired' } });
    expect(closed.json()).toMatchObject({ to: 'closed_prescribed', noticeId: expect.any(String), warnings: [] });
    const erroneous = await reachableCase(h);
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/cases/${erroneous.caseId}/closure`, headers: manager, payload: { outcome: 'erroneous', reason: 'dispute upheld: already paid' } })).json())
      .toMatchObject({ to: 'closed_erroneous' });
  });
});
