/**
 * The authorization matrix (issue #9): for EVERY route of the live route table × every kind of caller,
 * the HTTP status is exactly what the route's `config.auth` rule says — admitted (neither 401 nor 403)
 * or refused (401 without credentials, 403 for a role or scope the rule does not list). The table is
 * read from the running app, so a route added later is covered without touching this file; a rule of a
 * shape this file does not know fails the test until the matrix learns it (debtor portal sessions included:
 * a portal route admits only a portal session, a back-office route never does). Then: every state-changing
 * route refuses a session without the CSRF token, or with a wrong one.
 * (authorization.int.test.ts keeps the rule-declared, start-refusal and data-scope tests.)
 */
import { randomBytes } from 'node:crypto';
import type { HTTPMethods, InjectOptions, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.ts';
import { apiKeyScopes, portalSessions, sessions } from '../../src/adapters/db/schema.ts';
import { insertCaseWithParties } from '../../src/adapters/db/seed/factories.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import type { AuthRule } from '../../src/adapters/http/auth-rule.ts';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets.ts';
import { systemClock } from '../../src/adapters/system.clock.ts';
import { userRoles, type UserRole } from '../../src/application/actor.ts';
import { createApiKey } from '../../src/application/api-keys/api-keys.ts';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app.ts';

const secrets = new CryptoSecrets();
const stateChanging = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'role'; readonly role: UserRole }
  | { readonly kind: 'api-key'; readonly scopes: readonly string[] }
  | { readonly kind: 'bogus-api-key' }
  /** A debtor logged in to the portal (issue #8): its own cookie, bound to one case. */
  | { readonly kind: 'debtor' };

const callerName = (c: Caller) => (c.kind === 'role' ? c.role : c.kind === 'api-key' ? `api-key[${c.scopes.join(',')}]` : c.kind);

/** What the rule says for this caller: admitted, or refused with 401 or 403. */
export function expectedFor(rule: AuthRule, caller: Caller): 'admitted' | 401 | 403 {
  if ('public' in rule) return 'admitted';
  if ('debtor' in rule) {
    switch (caller.kind) {
      case 'debtor':
        return 'admitted';
      case 'api-key':
        return 403; // "This route does not accept API keys"
      default:
        return 401; // no portal session: a back-office session does not open the portal
    }
  }
  if ('roles' in rule) {
    switch (caller.kind) {
      case 'anonymous':
      case 'bogus-api-key':
      case 'debtor': // a portal session never opens a back-office route
        return 401;
      case 'role':
        return rule.roles.includes(caller.role) ? 'admitted' : 403;
      case 'api-key':
        return rule.apiKeyScopes?.some((s) => caller.scopes.includes(s)) ? 'admitted' : 403;
    }
  }
  throw new Error(`authorization-matrix: unknown rule shape ${JSON.stringify(rule)}; teach expectedFor() what it means`);
}

let h: TestApp;
const users = new Map<UserRole, TestUser>();
const keys = new Map<string, string>();
let address = 1;
let portalCase: { creditorId: string; caseId: string; debtorId: string };

beforeAll(async () => {
  h = await createTestApp();
  for (const role of userRoles) users.set(role, await h.createUser(role));
  const { creditor, debtor, case: theCase } = await insertCaseWithParties(h.t.database.db);
  portalCase = { creditorId: creditor.id!, caseId: theCase.id!, debtorId: debtor.id! };
  // One key per scope, and one with every scope: "with" and "without" the scope a route asks for.
  const scopeSets = [...apiKeyScopes.map((s) => [s]), [...apiKeyScopes]];
  for (const scopes of scopeSets) {
    const { key } = await new DrizzleUnitOfWork(h.t.database.db).run((repos) => createApiKey(
      { apiKeys: repos.apiKeys, secrets, clock: systemClock, newId }, { creditorId: creditor.id!, name: `matrix ${scopes.join(' ')}`, scopes },
    ));
    keys.set(scopes.join(','), key);
  }
});
afterAll(async () => h?.close());

/** A fresh session per request: a route that ends the session (logout) cannot spoil the next one. */
async function sessionFor(role: UserRole): Promise<{ cookie: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await h.t.database.db.insert(sessions).values({
    id: secrets.digest(token), userId: users.get(role)!.id, csrfToken, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000),
  });
  return { cookie: `amiable_session=${token}`, csrfToken };
}

/** A fresh debtor portal session per request, on the matrix's case. */
async function portalSession(): Promise<{ cookie: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await h.t.database.db.insert(portalSessions).values({
    id: secrets.digest(token), ...portalCase, csrfToken, lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 900_000), absoluteExpiresAt: new Date(now.getTime() + 3_600_000),
  });
  return { cookie: `amiable_portal=${token}`, csrfToken };
}

/** Concrete URL for a route pattern: every path parameter becomes a syntactically valid id. */
function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z_]+/g, '01a21948-619c-7571-9a2f-5ac7c199245a').replace(/\*$/, 'anything');
}

function methodsOf(route: RouteOptions): HTTPMethods[] {
  return ([route.method].flat() as HTTPMethods[]).filter((m) => m !== 'OPTIONS');
}

