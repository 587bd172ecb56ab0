import type { Page } from 'playwright-core';
import type { PlainMessageKey } from '../../web/src/i18n/messages.ts';
import type { Role } from '../support/demo-users.ts';
import { text, type Locale } from './messages.ts';

/** The signed-in frame: header, navbar and the current page's content. */
export class BackOfficePage {
  constructor(
    readonly page: Page,
    readonly baseURL: string,
    public locale: Locale = 'fr',
  ) {}

  get header() {
    return this.page.getByRole('banner');
  }

  get navigation() {
    return this.page.getByRole('navigation', { name: text(this.locale, 'shell.navigation') });
  }

  get main() {
    return this.page.getByRole('main');
  }

  get heading() {
    return this.main.getByRole('heading', { level: 1 });
  }

  get logoutButton() {
    return this.header.getByRole('button', { name: text(this.locale, 'shell.logout') });
  }

  navLink(label: PlainMessageKey) {
    return this.navigation.getByRole('link', { name: text(this.locale, label) });
  }

  /** The role as the header shows it ("Chargé de recouvrement"). */
  roleLabel(role: Role) {
    return this.header.getByText(text(this.locale, `role.${role}`), { exact: true });
  }

  greeting(displayName: string) {
    return this.page.getByRole('heading', { level: 1, name: text(this.locale, 'home.greeting', { name: displayName }) });
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(new URL(path, this.baseURL).href);
  }

  async waitForHome(displayName: string): Promise<void> {
    await this.greeting(displayName).waitFor();
  }

  async logout(): Promise<void> {
    await this.logoutButton.click();
  }
}
