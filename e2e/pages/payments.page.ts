import type { Page } from 'playwright-core';
import { text } from './messages.ts';
import type { BackOfficePage } from './back-office.page.ts';

/** The bank statements page: upload, result line, unmatched queue. */
export class BankStatementsPage {
  constructor(private readonly backOffice: BackOfficePage) {}

  get page(): Page {
    return this.backOffice.page;
  }

  async open(): Promise<void> {
    await this.backOffice.navLink('nav.bank').click();
    await this.backOffice.main.getByRole('heading', { level: 1, name: text('fr', 'bank.title') }).waitFor();
  }

  /** Uploads the file and waits until the result line says `expected`. */
  async upload(path: string, expected: string): Promise<void> {
    await this.backOffice.main.locator('input[type=file]').setInputFiles(path);
    await this.backOffice.main.getByRole('button', { name: text('fr', 'bank.upload') }).click();
    await this.backOffice.main.getByTestId('bank-result').filter({ hasText: expected }).waitFor();
  }

  queueRow(payer: string) {
    return this.backOffice.main.getByTestId('unmatched-queue').getByRole('row').filter({ hasText: payer });
  }
}

/** The payment entry form. */
export class PaymentEntryPage {
  constructor(private readonly backOffice: BackOfficePage) {}

  async open(): Promise<void> {
    await this.backOffice.navLink('nav.paymentEntry').click();
    await this.backOffice.main.getByRole('heading', { level: 1, name: text('fr', 'payment.title') }).waitFor();
  }

  get testProviderNotice() {
    return this.backOffice.main.getByTestId('test-provider');
  }

  async book(caseId: string, amount: string, reference: string): Promise<string> {
    const main = this.backOffice.main;
    await main.getByLabel(text('fr', 'payment.caseId')).fill(caseId);
    await main.getByLabel(text('fr', 'payment.amount')).fill(amount);
    await main.getByLabel(text('fr', 'payment.reference')).fill(reference);
    await main.getByRole('button', { name: text('fr', 'payment.submit') }).click();
    const result = main.getByTestId('booking-result');
    await result.waitFor();
    return result.innerText();
  }
}
