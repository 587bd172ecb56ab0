import type { Page } from 'playwright-core';
import { text, type Locale } from './messages.ts';

/** Back office → Failed jobs: background jobs that used up their retries. */
export class DeadLettersPage {
  constructor(readonly page: Page, public locale: Locale = 'fr') {}

  get heading() {
    return this.page.getByRole('main').getByRole('heading', { level: 1, name: text(this.locale, 'deadLetters.title') });
  }

  get emptyMessage() {
    return this.page.getByText(text(this.locale, 'deadLetters.empty'));
  }

  get table() {
    return this.page.getByTestId('dead-letters');
  }

  retryButtons() {
    return this.page.getByRole('button', { name: text(this.locale, 'deadLetters.retry') });
  }
}
