import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutMinutes, maxFailedLogins } from '../../src/application/auth/log-in.ts';
import { createTestApp, TestClock, type TestApp } from '../support/test-app.ts';

let h: TestApp;
const clock = new TestClock(new Date('2026-11-26T10:00:00Z'));
beforeAll(async () => {
  h = await createTestApp({ clock });
});
afterAll(async () => h?.close());

let nextAddress = 1;
/** Each call comes from its own client address unless one is given, so the per-IP rate limit stays out of the way. */
const login = (email: string, password: string, remoteAddress = `10.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });

describe('back-office login', () => {
  it('logs in, returns the user and a CSRF token, and sets an httpOnly SameSite=Lax cookie', async () => {
    const agent = await h.createUser('agent');
    const response = await login(agent.email.toUpperCase(), agent.password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { id: agent.id, role: 'agent', creditorId: null }, csrfToken: expect.any(String) });
    const cookie = response.cookies.find((c) => c.name === 'amiable_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.path).toBe('/');

    const session = await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `amiable_session=${cookie.value}` } });
    expect(session.json()).toMatchObject({ user: { email: agent.email } });
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const agent = await h.createUser('agent');
    const wrongPassword = await login(agent.email, 'not-the-password');
    const unknownEmail = await login('nobody@test.amiable.fr', 'whatever');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(wrongPassword.json())).toEqual(strip(unknownEmail.json()));
    expect(wrongPassword.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it(`locks the account after ${maxFailedLogins} failures, even for the right password, then unlocks after ${lockoutMinutes} minutes`, async () => {
    const manager = await h.createUser('manager');
    for (let i = 1; i < maxFailedLogins; i++) expect((await login(manager.email, `wrong-${i}`)).statusCode).toBe(401);
    const locking = await login(manager.email, 'wrong-last');
    expect(locking.statusCode).toBe(423);
    expect(locking.json()).toMatchObject({ code: 'account_locked', retryAfterSeconds: lockoutMinutes * 60 });
    expect(locking.headers['retry-after']).toBe(String(lockoutMinutes * 60));
    expect((await login(manager.email, manager.password)).statusCode).toBe(423);
    clock.advance(lockoutMinutes * 60_000 + 1000);
    expect((await login(manager.email, manager.password)).statusCode).toBe(200);
  });

  it('rate-limits login attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login('flood@test.amiable.fr', 'x', '10.9.9.9')).statusCode);
    // Ten attempts a minute per address are answered; the rest are refused with a problem document.
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await login('flood@test.amiable.fr', 'x', '10.9.9.9');
    expect(limited.json()).toMatchObject({ code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    // Another address is not affected.
    expect((await login('flood@test.amiable.fr', 'x', '10.9.9.10')).statusCode).toBe(401);
  });

  it('ends the session on logout: the cookie no longer works', async () => {
    const compliance = await h.createUser('compliance');
    const { cookie, csrfToken } = await h.logIn(compliance);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(204);
    const after = await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const admin = await h.createUser('admin');
    const { cookie } = await h.logIn(admin);
    clock.advance(9 * 60 * 60_000); // default TTL is 8 hours
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('never logs passwords, session cookies or CSRF tokens', async () => {
    const agent = await h.createUser('agent', { password: 'Sup3r-Secret-Passw0rd' });
    const { cookie, csrfToken } = await h.logIn(agent);
    await h.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie, 'x-csrf-token': csrfToken } });
    await login(agent.email, 'Sup3r-Secret-Wrong');
    h.app.log.info({ password: 'Sup3r-Secret-Passw0rd', csrfToken }, 'explicit log of secrets');
    const raw = h.rawLogs();
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain('Sup3r-Secret');
    expect(raw).not.toContain(cookie.split('=')[1]);
    expect(raw).not.toContain(csrfToken);
    expect(raw).toContain('[redacted]');
  });
});
