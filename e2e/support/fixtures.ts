/**
 * What a spec imports: `test` with the fixtures below, and helpers to get a signed-in page.
 *
 *   import { expect, test, signIn } from './support/fixtures.ts';
 *
 *   test('…', async ({ browser, baseURL }) => {
 *     const { backOffice, user } = await signIn(browser, baseURL, 'agent');
 *   });
 *
 *   // A phone-sized browser for every test of a describe block:
 *   describe('on a phone', () => {
 *     test.override({ viewport: 'phone' });
 *     test('…', async ({ browser }) => { … });
 *   });
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, inject } from 'vitest';
import type { Session, SessionUser } from '../../web/src/api/auth-types.ts';
import { BackOfficePage } from '../pages/back-office.page.ts';
import { LoginPage } from '../pages/login.page.ts';
import type { Locale } from '../pages/messages.ts';
import { openBrowser, type BrowserSession, type ViewportName } from './browser.ts';
import { demoUser, type Role } from './demo-users.ts';

export { expect };

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots of failed tests (git-ignored). */
const failureDir = join(repoRoot, 'test-results/e2e');

interface E2eFixtures {
  /** Server under test (from global-setup). */
  baseURL: string;
  /** Viewport of `browser`; override with `test.override({ viewport: 'phone' })` in a describe block. */
  viewport: ViewportName;
  /** The browser's language (Accept-Language); `test.override({ browserLocale: 'en-US' })` in a describe block. */
  browserLocale: string;
  /** A fresh Chromium profile per test, closed afterwards; a failing test leaves a screenshot. */
  browser: BrowserSession;
}

export const test = base.extend<E2eFixtures>({
  // Fixtures must destructure their first argument, even when they need nothing from it.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(inject('baseURL')),
  viewport: 'laptop',
  browserLocale: 'fr-FR',
  browser: async ({ viewport, browserLocale, task, onTestFailed }, use) => {
    const session = await openBrowser({ viewport, locale: browserLocale });
    onTestFailed(async () => {
      await mkdir(failureDir, { recursive: true });
      const name = task.name.replace(/[^\w-]+/g, '-').slice(0, 80);
      await session.page.screenshot({ path: join(failureDir, `${name}.png`), fullPage: true }).catch(() => {});
      if (session.problems.length) console.error(`Browser problems in "${task.name}":\n${session.problems.join('\n')}`);
    });
    await use(session);
    await session.close();
  },
});

export interface SignedIn {
  backOffice: BackOfficePage;
  /** The user as the server describes them (display name, role…). */
  user: SessionUser;
}

/** The session the browser's cookie currently holds, or null (asked through the browser's own cookie jar). */
export async function currentSession(browser: BrowserSession, baseURL: string): Promise<Session | null> {
  const response = await browser.context.request.get(`${baseURL}/api/v1/auth/session`);
  if (response.status() === 401) return null;
  expect(response.status(), 'GET /api/v1/auth/session').toBe(200);
  return (await response.json()) as Session;
}

/**
 * Signs a demo user in and waits for the back-office home. `via: 'ui'` fills the login form (what a
 * login test wants); `via: 'api'` posts the credentials with the browser's cookie jar, which is
 * quicker for specs about other pages.
 */
export async function signIn(
  browser: BrowserSession,
  baseURL: string,
  role: Role,
  options: { via?: 'ui' | 'api'; locale?: Locale } = {},
): Promise<SignedIn> {
  const { email, password } = demoUser(role);
  const locale = options.locale ?? 'fr';
  if (options.via === 'api') {
    const response = await browser.context.request.post(`${baseURL}/api/v1/auth/login`, { data: { email, password } });
    expect(response.status(), `login as ${email}`).toBe(200);
  } else {
    const login = await new LoginPage(browser.page, baseURL, locale).goto();
    await login.submit(email, password);
    await browser.page.waitForURL((url) => url.pathname !== '/login');
  }
  const session = await currentSession(browser, baseURL);
  if (!session) throw new Error(`e2e: signing in as ${email} did not create a session`);
  const backOffice = new BackOfficePage(browser.page, baseURL, locale);
  if (options.via === 'api') await backOffice.goto('/');
  await backOffice.waitForHome(session.user.displayName);
  return { backOffice, user: session.user };
}

/** Fails with the list of console errors, uncaught exceptions and failed requests, if any. */
export function expectNoBrowserProblems(browser: BrowserSession): void {
  expect(browser.problems, 'browser problems').toEqual([]);
}
