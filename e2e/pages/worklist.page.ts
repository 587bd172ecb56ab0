import type { Page } from 'playwright-core';
import { text, type Locale } from './messages.ts';

/** The agent's worklist: one row per callable case (`data-case-id`). */
export class WorklistPage {
  constructor(readonly page: Page, readonly locale: Locale = 'fr') {}

  get table() {
    return this.page.getByRole('table', { name: text(this.locale, 'worklist.title') });
  }

  rows() {
    return this.table.locator('tbody tr');
  }

  async caseIds(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id') ?? ''));
  }

  async open(caseId: string): Promise<void> {
    await this.table.locator(`tr[data-case-id="${caseId}"] a`).click();
  }
}
