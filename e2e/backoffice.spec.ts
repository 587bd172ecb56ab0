/**
 * Acceptance of the agents' back office (issue #6), in headless Chromium, on a server whose clock
 * starts on Tuesday 1 December 2026 at 10:00 in Paris (inside call hours) and whose outbox loop is off
 * (so a confirmation visibly waits in the outbox).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CaseFilePage } from './pages/case-file.page.ts';
import { text } from './pages/messages.ts';
import { WorklistPage } from './pages/worklist.page.ts';
import { expect, expectNoBrowserProblems, signIn, test } from './support/fixtures.ts';
import type { BrowserSession } from './support/browser.ts';
import { startOwnServer, type OwnServer } from './support/own-server.ts';

const screenshotDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const DAY = 86_400_000;
const START = '2026-12-01T09:00:00Z';
let server: OwnServer;

beforeAll(async () => {
  server = await startOwnServer({ AMIABLE_CLOCK_START: START, AMIABLE_OUTBOX_INTERVAL_SECONDS: '0' });
}, 180_000);
afterAll(async () => server?.stop());

async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: join(screenshotDir, name), animations: 'disabled', fullPage: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getJson(browser: BrowserSession, path: string): Promise<any> {
  const response = await browser.context.request.get(`${server.baseURL}${path}`);
  expect(response.status(), path).toBe(200);
  return response.json();
}

/** The two identity facts as the debtor would say them: birth date (DD/MM/YYYY) and postcode. */
async function identityOf(browser: BrowserSession, caseId: string): Promise<[string, string]> {
  const file = await getJson(browser, `/api/v1/cases/${caseId}/file`);
  const [y, m, d] = (file.raw.debtor.birthDate as string).split('-');
  const postal = (file.raw.contactPoints as { kind: string; value: string }[]).find((p) => p.kind === 'postal')!;
  return [`${d}/${m}/${y}`, /\b(\d{5})\b/.exec(postal.value)![1]!];
}

/** Callable cases of the agent's list, largest balance first (a plan needs instalments above the mandate minimum). */
async function worklistByBalance(browser: BrowserSession): Promise<string[]> {
  const page = await getJson(browser, '/api/v1/worklist?limit=100');
  return (page.items as { caseId: string; balanceCents: number }[]).sort((a, b) => b.balanceCents - a.balanceCents).map((i) => i.caseId);
}

test('an agent calls from the worklist, verifies identity and records a 6-month plan', async ({ browser }) => {
  const { backOffice } = await signIn(browser, server.baseURL, 'agent', { via: 'api' });
  await backOffice.navLink('nav.worklist').click();
  const worklist = new WorklistPage(browser.page);
  await worklist.rows().first().waitFor();
  const shown = await worklist.caseIds();
  expect(shown.length).toBeGreaterThan(0);
  // Only callable cases: the engine allows a call on each one now.
  for (const id of shown) {
    const file = await getJson(browser, `/api/v1/cases/${id}/file`);
    expect(file.compliance[0], id).toMatchObject({ channel: 'call', allowed: true });
  }
  await saveScreenshot(browser.page, 'worklist.png');

  const caseId = (await worklistByBalance(browser))[0]!;
  const [birth, postcode] = await identityOf(browser, caseId);
  await worklist.open(caseId);
  const casePage = new CaseFilePage(browser.page);
  await casePage.startCall();
  await casePage.verifyIdentity(birth, postcode);
  await casePage.chooseOutcome('call.outcome.plan');
  await casePage.fillPlan({ count: 6, firstDueOn: '2026-12-15', income: '2500', charges: '900' });
  await casePage.record();
  await casePage.timeline.getByText('plan.created').first().waitFor();
  await expect.poll(() => casePage.status.textContent()).toBe('plan');
  await saveScreenshot(browser.page, 'case-file.png');

  // The confirmation waits in the outbox.
  const outbox = await getJson(browser, `/api/v1/outbox?caseId=${caseId}`);
  expect((outbox.items as { template: string; status: string }[]).filter((m) => m.template === 'plan-confirmation').map((m) => m.status)).toEqual(['pending']);
  // The case leaves the worklist, for the 7 days of the pause after a conversation.
  expect(await worklistByBalance(browser)).not.toContain(caseId);
  const file = await getJson(browser, `/api/v1/cases/${caseId}/file`);
  expect(file.compliance[0].reasons.map((r: { rule: string }) => r.rule)).toContain('post-conversation-pause');
  expect(Date.parse(file.compliance[0].nextAllowedAt)).toBeGreaterThanOrEqual(Date.parse(START) + 7 * DAY);
  expectNoBrowserProblems(browser);
});

test('a plan beyond the mandate needs a manager; a dispute leaves every worklist at once', async ({ browser }) => {
  const { backOffice } = await signIn(browser, server.baseURL, 'agent', { via: 'api' });
  const [beyond, disputed] = await worklistByBalance(browser);
  expect(disputed).toBeDefined();

  // A 30-month plan: beyond every demo mandate (6, 12 or 24 months) → an approval request.
  const [birth, postcode] = await identityOf(browser, beyond!);
  await backOffice.goto(`/cases/${beyond}`);
  const casePage = new CaseFilePage(browser.page);
  await casePage.startCall();
  await casePage.verifyIdentity(birth, postcode);
  await casePage.chooseOutcome('call.outcome.plan');
  await casePage.fillPlan({ count: 30, firstDueOn: '2026-12-15', income: '1800', charges: '700', reason: 'Revenus modestes, 30 mois' });
  await browser.page.getByText(text('fr', 'call.needsApproval')).waitFor();
  await casePage.record();
  await expect.poll(() => casePage.status.textContent()).toBe('active');

  // A dispute recorded by the agent: out of the agent's worklist at once.
  await backOffice.goto(`/cases/${disputed}`);
  await casePage.suspend('case.suspension.dispute', 'Le débiteur conteste le montant');
  await casePage.timeline.getByText('dispute.opened').first().waitFor();
  expect(await worklistByBalance(browser)).not.toContain(disputed);
  await backOffice.logout();

  // The manager: the dispute is not in the team's worklist either; the plan waits for approval.
  const manager = await signIn(browser, server.baseURL, 'manager', { via: 'api' });
  expect(await worklistByBalance(browser)).not.toContain(disputed);
  await manager.backOffice.navLink('nav.decisions').click();
  const approvals = browser.page.getByRole('table', { name: text('fr', 'decisions.approvals') });
  await approvals.getByText('Revenus modestes, 30 mois', { exact: false }).waitFor();
  await approvals.getByRole('button', { name: text('fr', 'decisions.approve') }).first().click();
  await expect.poll(async () => (await getJson(browser, `/api/v1/cases/${beyond}/file`)).raw.kase.status).toBe('plan');

  await manager.backOffice.navLink('nav.dashboard').click();
  await browser.page.getByText(text('fr', 'dashboard.rpc')).waitFor();
  await browser.page.getByText(text('fr', 'dashboard.ageing')).waitFor();
  await saveScreenshot(browser.page, 'dashboard.png');
  expectNoBrowserProblems(browser);
});
