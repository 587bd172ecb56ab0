import { describe } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackOfficePage } from './pages/back-office.page.ts';
import { LoginPage } from './pages/login.page.ts';
import { text } from './pages/messages.ts';
import { demoUser, ROLES } from './support/demo-users.ts';
import { currentSession, expect, expectNoBrowserProblems, signIn, test } from './support/fixtures.ts';

const screenshotDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function saveScreenshot(page: import('playwright-core').Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  // Let fonts and transitions settle so the picture is stable from run to run.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: join(screenshotDir, name), animations: 'disabled' });
}

test('an agent signs in and sees the back-office home', async ({ browser, baseURL }) => {
  const { backOffice, user } = await signIn(browser, baseURL, 'agent');

  expect(user.role).toBe('agent');
  expect(new URL(browser.page.url()).pathname).toBe('/');
  await backOffice.greeting(user.displayName).waitFor();
  await backOffice.navLink('nav.home').waitFor();
  expect(await backOffice.navLink('nav.home').getAttribute('aria-current')).toBe('page');
  await backOffice.roleLabel('agent').waitFor();
  expect(await backOffice.header.innerText()).toContain(user.displayName);
  expect(await backOffice.main.innerText()).toContain(text('fr', 'home.role.agent'));
  expect(await browser.page.title()).toBe(text('fr', 'app.pageTitle', { page: text('fr', 'home.title') }));

  await saveScreenshot(browser.page, 'back-office-home.png');
  expectNoBrowserProblems(browser);
});

test.for(ROLES)('the %s demo login works and shows its role', async (role, { browser, baseURL }) => {
  const { backOffice, user } = await signIn(browser, baseURL, role);

  expect(user.role).toBe(role);
  expect(user.email).toBe(demoUser(role).email);
  await backOffice.roleLabel(role).waitFor();
  await backOffice.navigation.waitFor();
  expect(await backOffice.main.innerText()).toContain(text('fr', `home.role.${role}`));
  expectNoBrowserProblems(browser);
});

test('a wrong password and an unknown e-mail get the same generic error', async ({ browser, baseURL }) => {
  const login = await new LoginPage(browser.page, baseURL).goto();
  // Bodies are read as they arrive: Chromium drops them once the page navigates.
  const answers: Promise<{ status: number; body: Record<string, unknown> }>[] = [];
  browser.page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/v1/auth/login') {
      answers.push(response.json().then((body: Record<string, unknown>) => ({ status: response.status(), body })));
    }
  });

  const wrongPassword = await login.submitExpectingError(demoUser('agent').email, 'not-the-password');
  expect(wrongPassword).toBe(text('fr', 'errors.invalid_credentials'));

  // Reload so the second message is a fresh one, not the first still on screen.
  await login.goto();
  const unknownEmail = await login.submitExpectingError('nobody@demo.amiable.fr', 'not-the-password');
  expect(unknownEmail).toBe(wrongPassword);

  // The server must not tell them apart either: same status, same problem code, same text.
  expect(answers).toHaveLength(2);
  const [first, second] = await Promise.all(answers);
  expect(first?.status).toBe(401);
  expect(second?.status).toBe(first?.status);
  expect(first?.body.code).toBe('invalid_credentials');
  expect({ ...second?.body, instance: undefined }).toEqual({ ...first?.body, instance: undefined });

  expect(new URL(browser.page.url()).pathname).toBe('/login');
  expect(await currentSession(browser, baseURL)).toBeNull();
  expectNoBrowserProblems(browser);
});

test('signing out returns to the login page and the home is no longer reachable', async ({ browser, baseURL }) => {
  const { backOffice } = await signIn(browser, baseURL, 'agent');

  await backOffice.logout();
  const login = new LoginPage(browser.page, baseURL);
  await login.waitUntilShown();
  expect(new URL(browser.page.url()).pathname).toBe('/login');
  expect(await currentSession(browser, baseURL)).toBeNull();

  await backOffice.goto('/');
  await login.waitUntilShown();
  expect(new URL(browser.page.url()).pathname).toBe('/login');
  expect(await backOffice.navigation.count()).toBe(0);
  expectNoBrowserProblems(browser);
});

test('after signing in, the user lands on the page they asked for (here an unknown one: 404)', async ({ browser, baseURL }) => {
  const backOffice = new BackOfficePage(browser.page, baseURL);
  await backOffice.goto('/no-such-page?x=1');
  const login = new LoginPage(browser.page, baseURL);
  await login.waitUntilShown();

  const { email, password } = demoUser('manager');
  await login.submit(email, password);
  await browser.page.getByRole('heading', { level: 1, name: text('fr', 'notFound.title') }).waitFor();
  const url = new URL(browser.page.url());
  expect(url.pathname + url.search).toBe('/no-such-page?x=1');
  // The frame stays around the 404, so the user can navigate away.
  const session = await currentSession(browser, baseURL);
  await backOffice.navLink('nav.home').click();
  await backOffice.waitForHome(session?.user.displayName ?? '?');
  expectNoBrowserProblems(browser);
});

describe('in an English-speaking browser', () => {
  test.override({ browserLocale: 'en-US' });

  test('the login page is in French by default and switches to English for good', async ({ browser, baseURL }) => {
    expect(await browser.page.evaluate('navigator.language')).toBe('en-US');
    // French is the product's default language, whatever the browser prefers.
    const login = await new LoginPage(browser.page, baseURL).goto();
    const lang = () => browser.page.locator('html').getAttribute('lang');
    expect(await lang()).toBe('fr');
    await login.emailField.waitFor();
    await login.submitButton.waitFor();
    expect(await login.languageButton('fr').getAttribute('aria-pressed')).toBe('true');
    await saveScreenshot(browser.page, 'login.png');

    await login.switchLanguage('en');
    expect(await lang()).toBe('en');
    await login.emailField.waitFor();
    expect(await login.languageButton('en').getAttribute('aria-pressed')).toBe('true');
    expect(await browser.page.title()).toBe(text('en', 'app.pageTitle', { page: text('en', 'login.title') }));

    // Messages follow the language too.
    const error = await login.submitExpectingError('nobody@demo.amiable.fr', 'not-the-password');
    expect(error).toBe(text('en', 'errors.invalid_credentials'));

    // The choice survives a reload.
    await browser.page.reload();
    await login.waitUntilShown();
    expect(await lang()).toBe('en');
    expectNoBrowserProblems(browser);
  });
});
