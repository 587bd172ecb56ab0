import { DeadLettersPage } from './pages/dead-letters.page.ts';
import { expect, expectNoBrowserProblems, signIn, test } from './support/fixtures.ts';

test('a manager opens the failed jobs page from the navbar; an agent has no such entry', async ({ browser, baseURL }) => {
  const { backOffice } = await signIn(browser, baseURL, 'manager');
  await backOffice.navLink('nav.deadLetters').click();
  const deadLetters = new DeadLettersPage(browser.page);
  await deadLetters.heading.waitFor();
  // Either the list of failed jobs with a retry button each, or the empty state: never an error.
  await deadLetters.emptyMessage.or(deadLetters.table).first().waitFor();
  if (await deadLetters.table.isVisible()) expect(await deadLetters.retryButtons().count()).toBeGreaterThan(0);
  expectNoBrowserProblems(browser);
});

test('an agent sees no failed-jobs entry and is refused the page', async ({ browser, baseURL }) => {
  const { backOffice } = await signIn(browser, baseURL, 'agent');
  await backOffice.navLink('nav.home').waitFor();
  expect(await backOffice.navLink('nav.deadLetters').count()).toBe(0);
  await backOffice.goto('/jobs/dead-letters');
  await backOffice.heading.waitFor();
  expect(await new DeadLettersPage(browser.page).heading.count()).toBe(0);
});
