import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCaseWithParties } from '../../src/adapters/db/seed/factories.ts';
import { buildHttpApp } from '../../src/adapters/http/app.ts';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets.ts';
import { systemClock } from '../../src/adapters/system.clock.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let h: TestApp;
beforeAll(async () => {
  h = await createTestApp();
});
afterAll(async () => h?.close());

describe('every route has an authorization rule', () => {
  it('declares a rule on each route of the table', () => {
    expect(h.app.routeTable.length).toBeGreaterThan(5);
    for (const route of h.app.routeTable) {
      expect(route.config?.auth, `${String(route.method)} ${route.url}`).toBeDefined();
    }
  });

  it('refuses to start when a route has no rule', async () => {
    const app = await buildHttpApp({
      uow: new DrizzleUnitOfWork(h.t.database.db), clock: systemClock, secrets: new CryptoSecrets(),
      hasher: { hash: async () => 'x', verify: async () => false }, decoyHash: 'x', sessionTtlMinutes: 60, ping: async () => {},
    }, { logLevel: 'silent', prettyLogs: false, secureCookies: false, trustProxy: false, version: 'test', webDistDir: null });
    app.get('/api/v1/forgotten', async () => ({ leaked: true }));
    await expect(app.ready()).rejects.toThrow(/without an authorization rule: GET \/api\/v1\/forgotten/);
  });

  // Every route × every caller (401, 403, API-key scopes) and CSRF on every state-changing route:
  // authorization-matrix.int.test.ts.
});

describe('a creditor user sees only its own creditor\'s cases', () => {
  it('cannot read another creditor\'s case, and its list holds only its own', async () => {
    const own = await insertCaseWithParties(h.t.database.db, { creditor: { name: 'Own Creditor' } });
    const other = await insertCaseWithParties(h.t.database.db, { creditor: { name: 'Other Creditor' }, debtor: { lastName: 'Secret' } });
    const creditorUser = await h.createUser('creditor', { creditorId: own.creditor.id! });
    const { cookie } = await h.logIn(creditorUser);

    const mine = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${own.case.id}`, headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: own.case.id, creditorName: 'Own Creditor' });

    const theirs = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${other.case.id}`, headers: { cookie } });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain('Secret');
    expect(theirs.body).not.toContain('Other Creditor');
    // Same answer as for a case that does not exist at all: existence is not revealed.
    const missing = await h.app.inject({ method: 'GET', url: '/api/v1/cases/01a21948-619c-7571-9a2f-5ac7c199245a', headers: { cookie } });
    expect({ status: missing.statusCode, code: missing.json().code }).toEqual({ status: theirs.statusCode, code: theirs.json().code });

    const list = await h.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers: { cookie } });
    const items = (list.json() as { items: { creditorId: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.creditorId === own.creditor.id)).toBe(true);

    // Staff see both.
    const agent = await h.createUser('agent');
    const staff = await h.logIn(agent);
    const staffRead = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${other.case.id}`, headers: { cookie: staff.cookie } });
    expect(staffRead.statusCode).toBe(200);
  });
});
