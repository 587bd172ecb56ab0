/**
 * The worklist reads its session with its page, in one statement (`listWorklistForSession`, the route's
 * `sessionReadByRoute`): the same authorization as every route's auth hook — an unknown, revoked or expired
 * session is 401, a disabled user's session is deleted (401), a role the route does not list is 403, the
 * session's expiry is touched at most once a minute, an invalid query is 400 only once logged in — and the
 * same page as the route's other path (the session first, then the page: asked for with the user's own id).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContactPoint, buildTeam, insertCaseWithParties, insertSentFirstLetter } from '../../src/adapters/db/seed/factories.ts';
import { cases, contactPoints, sessions, teams, users } from '../../src/adapters/db/schema.ts';
import { createTestApp, TestClock, type TestApp, type TestUser } from '../support/test-app.ts';

const NOW = new Date('2027-03-09T09:00:00Z'); // Tuesday, 10:00 in Paris
let h: TestApp;
let clock: TestClock;
const team = buildTeam({ name: 'Équipe S' });
let agent: TestUser;

const worklist = (cookie: string | null, query = '') => h.app.inject({ method: 'GET', url: `/api/v1/worklist${query}`, headers: cookie ? { cookie } : {} });

/** A callable case of the team, assigned to `assignedUserId` or in the team's pool. */
async function callableCase(assignedUserId: string | null, priority: number) {
  const db = h.t.database.db;
  const { creditor, debtor, case: k } = await insertCaseWithParties(db, { case: { teamId: team.id!, assignedUserId, noticeSentAt: new Date('2027-02-10T09:00:00Z') } });
  await db.insert(contactPoints).values(buildContactPoint(debtor.id!, { kind: 'phone', value: `+3361234${String(priority).padStart(4, '0')}`, isPrimary: true }));
  await insertSentFirstLetter(db, { creditorId: creditor.id!, caseId: k.id!, debtorId: debtor.id! }, new Date('2027-02-10T09:00:00Z'));
  await db.update(cases).set({ callPriority: priority }).where(eq(cases.id, k.id!));
  return k.id!;
}

/** An app of its own whose clock the test moves, with an agent logged in at NOW. */
async function withOwnClock(test: (app: TestApp, clock: TestClock, staff: TestUser, cookie: string) => Promise<void>) {
  const local = new TestClock(NOW);
  const app = await createTestApp({ clock: local });
  try {
    await app.t.database.db.insert(teams).values(team);
    const staff = await app.createUser('agent', { teamId: team.id! });
    await test(app, local, staff, (await app.logIn(staff)).cookie);
  } finally {
    await app.close();
  }
}

beforeAll(async () => {
  clock = new TestClock(NOW);
  h = await createTestApp({ clock });
  await h.t.database.db.insert(teams).values(team);
  agent = await h.createUser('agent', { teamId: team.id! });
  for (let i = 0; i < 6; i++) await callableCase(agent.id, 100 + i);
  for (let i = 0; i < 5; i++) await callableCase(null, 200 + i);
});
afterAll(async () => h?.close());

