import type { Page } from 'playwright-core';
import type { MessageKey } from '../../web/src/i18n/messages.ts';
import { text, type Locale } from './messages.ts';

/** The case file and its call script. */
export class CaseFilePage {
  constructor(readonly page: Page, readonly locale: Locale = 'fr') {}

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return (text as (l: Locale, k: MessageKey, p?: Record<string, string | number>) => string)(this.locale, key, params);
  }

  get status() {
    return this.page.getByTestId('case-status');
  }

  get timeline() {
    return this.page.getByRole('table', { name: this.t('case.timeline') });
  }

  async startCall(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('call.start') }).click();
    await this.page.getByRole('button', { name: this.t('call.verify') }).waitFor();
  }

  async verifyIdentity(first: string, second: string): Promise<void> {
    await this.page.getByLabel(this.t('call.answer', { n: 1 })).fill(first);
    await this.page.getByLabel(this.t('call.answer', { n: 2 })).fill(second);
    await this.page.getByRole('button', { name: this.t('call.verify') }).click();
    await this.page.getByText(this.t('call.verified'), { exact: true }).waitFor();
  }

  async chooseOutcome(outcome: MessageKey): Promise<void> {
    await this.page.getByLabel(this.t('call.outcome'), { exact: true }).first().click();
    await this.page.getByRole('option', { name: this.t(outcome) }).click();
  }

  async fillPlan(plan: { count: number; firstDueOn: string; income: string; charges: string; reason?: string }): Promise<void> {
    await this.page.getByLabel(this.t('call.count')).fill(String(plan.count));
    await this.page.getByLabel(this.t('call.firstDueOn')).fill(plan.firstDueOn);
    await this.page.getByLabel(this.t('call.income')).fill(plan.income);
    await this.page.getByLabel(this.t('call.charges')).fill(plan.charges);
    if (plan.reason) await this.page.getByLabel(this.t('call.approvalReason')).fill(plan.reason);
    await this.page.getByRole('button', { name: this.t('call.preview') }).click();
    await this.page.getByTestId('plan-preview').waitFor();
  }

  async record(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('call.record') }).click();
    await this.page.getByText(this.t('call.recorded')).waitFor();
  }

  async suspend(kind: MessageKey, reason: string): Promise<void> {
    await this.page.getByLabel(this.t('case.suspensionKind'), { exact: true }).first().click();
    await this.page.getByRole('option', { name: this.t(kind) }).click();
    await this.page.getByLabel(this.t('case.reason')).fill(reason);
    await this.page.getByRole('button', { name: this.t('case.openSuspension') }).click();
  }
}
