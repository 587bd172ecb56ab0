import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { text } from './pages/messages.ts';
import { expect, expectNoBrowserProblems, signIn, test } from './support/fixtures.ts';

const screenshotDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function saveScreenshot(page: import('playwright-core').Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: join(screenshotDir, name), animations: 'disabled', fullPage: true });
}

test('a manager produces the daily print batch, finds the letters in the outbox and previews a template', async ({ browser, baseURL }) => {
  const { backOffice } = await signIn(browser, baseURL, 'manager');
  const { page } = browser;

  await backOffice.navLink('nav.printBatches').click();
  await page.getByRole('button', { name: text('fr', 'batches.create') }).click();
  // The demo seed has cases waiting for their first letter: one batch appears, ready to post.
  await page.getByRole('link', { name: text('fr', 'batches.manifest') }).first().waitFor();
  await saveScreenshot(page, 'print-batches.png');
  await page.getByRole('button', { name: text('fr', 'batches.markPosted') }).first().click();
  await page.getByText(/^Posté le /).first().waitFor();

  await backOffice.navLink('nav.outbox').click();
  const firstLetter = page.getByRole('cell', { name: 'first-letter' }).first();
  await firstLetter.waitFor();
  expect(await page.getByRole('cell', { name: 'sent' }).count()).toBeGreaterThan(0);
  await saveScreenshot(page, 'outbox.png');

  await backOffice.navLink('nav.templates').click();
  await page.getByRole('button', { name: text('fr', 'templates.preview') }).click();
  await page.getByText(text('fr', 'templates.noFinding')).waitFor();
  expect(await backOffice.main.innerText()).toContain('Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier');
  await saveScreenshot(page, 'template-preview.png');
  expectNoBrowserProblems(browser);
});