describe('the worklist reads its session with its page', () => {
  it('gives the page the route gives when it reads the session first, for every scope and page', async () => {
    const { cookie } = await h.logIn(agent);
    for (const scope of ['', '&scope=mine', '&scope=team', '&scope=all']) {
      let cursor = '';
      for (let pages = 0; pages < 5; pages++) {
        const folded = await worklist(cookie, `?limit=3${scope}${cursor}`);
        // The user's own id and team given: the other path (the session by the auth hook's statement, then the page).
        const separate = await worklist(cookie, `?limit=3${scope}${cursor}&userId=${agent.id}&teamId=${team.id!}`);
        expect(folded.statusCode).toBe(200);
        expect(folded.json()).toEqual(separate.json());
        const next = folded.json().nextCursor as string | null;
        if (!next) break;
        cursor = `&cursor=${next}`;
      }
    }
    const all = (await worklist(cookie, '?limit=100')).json().items as { caseId: string; assignedToMe: boolean }[];
    expect(all).toHaveLength(11);
    expect(all.filter((i) => i.assignedToMe)).toHaveLength(6);
  });

  it('gives an agent without a team their own cases only', async () => {
    const loner = await h.createUser('agent');
    const own = await callableCase(loner.id, 50);
    const { cookie } = await h.logIn(loner);
    const page = await worklist(cookie);
    expect(page.statusCode).toBe(200);
    expect((page.json().items as { caseId: string }[]).map((i) => i.caseId)).toEqual([own]);
    expect(page.json()).toEqual((await worklist(cookie, `?userId=${loner.id}`)).json());
  });

  it('refuses no session, an unknown one and a revoked one with 401, whatever the query', async () => {
    for (const cookie of [null, 'amiable_session=not-a-session']) {
      for (const query of ['', '?limit=0']) {
        const response = await worklist(cookie, query);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ code: 'unauthenticated', detail: 'Log in first' });
      }
    }
    const { cookie, csrfToken } = await h.logIn(agent);
    expect((await worklist(cookie)).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(204);
    const revoked = await worklist(cookie);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'unauthenticated', detail: 'Log in first' });
  });

  it('answers an invalid query with 400 once the session is checked', async () => {
    const { cookie } = await h.logIn(agent);
    const response = await worklist(cookie, '?limit=0');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
    const compliance = await h.createUser('compliance');
    expect((await worklist((await h.logIn(compliance)).cookie, '?limit=0')).statusCode).toBe(403);
  });

  it('refuses an expired session with 401', async () => {
    await withOwnClock(async (app, local, staff, cookie) => {
      expect((await app.app.inject({ method: 'GET', url: '/api/v1/worklist', headers: { cookie } })).statusCode).toBe(200);
      local.advance(9 * 60 * 60_000); // the default TTL is 8 hours
      const expired = await app.app.inject({ method: 'GET', url: '/api/v1/worklist', headers: { cookie } });
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ code: 'unauthenticated', detail: 'Log in first' });
    });
  });

  it('deletes a disabled user’s session and answers 401', async () => {
    const leaving = await h.createUser('agent', { teamId: team.id! });
    const { cookie } = await h.logIn(leaving);
    expect((await worklist(cookie)).statusCode).toBe(200);
    await h.t.database.db.update(users).set({ disabledAt: new Date('2027-03-09T08:00:00Z') }).where(eq(users.id, leaving.id));
    const response = await worklist(cookie);
    expect(response.statusCode).toBe(401);
    expect(await h.t.database.db.select().from(sessions).where(eq(sessions.userId, leaving.id))).toEqual([]);
  });

  it('refuses the roles the route does not list with 403 (compliance, creditor)', async () => {
    for (const role of ['compliance', 'creditor'] as const) {
      const user = await h.createUser(role);
      const response = await worklist((await h.logIn(user)).cookie);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden', detail: 'Your role does not allow this' });
    }
    // A manager is listed: their own (empty) list.
    const manager = await h.createUser('manager');
    expect((await worklist((await h.logIn(manager)).cookie)).statusCode).toBe(200);
  });

  it('slides the session’s expiry at most once a minute', async () => {
    await withOwnClock(async (app, local, staff, cookie) => {
      const row = async () => (await app.t.database.db.select().from(sessions).where(eq(sessions.userId, staff.id)))[0]!;
      const loggedIn = await row();
      local.advance(30_000);
      expect((await app.app.inject({ method: 'GET', url: '/api/v1/worklist', headers: { cookie } })).statusCode).toBe(200);
      expect(await row()).toEqual(loggedIn);
      local.advance(31_000);
      expect((await app.app.inject({ method: 'GET', url: '/api/v1/worklist', headers: { cookie } })).statusCode).toBe(200);
      const touched = await row();
      expect(touched.lastSeenAt).toEqual(new Date(NOW.getTime() + 61_000));
      expect(touched.expiresAt).toEqual(new Date(NOW.getTime() + 61_000 + 8 * 60 * 60_000));
      // Eight hours after the login, the session is still alive: its expiry slid.
      local.advance(8 * 60 * 60_000 - 30_000);
      expect((await app.app.inject({ method: 'GET', url: '/api/v1/worklist', headers: { cookie } })).statusCode).toBe(200);
    });
  });
});