async function send(route: RouteOptions, method: HTTPMethods, headers: Record<string, string>) {
  return h.app.inject({
    method: method as InjectOptions['method'], url: concreteUrl(route.url), headers,
    payload: stateChanging(method) ? {} : undefined,
    // A fresh client address per request keeps per-address rate limits (login) out of the matrix.
    remoteAddress: `10.77.${(address >> 8) & 255}.${address++ & 255}`,
  });
}

async function headersFor(caller: Caller, method: HTTPMethods): Promise<Record<string, string>> {
  switch (caller.kind) {
    case 'anonymous':
      return {};
    case 'bogus-api-key':
      return { authorization: 'Bearer amk_000000000000_0000000000000000000000000000000000000000000' };
    case 'api-key':
      return { authorization: `Bearer ${keys.get(caller.scopes.join(','))!}` };
    case 'debtor': {
      const { cookie, csrfToken } = await portalSession();
      return stateChanging(method) ? { cookie, 'x-csrf-token': csrfToken } : { cookie };
    }
    case 'role': {
      const { cookie, csrfToken } = await sessionFor(caller.role);
      return stateChanging(method) ? { cookie, 'x-csrf-token': csrfToken } : { cookie };
    }
  }
}

/** The refusals the authorization hook gives (src/adapters/http/app.ts), told apart from a handler's own. */
const ruleRefusals = [/^Log in first/, /^Log in to your portal first/, /^Invalid, unknown or revoked API key/, /^This route does not accept API keys/, /^This API key lacks the scope/, /^Your role does not allow this/];

function refusalByRule(body: string): boolean {
  try {
    const detail = (JSON.parse(body) as { detail?: unknown }).detail;
    return typeof detail === 'string' && ruleRefusals.some((pattern) => pattern.test(detail));
  } catch {
    return false;
  }
}

function callers(): Caller[] {
  return [
    { kind: 'anonymous' },
    ...userRoles.map((role): Caller => ({ kind: 'role', role })),
    ...[...keys.keys()].map((k): Caller => ({ kind: 'api-key', scopes: k.split(',') })),
    { kind: 'bogus-api-key' },
    { kind: 'debtor' },
  ];
}

describe('authorization matrix: every route × every caller', () => {
  it('answers exactly as each route\'s rule says', async () => {
    const table = h.app.routeTable;
    expect(table.length).toBeGreaterThan(10);
    const mismatches: string[] = [];
    const cells = { admitted: 0, 401: 0, 403: 0 };
    for (const route of table) {
      const rule = route.config!.auth!;
      for (const method of methodsOf(route)) {
        for (const caller of callers()) {
          const expected = expectedFor(rule, caller);
          const response = await send(route, method, await headersFor(caller, method));
          const status = response.statusCode;
          // Admitted by the rule: the authorization layer did not refuse. A handler may still answer 401
          // on its own grounds (a webhook's missing signature), which is not the rule's doing.
          const ruleRefused = (status === 401 || status === 403) && (method === 'HEAD' || refusalByRule(response.body));
          const ok = expected === 'admitted' ? !ruleRefused : status === expected && ruleRefused;
          // A refusal is a problem document (HEAD answers carry no body).
          const problem = expected === 'admitted' || method === 'HEAD' || /application\/problem\+json/.test(String(response.headers['content-type']));
          if (!ok || !problem) mismatches.push(`${method} ${route.url} as ${callerName(caller)}: expected ${expected}, got ${status} ${response.body.slice(0, 120)}`);
          cells[expected] += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The matrix really exercised both sides of every kind of rule.
    expect(cells.admitted).toBeGreaterThan(20);
    expect(cells[401]).toBeGreaterThan(20);
    expect(cells[403]).toBeGreaterThan(20);
  }, 300_000); // several hundred requests, each with a session insert: minutes on a loaded machine

  it('covers every role and every API-key scope the schema knows', () => {
    expect(new Set(callers().map(callerName))).toEqual(new Set([
      'anonymous', 'bogus-api-key', 'debtor', ...userRoles, ...apiKeyScopes.map((s) => `api-key[${s}]`), `api-key[${apiKeyScopes.join(',')}]`,
    ]));
  });

  it('refuses every state-changing request of a session without the CSRF token or with a wrong one', async () => {
    let checked = 0;
    for (const route of h.app.routeTable) {
      const rule = route.config!.auth!;
      if ('public' in rule) continue;
      for (const method of methodsOf(route).filter(stateChanging)) {
        const debtorRoute = 'debtor' in rule;
        const role = debtorRoute ? 'debtor' : userRoles.find((r) => expectedFor(rule, { kind: 'role', role: r }) === 'admitted');
        if (!role) continue;
        for (const variant of ['missing', 'wrong'] as const) {
          const { cookie, csrfToken } = role === 'debtor' ? await portalSession() : await sessionFor(role);
          const headers: Record<string, string> = variant === 'missing' ? { cookie } : { cookie, 'x-csrf-token': `${csrfToken.slice(0, -1)}${csrfToken.endsWith('A') ? 'B' : 'A'}` };
          const response = await send(route, method, headers);
          expect(response.statusCode, `${method} ${route.url} (${variant} token, ${role})`).toBe(403);
          expect(response.json(), `${method} ${route.url}`).toMatchObject({ code: 'csrf_invalid' });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  }, 300_000);

  it('admits a session\'s state-changing request with its own token (the refusal above is the token, not the route)', async () => {
    const { cookie, csrfToken } = await sessionFor('agent');
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(response.statusCode).toBe(204);
  });
});
