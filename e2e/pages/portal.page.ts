/** The debtor portal (/portail), found by the catalogue text the debtor reads. */
import type { Page } from 'playwright-core';
import { text, type Locale } from './messages.ts';

export class PortalPage {
  constructor(readonly page: Page, readonly baseURL: string, public locale: Locale = 'fr') {}

  async goto(path = ''): Promise<this> {
    await this.page.goto(new URL(`/portail${path}`, this.baseURL).href);
    await this.page.locator('main h1').first().waitFor();
    return this;
  }

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  field(label: Parameters<typeof text>[1]) {
    return this.page.getByLabel(text(this.locale, label as never), { exact: true });
  }

  button(label: Parameters<typeof text>[1]) {
    return this.page.getByRole('button', { name: text(this.locale, label as never), exact: true });
  }

  navLink(label: Parameters<typeof text>[1]) {
    return this.page.getByRole('navigation').getByRole('link', { name: text(this.locale, label as never), exact: true });
  }

  get alert() {
    return this.page.getByRole('alert').first();
  }

  async logIn(reference: string, accessCode: string, birthDate: string): Promise<void> {
    await this.goto('/connexion');
    await this.field('portal.login.reference').fill(reference);
    await this.field('portal.login.accessCode').fill(accessCode);
    await this.field('portal.login.birthDate').fill(birthDate);
    await this.button('portal.login.submit').click();
    await this.page.waitForURL((url) => url.pathname === '/portail/dossier');
    await this.page.locator('main h1').waitFor();
  }
}
