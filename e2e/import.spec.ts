import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { text } from './pages/messages.ts';
import { expect, expectNoBrowserProblems, signIn, test } from './support/fixtures.ts';

const samplePath = fileURLToPath(new URL('../docs/samples/portfolio-sample.csv', import.meta.url));
const sampleRows = readFileSync(samplePath, 'utf8').trimEnd().split('\n').length - 1;

test('an agent imports the sample file for a creditor and downloads the report', async ({ browser, baseURL }) => {
  const { backOffice } = await signIn(browser, baseURL, 'agent', { via: 'api' });
  await backOffice.navLink('nav.imports').click();
  await backOffice.main.getByRole('heading', { level: 1, name: text('fr', 'imports.title') }).waitFor();
  expect(new URL(browser.page.url()).pathname).toBe('/imports');

  // Choose the creditor (a demo creditor) and the file.
  await backOffice.main.getByLabel(text('fr', 'imports.creditor')).first().click();
  await browser.page.getByRole('option', { name: 'Horizon Télécom' }).click();
  await backOffice.main.locator('input[type=file]').setInputFiles(samplePath);
  await backOffice.main.getByRole('button', { name: text('fr', 'imports.submit') }).click();

  const done = backOffice.main.getByRole('heading', { level: 2, name: `${text('fr', 'imports.status.completed')} — portfolio-sample.csv` });
  await done.waitFor({ timeout: 60_000 });
  const count = async (key: string) => Number((await backOffice.main.locator(`[data-count="${key}"]`).innerText()).replace(/\D/g, ''));
  expect(await count('created') + await count('unchanged') + await count('updated')).toBe(sampleRows);
  expect(await count('refused')).toBe(0);
  expect(await count('prescribed')).toBeGreaterThan(0);

  // The report link downloads the JSON report of this very import.
  const reportLink = backOffice.main.getByRole('link', { name: text('fr', 'imports.downloadReport') });
  const href = await reportLink.getAttribute('href');
  expect(href).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}\/report/);
  const report = await browser.page.evaluate(async (url) => (await fetch(url)).json() as Promise<{ import: { fileName: string; status: string } }>, href!);
  expect(report.import).toMatchObject({ fileName: 'portfolio-sample.csv', status: 'completed' });
  await mkdir(fileURLToPath(new URL('../docs/screenshots/', import.meta.url)), { recursive: true });
  await browser.page.evaluate('document.fonts.ready.then(() => true)');
  await browser.page.screenshot({ path: fileURLToPath(new URL('../docs/screenshots/import.png', import.meta.url)), animations: 'disabled', fullPage: true });
  expectNoBrowserProblems(browser);
});
