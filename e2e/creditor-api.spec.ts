import { text } from './pages/messages.ts';
import { expect, expectNoBrowserProblems, signIn, test } from './support/fixtures.ts';

test('an admin creates a creditor API key, sees it once, and revokes it', async ({ browser, baseURL }) => {
  const { backOffice } = await signIn(browser, baseURL, 'admin');
  const { page } = browser;

  await backOffice.navLink('nav.apiKeys').click();
  await backOffice.main.getByLabel(text('fr', 'apiKeys.creditor')).first().click();
  await page.getByRole('option', { name: 'Horizon Télécom' }).click();
  await backOffice.main.getByLabel(text('fr', 'apiKeys.name')).fill('ERP e2e');
  await page.getByRole('button', { name: text('fr', 'apiKeys.create') }).click();
  const shown = page.getByTestId('new-api-key');
  await shown.waitFor();
  const key = (await shown.getByText(/^amk_/).innerText()).trim();
  expect(key).toMatch(/^amk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);

  // The key works on the creditor API, without a cookie.
  const cases = await fetch(new URL('/api/v1/cases?limit=1', baseURL), { headers: { authorization: `Bearer ${key}` } });
  expect(cases.status).toBe(200);

  await page.getByRole('button', { name: text('fr', 'apiKeys.stored') }).click();
  expect(await page.getByTestId('new-api-key').count()).toBe(0);
  const row = page.getByRole('row').filter({ hasText: 'ERP e2e' });
  await row.getByRole('button', { name: text('fr', 'apiKeys.revoke') }).click();
  await row.getByText(text('fr', 'apiKeys.revoked')).waitFor();
  const refused = await fetch(new URL('/api/v1/cases?limit=1', baseURL), { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status).toBe(401);

  // The other pages of the area open without errors.
  await backOffice.navLink('nav.webhooks').click();
  await page.getByRole('heading', { name: text('fr', 'webhooks.title'), level: 1 }).waitFor();
  await backOffice.navLink('nav.remittances').click();
  await page.getByRole('heading', { name: text('fr', 'remittances.title'), level: 1 }).waitFor();
  expectNoBrowserProblems(browser);
});
