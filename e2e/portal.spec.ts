/**
 * The debtor portal on a phone (issue #8 acceptance): verify a genuine code and a fake one; log in;
 * see the breakdown; propose a plan within the mandate → accepted; dispute with an uploaded PDF → the
 * back office shows the case suspended and no worklist offers it; download my data. axe-core finds no
 * serious or critical violation on any portal page; the first screen's JavaScript stays under 150 KB
 * gzipped; phone-size screenshots go to docs/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPortal } from '../src/adapters/db/seed/portal-demo.ts';
import { text } from './pages/messages.ts';
import { PortalPage } from './pages/portal.page.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { demoUser } from './support/demo-users.ts';
import { expect, expectNoBrowserProblems, test } from './support/fixtures.ts';

const screenshotDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: join(screenshotDir, name), animations: 'disabled', fullPage: true });
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${page.url()}`).toEqual([]);
}

const FIRST_SCREEN_BUDGET = 150 * 1024;

describe('debtor portal on a phone', () => {
  test.override({ viewport: 'phone' });

  test('the first screen is light and accessible, and switches to English', async ({ browser, baseURL }) => {
    const scripts: { url: string; bytes: Buffer }[] = [];
    const pending: Promise<void>[] = [];
    browser.page.on('response', (response) => {
      if (response.request().resourceType() === 'script') pending.push(response.body().then((bytes) => void scripts.push({ url: response.url(), bytes })));
    });
    const portal = await new PortalPage(browser.page, baseURL).goto();
    await browser.page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const gzipped = scripts.reduce((sum, s) => sum + gzipSync(s.bytes, { level: 9 }).length, 0);
    console.log(`portal first screen: ${scripts.length} script(s), ${scripts.reduce((s, x) => s + x.bytes.length, 0)} bytes raw, ${gzipped} bytes gzipped (budget ${FIRST_SCREEN_BUDGET})`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((s) => !/main-|back-office|mantine/i.test(s.url))).toBe(true);
    expect(gzipped).toBeLessThan(FIRST_SCREEN_BUDGET);
    await portal.heading(text('fr', 'portal.home.title')).waitFor();
    expect(await browser.page.getAttribute('html', 'lang')).toBe('fr');
    await expectAccessible(browser.page);
    await screenshot(browser.page, 'portal-home.png');
    await browser.page.getByRole('button', { name: text('fr', 'portal.switchLanguage') }).click();
    await portal.heading(text('en', 'portal.home.title')).waitFor();
    expect(await browser.page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(browser.page);
    expectNoBrowserProblems(browser);
  });

  test('verifies a genuine code and a fake one', async ({ browser, baseURL }) => {
    const portal = await new PortalPage(browser.page, baseURL).goto('/verifier');
    await expectAccessible(browser.page);
    await portal.field('portal.verify.code').fill(demoPortal.verificationCode.toLowerCase());
    await browser.page.getByRole('button', { name: text('fr', 'portal.verify.check') }).first().click();
    await expect.poll(() => portal.alert.innerText()).toContain(text('fr', 'portal.verify.oursTitle'));
    await expectAccessible(browser.page);
    await screenshot(browser.page, 'portal-verify-genuine.png');
    await portal.field('portal.verify.code').fill('ZZZZ-9999');
    await browser.page.getByRole('button', { name: text('fr', 'portal.verify.check') }).first().click();
    await expect.poll(() => portal.alert.innerText()).toContain(text('fr', 'portal.verify.noTraceTitle'));
    expect(await portal.alert.innerText()).toContain('33700');
    await screenshot(browser.page, 'portal-verify-fake.png');
    expectNoBrowserProblems(browser);
  });

  test('logs in, shows the breakdown, proposes a plan within the mandate and gets it accepted', async ({ browser, baseURL }) => {
    const portal = new PortalPage(browser.page, baseURL);
    await portal.goto('/connexion');
    await expectAccessible(browser.page);
    await portal.logIn(demoPortal.reference, demoPortal.accessCode, demoPortal.birthDate);
    const main = browser.page.locator('main');
    await expect.poll(() => main.innerText()).toContain('480,00');
    const body = await main.innerText();
    for (const expected of ['Horizon Télécom SA', 'CT-880037', '12,50', '492,50', text('fr', 'portal.case.principal'), text('fr', 'portal.case.interest'), 'H4KD-7MQ2']) {
      expect(body).toContain(expected);
    }
    await expectAccessible(browser.page);
    await screenshot(browser.page, 'portal-case.png');

    await portal.navLink('portal.nav.pay').click();
    await portal.heading(text('fr', 'portal.pay.title')).waitFor();
    await browser.page.locator('.qr img').waitFor();
    expect(await main.innerText()).toMatch(/RF\d{2}/);
    await expectAccessible(browser.page);
    await screenshot(browser.page, 'portal-pay.png');
    // By card through the built-in test provider (labelled as such): booked on the case, receipt on its way.
    await expect.poll(() => main.innerText()).toContain(text('fr', 'portal.pay.cardTest'));
    await portal.field('portal.pay.cardAmount').fill('1,00');
    await portal.button('portal.pay.cardStart').click();
    await portal.button('portal.pay.cardTestPay').click();
    await expect.poll(() => portal.alert.innerText()).toContain(text('fr', 'portal.pay.cardDone'));
    await expectAccessible(browser.page);

    await portal.navLink('portal.nav.plan').click();
    await portal.heading(text('fr', 'portal.plan.title')).waitFor();
    await portal.field('portal.plan.income').fill('2100');
    await portal.field('portal.plan.charges').fill('900');
    await portal.field('portal.plan.wished').fill('50');
    await portal.button('portal.plan.compute').click();
    await expect.poll(() => portal.alert.innerText()).toContain(text('fr', 'portal.plan.outcome.auto-accept'));
    await expectAccessible(browser.page);
    await portal.button('portal.plan.confirm').click();
    await expect.poll(() => portal.alert.innerText()).toContain(text('fr', 'portal.plan.accepted'));
    await screenshot(browser.page, 'portal-plan-accepted.png');
    expectNoBrowserProblems(browser);
  });

  test('disputes with a PDF: the back office shows the case suspended and no worklist offers it', async ({ browser, baseURL }) => {
    const portal = new PortalPage(browser.page, baseURL);
    await portal.logIn(demoPortal.reference, demoPortal.accessCode, demoPortal.birthDate);
    await portal.navLink('portal.nav.dispute').click();
    await portal.heading(text('fr', 'portal.dispute.title')).waitFor();
    await expectAccessible(browser.page);
    await browser.page.getByLabel(text('fr', 'portal.dispute.reason.already-paid')).check();
    await browser.page.getByLabel(text('fr', 'portal.dispute.details')).first().fill('Payé le 3 mars par virement, voir le relevé.');
    await browser.page.getByLabel(text('fr', 'portal.dispute.evidence')).setInputFiles({
      name: 'releve.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
    });
    await portal.button('portal.dispute.submit').click();
    await expect.poll(() => portal.alert.innerText()).toContain(text('fr', 'portal.dispute.done'));
    await screenshot(browser.page, 'portal-dispute.png');

    // The back office, through its own API with a manager's session.
    const staff = browser.context.request;
    const { email, password } = demoUser('manager');
    expect((await staff.post(`${baseURL}/api/v1/auth/login`, { data: { email, password } })).status()).toBe(200);
    const list = await (await staff.get(`${baseURL}/api/v1/cases?limit=200`)).json() as { items: { id: string; creditorReference: string }[] };
    const kase = list.items.find((c) => c.creditorReference === demoPortal.reference)!;
    expect(kase).toBeDefined();
    const file = await (await staff.get(`${baseURL}/api/v1/cases/${kase.id}/file`)).json() as { raw: { suspensions: { kind: string; resolvedAt: string | null }[] } };
    expect(file.raw.suspensions.filter((s) => s.resolvedAt === null).map((s) => s.kind)).toContain('dispute');
    let cursor: string | null = null;
    const offered: string[] = [];
    do {
      const page = await (await staff.get(`${baseURL}/api/v1/worklist?scope=all&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json() as { items: { caseId?: string; id?: string }[]; nextCursor: string | null };
      offered.push(...page.items.map((i) => i.caseId ?? i.id ?? ''));
      cursor = page.nextCursor;
    } while (cursor);
    expect(offered).not.toContain(kase.id);
    expectNoBrowserProblems(browser);
  });

  test('sets contact preferences and downloads my data', async ({ browser, baseURL }) => {
    const portal = new PortalPage(browser.page, baseURL);
    await portal.logIn(demoPortal.reference, demoPortal.accessCode, demoPortal.birthDate);
    await portal.navLink('portal.nav.preferences').click();
    await portal.heading(text('fr', 'portal.prefs.title')).waitFor();
    await browser.page.getByLabel(text('fr', 'portal.prefs.stopCalls')).check();
    await portal.button('portal.prefs.save').click();
    await expect.poll(() => portal.alert.innerText()).toContain(text('fr', 'portal.prefs.saved'));
    await expectAccessible(browser.page);

    await portal.navLink('portal.nav.data').click();
    await portal.heading(text('fr', 'portal.data.title')).waitFor();
    await expectAccessible(browser.page);
    await screenshot(browser.page, 'portal-my-data.png');
    const [download] = await Promise.all([
      browser.page.waitForEvent('download'),
      browser.page.getByRole('link', { name: text('fr', 'portal.data.downloadJson') }).click(),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const data = JSON.parse(await readFile(path!, 'utf8')) as { identity: { field: string; value: string; source: string }[]; case: { reference: string } };
    expect(data.case.reference).toBe(demoPortal.reference);
    expect(data.identity.find((i) => i.field === 'lastName')?.value).toBe('Lefèvre');
    expectNoBrowserProblems(browser);
  });

  test('the public rights pages check limitation and write a letter', async ({ browser, baseURL }) => {
    const portal = await new PortalPage(browser.page, baseURL).goto('/droits');
    await expectAccessible(browser.page);
    await browser.page.getByLabel(text('fr', 'portal.rights.category')).selectOption('telecom');
    await browser.page.getByLabel(text('fr', 'portal.rights.dueDate')).fill('2023-01-10');
    await browser.page.getByRole('button', { name: text('fr', 'portal.rights.check') }).first().click();
    await expect.poll(() => portal.alert.innerText()).toContain('Prescrite');
    await browser.page.getByLabel(text('fr', 'portal.rights.senderName')).fill('Camille Martin');
    await browser.page.getByLabel(text('fr', 'portal.rights.recipientName')).fill('Recouvro SAS');
    await portal.button('portal.rights.makeLetter').click();
    await browser.page.getByRole('link', { name: text('fr', 'portal.rights.download') }).waitFor();
    await expectAccessible(browser.page);
    await screenshot(browser.page, 'portal-rights.png');
    expectNoBrowserProblems(browser);
  });
});
