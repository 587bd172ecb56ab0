/**
 * Imports over HTTP: streamed upload with an Idempotency-Key, by a back-office session (with CSRF) or
 * a creditor API key (no cookie, no CSRF, bound to its creditor); progress, report and rejects file.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets.ts';
import { createApiKey } from '../../src/application/api-keys/api-keys.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { fixedClock, insertCreditor, sampleLines, samplePath } from '../support/intake.ts';

let h: TestApp;
let creditorA: string;
let creditorB: string;
let keyA: string;
let keyB: string;
let readOnlyKeyA: string;
const sample = fs.readFileSync(samplePath);

async function newKey(creditorId: string, scopes: string[]): Promise<string> {
  return new DrizzleUnitOfWork(h.t.database.db).run(async (repos) => (await createApiKey(
    { apiKeys: repos.apiKeys, secrets: new CryptoSecrets(), clock: fixedClock, newId }, { creditorId, name: 'test', scopes },
  )).key);
}

beforeAll(async () => {
  h = await createTestApp({ clock: fixedClock });
  creditorA = await insertCreditor(h.t.database, 'Creditor A');
  creditorB = await insertCreditor(h.t.database, 'Creditor B');
  keyA = await newKey(creditorA, ['imports:write']);
  keyB = await newKey(creditorB, ['imports:write', 'imports:read']);
  readOnlyKeyA = await newKey(creditorA, ['imports:read']);
});
afterAll(async () => h?.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function upload(headers: Record<string, string>, query = '', body: Buffer | string = sample, contentType = 'text/csv') {
  return h.app.inject({ method: 'POST', url: `/api/v1/imports${query}`, headers: { 'content-type': contentType, ...headers }, payload: body });
}

async function waitFinished(id: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  for (let i = 0; i < 300; i++) {
    const response = await h.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers });
    const body = response.json() as Record<string, unknown>;
    if (body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

describe('POST /api/v1/imports', () => {
  it('refuses an unauthenticated upload, an unknown key, and a key on another creditor', async () => {
    expect((await upload({ 'idempotency-key': 'k0' }, `?creditorId=${creditorA}`)).statusCode).toBe(401);
    expect((await upload({ 'idempotency-key': 'k0', ...bearer('amk_000000000000_not-a-real-secret-000000000000000000000000') })).statusCode).toBe(401);
    const other = await upload({ 'idempotency-key': 'k0', ...bearer(keyA) }, `?creditorId=${creditorB}`);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'forbidden' });
    expect((await upload({ 'idempotency-key': 'k0', ...bearer(readOnlyKeyA) })).statusCode).toBe(403);
  });

  it('imports with a creditor API key (no CSRF), idempotently; the same key with other content is a conflict', async () => {
    const first = await upload({ 'idempotency-key': 'batch-2026-11', ...bearer(keyA) }, '?fileName=portfolio.csv');
    expect(first.statusCode).toBe(202);
    const started = first.json() as { id: string; creditorId: string; status: string };
    expect(started).toMatchObject({ creditorId: creditorA, status: 'running' });
    const done = await waitFinished(started.id, bearer(keyA));
    expect(done).toMatchObject({ status: 'completed', counts: { created: sampleLines().rows.length, refused: 0 } });

    const again = await upload({ 'idempotency-key': 'batch-2026-11', ...bearer(keyA) }, '?fileName=portfolio.csv');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: started.id, status: 'completed' });

    const changed = await upload({ 'idempotency-key': 'batch-2026-11', ...bearer(keyA) }, '', Buffer.concat([sample, Buffer.from('\n')]));
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'conflict' });
  });

  it('a back-office session needs the CSRF token and a creditor; a creditor user cannot import', async () => {
    const agent = await h.createUser('agent');
    const { cookie, csrfToken } = await h.logIn(agent);
    const file = `${sampleLines().header}\n${sampleLines().rows[0]!.replace('HT-2026-0001', 'S-1').replace(';06 12 34 56 01;', ';+33 6 12 34 56 01;').replace('"1 234,56";0;0;0;"1 234,56"', '=1+1;0;0;0;')}\n`;
    expect((await upload({ 'idempotency-key': 's1', cookie }, `?creditorId=${creditorB}`, file)).statusCode).toBe(403);
    expect((await upload({ 'idempotency-key': 's1', cookie, 'x-csrf-token': csrfToken }, '', file)).statusCode).toBe(400);
    const accepted = await upload({ 'idempotency-key': 's1', cookie, 'x-csrf-token': csrfToken }, `?creditorId=${creditorB}&fileName=fix.csv`, file);
    expect(accepted.statusCode).toBe(202);
    const done = await waitFinished((accepted.json() as { id: string }).id, { cookie });
    expect(done).toMatchObject({ status: 'completed', creditorId: creditorB, counts: { refused: 1 } });

    const creditorUser = await h.createUser('creditor', { creditorId: creditorB });
    const session = await h.logIn(creditorUser);
    expect((await upload({ 'idempotency-key': 's2', cookie: session.cookie, 'x-csrf-token': session.csrfToken }, `?creditorId=${creditorB}`, file)).statusCode).toBe(403);
  });

  it('refuses another media type', async () => {
    const response = await upload({ 'idempotency-key': 'j', ...bearer(keyA) }, '', '{"a":1}', 'application/json');
    expect(response.statusCode).toBe(415);
  });
});

describe('reading imports', () => {
  it('a key reads only its own creditor\'s imports; report and rejects file come with reasons', async () => {
    const file = `${sampleLines().header}\n${sampleLines().rows[1]!.replace('HT-2026-0002', 'R-1').replace('89,90', '-89,90')}\n`;
    const started = await upload({ 'idempotency-key': 'with-rejects', ...bearer(keyB) }, '?fileName=rejets.csv', file);
    const id = (started.json() as { id: string }).id;
    await waitFinished(id, bearer(keyB));

    // Another creditor's key, or a creditor user of another creditor: not found, nothing revealed.
    for (const headers of [bearer(keyA), bearer(readOnlyKeyA)]) {
      for (const suffix of ['', '/report', '/rejects']) {
        const response = await h.app.inject({ method: 'GET', url: `/api/v1/imports/${id}${suffix}`, headers });
        expect(response.statusCode, suffix).toBe(404);
        expect(response.body).not.toContain('rejets');
      }
    }
    const creditorUser = await h.createUser('creditor', { creditorId: creditorA });
    const { cookie } = await h.logIn(creditorUser);
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: { cookie } })).statusCode).toBe(404);

    const report = await h.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/report`, headers: bearer(keyB) });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      rejectsTotal: 1,
      rejects: [{ line: 2, creditorReference: 'R-1', errors: [{ column: 'principal', code: 'amount_negative', value: '-89,90' }] }],
    });
    const rejects = await h.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/rejects`, headers: bearer(keyB) });
    expect(rejects.statusCode).toBe(200);
    expect(rejects.headers['content-type']).toMatch(/text\/csv/);
    expect(rejects.headers['content-disposition']).toContain('rejets.rejects.csv');
    const [head, row] = rejects.body.trimEnd().split('\n');
    expect(head).toBe(`${sampleLines().header};error`);
    expect(row).toContain(";'-89,90;");
    expect(row).toMatch(/Negative amounts are refused/);

    // Staff read every creditor's imports.
    const manager = await h.createUser('manager');
    const staff = await h.logIn(manager);
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: { cookie: staff.cookie } })).statusCode).toBe(200);
  });
});
