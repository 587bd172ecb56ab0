import type { Page } from 'playwright-core';
import { text, type Locale } from './messages.ts';

export class LoginPage {
  constructor(
    readonly page: Page,
    readonly baseURL: string,
    /** The language the page is expected to be in. */
    public locale: Locale = 'fr',
  ) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: text(this.locale, 'login.heading') });
  }

  get emailField() {
    // By role, not getByLabel: the label's text also holds the required-field asterisk.
    return this.page.getByRole('textbox', { name: text(this.locale, 'login.email'), exact: true });
  }

  get passwordField() {
    return this.page.getByRole('textbox', { name: text(this.locale, 'login.password'), exact: true });
  }

  get submitButton() {
    return this.page.getByRole('button', { name: text(this.locale, 'login.submit') });
  }

  /** The error announced after a failed attempt. */
  get error() {
    return this.page.getByRole('alert');
  }

  languageButton(locale: Locale) {
    // Each language is named in itself ("Français", "English"), whatever the page's language.
    return this.page.getByRole('button', { name: text(locale, `language.${locale}`), exact: true });
  }

  async goto(path = '/login'): Promise<this> {
    await this.page.goto(new URL(path, this.baseURL).href);
    await this.waitUntilShown();
    return this;
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  async switchLanguage(locale: Locale): Promise<void> {
    await this.languageButton(locale).click();
    this.locale = locale;
    await this.waitUntilShown();
  }

  async submit(email: string, password: string): Promise<void> {
    await this.emailField.fill(email);
    await this.passwordField.fill(password);
    await this.submitButton.click();
  }

  /** Submits and waits for the error message; returns its text. */
  async submitExpectingError(email: string, password: string): Promise<string> {
    await this.submit(email, password);
    await this.error.waitFor();
    return (await this.error.innerText()).trim();
  }
}
