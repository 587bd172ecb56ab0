/**
 * The creditor API (issue #7 part B): cases created one by one with the import's rules, read with
 * status, balance and history, recalled; a key never reaches another creditor's case; the generic
 * Idempotency-Key mechanism on POST; API keys managed by an admin (shown once, revocable).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleIdempotencyStore } from '../../src/adapters/db/idempotency.repository.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { buildCase, buildDebtor, buildPlan } from '../../src/adapters/db/seed/factories.ts';
import { caseEvents, cases, debtors, idempotencyKeys, outbox, plans } from '../../src/adapters/db/schema.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets.ts';
import { createApiKey } from '../../src/application/api-keys/api-keys.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { fixedClock, insertCreditor } from '../support/intake.ts';

let h: TestApp;
let creditorA: string;
let creditorB: string;
let keyA: string;
let keyB: string;
let readOnlyA: string;

async function newKey(creditorId: string, scopes: string[]): Promise<string> {
  return new DrizzleUnitOfWork(h.t.database.db).run(async (repos) => (await createApiKey(
    { apiKeys: repos.apiKeys, secrets: new CryptoSecrets(), clock: fixedClock, newId }, { creditorId, name: 'test', scopes },
  )).key);
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const claim = (reference: string, overrides: Record<string, string> = {}) => ({
  creditor_reference: reference, debtor_type: 'consumer', category: 'telecom', civility: 'Mme', first_name: 'Inès', last_name: `Duval-${reference}`,
  birth_date: '1990-04-02', principal: '150.00', interest: '12.34', due_date: '2026-06-01', address_line1: '3 rue des Lilas', postcode: '75011', city: 'Paris',
  email: `ines.${reference.toLowerCase()}@example.fr`, ...overrides,
});

beforeAll(async () => {
  h = await createTestApp({ clock: fixedClock });
  creditorA = await insertCreditor(h.t.database, 'Creditor A');
  creditorB = await insertCreditor(h.t.database, 'Creditor B');
  keyA = await newKey(creditorA, ['cases:write', 'cases:read']);
  keyB = await newKey(creditorB, ['cases:write', 'cases:read']);
  readOnlyA = await newKey(creditorA, ['cases:read']);
});
afterAll(async () => h?.close());

async function post(url: string, headers: Record<string, string>, payload: unknown) {
  return h.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
}

async function insertCase(creditorId: string, status: 'active' | 'plan' = 'active') {
  const debtor = buildDebtor();
  await h.t.database.db.insert(debtors).values(debtor);
  const row = buildCase(creditorId, debtor.id!, { status });
  await h.t.database.db.insert(cases).values(row);
  return row.id!;
}

describe('POST /api/v1/cases', () => {
  it('creates a case with the import rules, from the creditor API, with its history', async () => {
    const created = await post('/api/v1/cases', bearer(keyA), claim('API-0001'));
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as { id: string; creditorId: string; status: string; principalCents: number; interestCents: number; balanceCents: number; paidCents: number };
    expect(body).toMatchObject({ creditorId: creditorA, status: 'notice_pending', principalCents: 15_000, interestCents: 1_234, balanceCents: 16_234, paidCents: 0 });
    expect(created.headers.location).toBe(`/api/v1/cases/${body.id}`);

    const read = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${body.id}`, headers: bearer(readOnlyA) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: body.id, status: 'notice_pending', balanceCents: 16_234 });

    const history = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${body.id}/history`, headers: bearer(keyA) });
    expect(history.statusCode).toBe(200);
    expect((history.json() as { items: { type: string; actorKind: string; data: Record<string, unknown> }[] }).items).toEqual([
      expect.objectContaining({
        type: 'case.created', actorKind: 'creditor_api',
        data: expect.objectContaining({ source: 'creditor_api', creditorReference: 'API-0001', status: 'notice_pending' }),
      }),
    ]);
    const [stored] = await h.t.database.db.select().from(cases).where(eq(cases.id, body.id));
    expect(stored!.lastImportId).not.toBeNull();
    // Written in the import's batch with the case, naming the API key that called (not the import).
    const [created1] = await h.t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, body.id));
    expect(created1).toMatchObject({ actorKind: 'creditor_api', actorId: expect.stringMatching(/^api_key:/), data: expect.objectContaining({ importId: stored!.lastImportId }) });
  });

  it('refuses what a file import refuses, field by field', async () => {
    const refused = await post('/api/v1/cases', bearer(keyA), claim('API-0002', { due_date: '2027-01-01', principal: '12,345.678' }));
    expect(refused.statusCode).toBe(400);
    const problem = refused.json() as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['body/due_date', 'body/principal']);
    expect(problem.errors.find((e) => e.path === 'body/due_date')!.message).toMatch(/^not_exigible/);
    // A consumer claim with collection fees and no enforceable title: CPCE-exéc L111-8, as in a file.
    const fees = await post('/api/v1/cases', bearer(keyA), claim('API-0003', { collection_fees: '40.00' }));
    expect(fees.statusCode).toBe(400);
    expect((fees.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body/collection_fees']);
    const unknownField = await post('/api/v1/cases', bearer(keyA), { ...claim('API-0004'), colour: 'blue' });
    expect(unknownField.statusCode).toBe(400);
  });

  it('refuses a reference already used (conflict), and a read-only key (403)', async () => {
    expect((await post('/api/v1/cases', bearer(keyA), claim('API-0001'))).json()).toMatchObject({ code: 'conflict' });
    expect((await post('/api/v1/cases', bearer(readOnlyA), claim('API-0009'))).statusCode).toBe(403);
    // The same reference at another creditor is another case.
    expect((await post('/api/v1/cases', bearer(keyB), claim('API-0001'))).statusCode).toBe(201);
  });
});

describe('a creditor key never reaches another creditor\'s case', () => {
  it('answers 404 to read, history and recall, and changes nothing', async () => {
    const theirs = await insertCase(creditorB);
    for (const [method, url] of [['GET', `/api/v1/cases/${theirs}`], ['GET', `/api/v1/cases/${theirs}/history`]] as const) {
      const response = await h.app.inject({ method, url, headers: bearer(keyA) });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
    const recall = await post(`/api/v1/cases/${theirs}/recall`, bearer(keyA), { reason: 'not mine' });
    expect(recall.statusCode).toBe(404);
    const [row] = await h.t.database.db.select().from(cases).where(eq(cases.id, theirs));
    expect(row!.status).toBe('active');
    // The list holds only the key's own cases.
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers: bearer(keyA) });
    expect((list.json() as { items: { creditorId: string }[] }).items.every((c) => c.creditorId === creditorA)).toBe(true);
    // Importing or creating for another creditor with one's own key is forbidden.
    expect((await post(`/api/v1/cases?creditorId=${creditorB}`, bearer(keyA), claim('API-0010'))).statusCode).toBe(403);
  });
});

describe('POST /api/v1/cases/:id/recall', () => {
  it('closes the case as closed_returned, stops pending messages, records why', async () => {
    const caseId = await insertCase(creditorA);
    const recalled = await post(`/api/v1/cases/${caseId}/recall`, bearer(keyA), { reason: 'paid to us directly' });
    expect(recalled.statusCode, recalled.body).toBe(200);
    expect(recalled.json()).toMatchObject({ caseId, from: 'active', status: 'closed_returned', forced: false });
    const [row] = await h.t.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: 'closed_returned', closeReason: 'returned to the creditor: paid to us directly' });
    const events = await h.t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(events).toEqual([expect.objectContaining({ type: 'case.status_changed', data: expect.objectContaining({ from: 'active', to: 'closed_returned' }) })]);
    const again = await post(`/api/v1/cases/${caseId}/recall`, bearer(keyA), { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'case_not_recallable', findings: [{ rule: 'recall.already_closed' }] });
  });

  it('is refused with the reason while a plan is active; compliance may force it, cancelling the plan', async () => {
    const caseId = await insertCase(creditorA, 'plan');
    const plan = buildPlan(creditorA, caseId, { totalCents: 12_345 });
    await h.t.database.db.insert(plans).values(plan);
    const refused = await post(`/api/v1/cases/${caseId}/recall`, bearer(keyA), { reason: 'we want it back' });
    expect(refused.statusCode).toBe(409);
    const problem = refused.json() as { code: string; detail: string; findings: { rule: string; message: { fr: string } }[] };
    expect(problem.code).toBe('case_not_recallable');
    expect(problem.findings.map((f) => f.rule)).toEqual(['recall.active_plan']);
    expect(problem.detail).toContain('instalment plan is active');
    // A key cannot force; a compliance officer can.
    expect((await post(`/api/v1/cases/${caseId}/recall`, bearer(keyA), { reason: 'force', force: true })).statusCode).toBe(403);
    const officer = await h.createUser('compliance');
    const session = await h.logIn(officer);
    const forced = await post(`/api/v1/cases/${caseId}/recall`, { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, { reason: 'mandate ended', force: true });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json()).toMatchObject({ status: 'closed_returned', forced: true, overridden: ['active_plan'] });
    const [planRow] = await h.t.database.db.select().from(plans).where(and(eq(plans.creditorId, creditorA), eq(plans.id, plan.id!)));
    expect(planRow!.status).toBe('cancelled');
    const types = (await h.t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => e.type).sort();
    expect(types).toEqual(['case.status_changed', 'plan.cancelled']);
    expect(await h.t.database.db.select().from(outbox).where(eq(outbox.caseId, caseId))).toEqual([]);
  });
});

describe('Idempotency-Key on POST /api/v1/*', () => {
  it('replays the first answer for the same key and body, without a second case', async () => {
    const headers = { ...bearer(keyA), 'idempotency-key': 'create-API-0100' };
    const first = await post('/api/v1/cases', headers, claim('API-0100'));
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same body with its fields in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(claim('API-0100')).reverse());
    const second = await post('/api/v1/cases', headers, reordered);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await h.t.database.db.select().from(cases).where(and(eq(cases.creditorId, creditorA), eq(cases.creditorReference, 'API-0100')))).toHaveLength(1);
  });

  it('refuses the same key with another body (422) and while the first is still running (409)', async () => {
    const headers = { ...bearer(keyA), 'idempotency-key': 'create-API-0101' };
    expect((await post('/api/v1/cases', headers, claim('API-0101'))).statusCode).toBe(201);
    const other = await post('/api/v1/cases', headers, claim('API-0102'));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });

    // A first request still running: its row is in progress and locked.
    const keyId = (await h.t.database.db.select().from(idempotencyKeys)).find((k) => k.key === 'create-API-0101')!.principal;
    const store = new DrizzleIdempotencyStore(h.t.database.db);
    const now = fixedClock.now();
    await store.tryInsert({
      principal: keyId, key: 'running-1', method: 'POST', path: '/api/v1/cases', fingerprint: 'x', status: 'in_progress', responseStatus: null,
      responseType: null, responseBody: null, lockedUntil: new Date(now.getTime() + 60_000), expiresAt: new Date(now.getTime() + 86_400_000),
    });
    const busy = await post('/api/v1/cases', { ...bearer(keyA), 'idempotency-key': 'running-1' }, claim('API-0103'));
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'idempotency_in_progress' });
    expect(await h.t.database.db.select().from(cases).where(eq(cases.creditorReference, 'API-0103'))).toEqual([]);
  });

  it('scopes keys to their principal: another creditor\'s key with the same Idempotency-Key is another request', async () => {
    const a = await post('/api/v1/cases', { ...bearer(keyA), 'idempotency-key': 'shared-key' }, claim('API-0200'));
    const b = await post('/api/v1/cases', { ...bearer(keyB), 'idempotency-key': 'shared-key' }, claim('API-0200'));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect((b.json() as { creditorId: string }).creditorId).toBe(creditorB);
  });

  it('does not store a refused request: the same key may be used again once fixed', async () => {
    const headers = { ...bearer(keyA), 'idempotency-key': 'fix-me' };
    expect((await post('/api/v1/cases', headers, claim('API-0300', { due_date: 'soon' }))).statusCode).toBe(400);
    expect((await post('/api/v1/cases', headers, claim('API-0300'))).statusCode).toBe(201);
  });

  it('is documented on every POST under /api/v1 but the routes with their own scheme', async () => {
    const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>> };
    const posts = Object.entries(spec.paths).filter(([path, ops]) => path.startsWith('/api/v1/') && ops.post).map(([path, ops]) => ({ path, params: ops.post!.parameters ?? [] }));
    expect(posts.length).toBeGreaterThan(5);
    for (const { path, params } of posts) {
      const header = params.find((p) => p.in === 'header' && p.name === 'idempotency-key');
      expect(header, path).toBeDefined();
    }
  });
});

describe('API keys in the back office (admin)', () => {
  it('creates a key shown once, lists it without its secret, revokes it at once', async () => {
    const admin = await h.logIn(await h.createUser('admin'));
    const as = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
    const created = await post('/api/v1/api-keys', { ...as, 'idempotency-key': 'key-1' }, { creditorId: creditorA, name: 'ERP', scopes: ['cases:read'] });
    expect(created.statusCode, created.body).toBe(201);
    const { key, apiKey } = created.json() as { key: string; apiKey: { id: string; prefix: string } };
    expect(key).toMatch(new RegExp(`^amk_${apiKey.prefix}_`));
    // The secret part is everything after the prefix (base64url: it may itself hold '_').
    const secret = key.slice(`amk_${apiKey.prefix}_`.length);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    // A retry does not mint a second key, nor replay the secret: it is not stored anywhere.
    const retry = await post('/api/v1/api-keys', { ...as, 'idempotency-key': 'key-1' }, { creditorId: creditorA, name: 'ERP', scopes: ['cases:read'] });
    expect(retry.statusCode).toBe(409);
    expect(JSON.stringify(await h.t.database.db.select().from(idempotencyKeys))).not.toContain(secret);

    const list = await h.app.inject({ method: 'GET', url: `/api/v1/api-keys?creditorId=${creditorA}`, headers: { cookie: admin.cookie } });
    expect(list.body).not.toContain(secret);
    expect((list.json() as { items: { id: string }[] }).items.map((k) => k.id)).toContain(apiKey.id);

    expect((await h.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: bearer(key) })).statusCode).toBe(200);
    const revoked = await post(`/api/v1/api-keys/${apiKey.id}/revoke`, as, { creditorId: creditorA });
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: bearer(key) })).statusCode).toBe(401);
  });

  it('is for admins only', async () => {
    const manager = await h.logIn(await h.createUser('manager'));
    const response = await post('/api/v1/api-keys', { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken }, { creditorId: creditorA, name: 'x', scopes: ['cases:read'] });
    expect(response.statusCode).toBe(403);
  });
});
