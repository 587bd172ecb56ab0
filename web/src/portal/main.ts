/**
 * The debtor portal (issue #8), served at /portail: verify a contact, log in with the letter's access
 * code, see the case, pay, propose a plan, dispute, set contact preferences, exercise GDPR rights,
 * and the public "Know your rights" tools. Plain TypeScript and CSS — no back-office bundle — so the
 * first screen loads fast on a phone. French by default, English on request; every text comes from
 * the catalogues (web/src/i18n).
 */
import './portal.css';
import { catalogues, DEFAULT_LOCALE, interpolate, isLocale, isMessageKey, type Locale, type MessageKey } from '../i18n/messages.ts';
import { api, ApiError, csrfToken, setCsrfToken } from './api.ts';
import { append, field, h, replace, type Child } from './dom.ts';

const LOCALE_KEY = 'amiable.locale';
const BASE = '/portail';

let locale: Locale = (() => {
  try {
    const stored = window.localStorage.getItem(LOCALE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
})();

function t(key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(catalogues[locale][key], params);
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `portal.error.${error.problem.code}`;
    if (isMessageKey(key)) return t(key, { minutes: Math.ceil((error.problem.retryAfterSeconds ?? 60) / 60) });
    const generic = `errors.${error.problem.code}`;
    if (isMessageKey(generic) && !catalogues.fr[generic].includes('{')) return t(generic);
  }
  return t('errors.generic');
}

const money = (cents: number) => new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const day = (iso: string) => new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
const dateTime = (iso: string) => new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));
/** Euros typed by the debtor ("1 234,56", "80.5") to integer cents, digit by digit (never through a float); NaN if not an amount. */
const cents = (text: string): number => {
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
};
/** Integer cents as an editable amount ("1234,56"), without a float. */
const euros = (amount: number) => `${String(Math.trunc(amount / 100))},${String(amount % 100).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------------
// Frame, navigation, language

const root = document.getElementById('portal')!;
const loggedIn = () => csrfToken() !== null;

interface Page { readonly path: string; readonly title: MessageKey; readonly render: (main: HTMLElement) => void | Promise<void>; readonly auth?: boolean }

function link(path: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { href: `${BASE}${path}`, ...attrs, onclick: (event: Event) => {
    const e = event as MouseEvent;
    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
    event.preventDefault();
    navigate(path);
  } }, text);
}

function navigate(path: string): void {
  window.history.pushState(null, '', `${BASE}${path}`);
  void render();
}

window.addEventListener('popstate', () => void render());

function header(current: string): HTMLElement {
  const entries: [string, MessageKey][] = loggedIn()
    ? [['/dossier', 'portal.nav.case'], ['/payer', 'portal.nav.pay'], ['/echeancier', 'portal.nav.plan'], ['/contester', 'portal.nav.dispute'],
      ['/preferences', 'portal.nav.preferences'], ['/donnees', 'portal.nav.data'], ['/droits', 'portal.nav.rights']]
    : [['/verifier', 'portal.nav.verify'], ['/connexion', 'portal.nav.login'], ['/droits', 'portal.nav.rights']];
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  return h('header', { class: 'top' },
    h('div', { class: 'bar' },
      link('', t('portal.brand'), { class: 'brand' }),
      h('button', { type: 'button', class: 'lang', lang: other, 'aria-label': t('portal.switchLanguage'), onclick: () => {
        locale = other;
        try {
          window.localStorage.setItem(LOCALE_KEY, other);
        } catch {
          // Not kept across visits.
        }
        void render();
      } }, other === 'en' ? 'English' : 'Français'),
    ),
    h('nav', { 'aria-label': t('portal.nav.label') },
      h('ul', {}, entries.map(([path, key]) => h('li', {}, link(path, t(key), current === path ? { 'aria-current': 'page' } : {})))),
      loggedIn() ? h('button', { type: 'button', class: 'link-button', onclick: () => void logout() }, t('portal.nav.logout')) : null,
    ),
  );
}

async function logout(): Promise<void> {
  try {
    await api('POST', '/api/v1/portal/logout');
  } catch {
    // Already expired: forget it anyway.
  }
  setCsrfToken(null);
  navigate('');
}

function status(): HTMLElement {
  return h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

function showError(region: HTMLElement, error: unknown): void {
  replace(region, h('p', { class: 'error', role: 'alert' }, errorText(error)));
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

function button(text: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  return h('button', { type: 'submit', ...attrs }, text);
}

function input(attrs: Record<string, string | boolean>): HTMLInputElement {
  return h('input', attrs);
}

function select(name: string, options: readonly [string, string][], attrs: Record<string, string | boolean> = {}): HTMLSelectElement {
  return h('select', { name, ...attrs }, options.map(([value, label]) => h('option', { value }, label)));
}

function form(onSubmit: (data: FormData, form: HTMLFormElement) => Promise<void>, ...children: Child[]): HTMLFormElement {
  const element = h('form', { novalidate: false }, ...children);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const submit = element.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    void onSubmit(new FormData(element), element).finally(() => {
      if (submit) submit.disabled = false;
    });
  });
  return element;
}

const str = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

// ---------------------------------------------------------------------------------------------
// Public pages

function homePage(main: HTMLElement): void {
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.home.title')),
    h('p', { class: 'lead' }, t('portal.home.intro')),
    h('div', { class: 'choices' },
      h('div', { class: 'choice' }, h('h2', {}, t('portal.home.verifyTitle')), h('p', {}, t('portal.home.verifyText')), link('/verifier', t('portal.home.verifyAction'), { class: 'button' })),
      h('div', { class: 'choice' }, h('h2', {}, t('portal.home.loginTitle')), h('p', {}, t('portal.home.loginText')), link(loggedIn() ? '/dossier' : '/connexion', t('portal.home.loginAction'), { class: 'button' })),
      h('div', { class: 'choice' }, h('h2', {}, t('portal.home.rightsTitle')), h('p', {}, t('portal.home.rightsText')), link('/droits', t('portal.home.rightsAction'), { class: 'button secondary' })),
    ),
    scamSigns(),
  );
}

function scamSigns(): HTMLElement {
  return section(t('portal.scam.title'),
    h('p', {}, t('portal.scam.intro')),
    h('ul', {}, (['portal.scam.premium', 'portal.scam.foreign', 'portal.scam.links', 'portal.scam.card', 'portal.scam.pressure'] as const).map((k) => h('li', {}, t(k)))),
    h('p', {}, t('portal.scam.report')),
  );
}

function verifyPage(main: HTMLElement): void {
  const result = status();
  const show = (answer: { verdict: 'ours' | 'our-number' | 'no-trace'; signs: string[] }) => {
    const text = answer.verdict === 'ours' ? t('portal.verify.ours') : answer.verdict === 'our-number' ? t('portal.verify.ourNumber') : t('portal.verify.noTrace');
    replace(result, h('div', { class: `verdict ${answer.verdict}`, role: 'alert' },
      h('p', { class: 'verdict-title' }, answer.verdict === 'no-trace' ? t('portal.verify.noTraceTitle') : t('portal.verify.oursTitle')),
      h('p', {}, text),
      answer.verdict === 'no-trace' ? h('p', {}, t('portal.scam.report')) : null,
      answer.signs.length ? h('div', {}, h('p', {}, t('portal.verify.signsFound')), h('ul', {}, answer.signs.map((s) => h('li', {}, isMessageKey(`portal.sign.${s}`) ? t(`portal.sign.${s}` as MessageKey) : s)))) : null,
    ));
    result.querySelector<HTMLElement>('.verdict')?.focus();
  };
  const submit = async (body: Record<string, unknown>) => {
    try {
      show(await api('POST', '/api/v1/portal/verify-contact', body));
    } catch (error) {
      showError(result, error);
    }
  };
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.verify.title')),
    h('p', { class: 'lead' }, t('portal.verify.intro')),
    section(t('portal.verify.byCode'),
      form(async (data) => submit({ code: str(data, 'code') }),
        field(t('portal.verify.code'), input({ name: 'code', required: true, autocomplete: 'off', autocapitalize: 'characters', placeholder: 'H4KD-7MQ2', maxlength: '20' }), t('portal.verify.codeHint')),
        button(t('portal.verify.check')))),
    section(t('portal.verify.byNumber'),
      form(async (data) => {
        const when = str(data, 'at');
        await submit({ callerNumber: str(data, 'callerNumber'), ownNumber: str(data, 'ownNumber') || null, at: when ? new Date(when).toISOString() : null });
      },
      field(t('portal.verify.callerNumber'), input({ name: 'callerNumber', type: 'tel', required: true, autocomplete: 'off' })),
      field(t('portal.verify.when'), input({ name: 'at', type: 'datetime-local' })),
      field(t('portal.verify.ownNumber'), input({ name: 'ownNumber', type: 'tel', autocomplete: 'tel' }), t('portal.verify.ownNumberHint')),
      button(t('portal.verify.check')))),
    section(t('portal.verify.byMessage'),
      form(async (data) => submit({ message: str(data, 'message') }),
        field(t('portal.verify.message'), h('textarea', { name: 'message', rows: 4, required: true, maxlength: '2000' })),
        button(t('portal.verify.check')))),
    result,
    scamSigns(),
  );
}

function loginPage(main: HTMLElement): void {
  const result = status();
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.login.title')),
    h('p', { class: 'lead' }, t('portal.login.intro')),
    form(async (data) => {
      try {
        const session = await api<{ csrfToken: string }>('POST', '/api/v1/portal/login', {
          reference: str(data, 'reference'), accessCode: str(data, 'accessCode'), birthDate: str(data, 'birthDate'),
        });
        setCsrfToken(session.csrfToken);
        navigate('/dossier');
      } catch (error) {
        showError(result, error);
      }
    },
    field(t('portal.login.reference'), input({ name: 'reference', required: true, autocomplete: 'off', autocapitalize: 'characters' }), t('portal.login.referenceHint')),
    field(t('portal.login.accessCode'), input({ name: 'accessCode', required: true, autocomplete: 'off', autocapitalize: 'characters' }), t('portal.login.accessCodeHint')),
    field(t('portal.login.birthDate'), input({ name: 'birthDate', type: 'date', required: true, autocomplete: 'bday' })),
    result,
    button(t('portal.login.submit'))),
    h('p', { class: 'hint' }, t('portal.login.privacy')),
  );
}

// ---------------------------------------------------------------------------------------------
// The debtor's case

interface MyCase {
  reference: string; status: string; category: string;
  basis: { contractRef: string | null; date: string | null };
  creditor: { name: string; legalName: string; address: string[]; registrationNumber: string | null };
  amounts: { principalCents: number; interestCents: number; accessoriesCents: number; totalCents: number; paidCents: number; waivedCents: number; balanceCents: number };
  dueDate: string;
  limitation: { kind: string; expiresOn: string; status: 'running' | 'expired'; basis: string; explanation: { fr: string; en: string } } | null;
  payments: { id: string; amountCents: number; valueDate: string; method: string; status: string }[];
  plans: { id: string; status: string; agreedOn: string; totalCents: number; instalments: { number: number; dueOn: string; amountCents: number }[] }[];
  contacts: { at: string; channel: string; address: string | null; verificationCode: string | null }[];
  documents: { id: string; kind: string; fileName: string; mediaType: string; sizeBytes: number; createdAt: string }[];
  letters: { id: string; template: string; reference: string | null; sentAt: string | null }[];
  suspensions: { id: string; kind: string; fromAt: string; reason: string | null }[];
  requests: { id: string; kind: string; status: string; receivedOn: string; dueOn: string; extendedDueOn: string | null }[];
  preferences: { optOut: string[]; quietHours: { from: string; to: string }[]; writtenOnly: boolean };
  payment: { beneficiary: string; iban: string; bic: string; rfReference: string; amountCents: number; epcPayload: string | null } | null;
}

async function loadCase(): Promise<MyCase> {
  return api<MyCase>('GET', '/api/v1/portal/case');
}

function table(caption: string, head: readonly string[], rows: readonly (readonly Child[])[]): HTMLElement {
  // A region that may scroll sideways on a narrow phone: focusable and named, so it can be scrolled with the keyboard.
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': caption }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((cell) => h('th', { scope: 'col' }, cell)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))))),
  ));
}

const label = (prefix: string, value: string) => (isMessageKey(`${prefix}.${value}`) ? t(`${prefix}.${value}` as MessageKey) : value);

async function casePage(main: HTMLElement): Promise<void> {
  const c = await loadCase();
  const a = c.amounts;
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.case.title', { reference: c.reference })),
    c.suspensions.length ? h('div', { class: 'notice', role: 'note' }, c.suspensions.map((s) => h('p', {}, label('portal.suspension', s.kind), ' — ', t('portal.case.since', { date: dateTime(s.fromAt) })))) : null,
    section(t('portal.case.balanceTitle'),
      h('p', { class: 'balance' }, h('span', {}, t('portal.case.balance')), ' ', h('strong', {}, money(a.balanceCents))),
      h('div', { class: 'actions' }, link('/payer', t('portal.nav.pay'), { class: 'button' }), link('/echeancier', t('portal.nav.plan'), { class: 'button secondary' }), link('/contester', t('portal.nav.dispute'), { class: 'button secondary' }))),
    section(t('portal.case.creditorTitle'),
      h('p', {}, h('strong', {}, c.creditor.legalName), h('br'), c.creditor.address.join(', ')),
      h('dl', {},
        h('dt', {}, t('portal.case.basis')), h('dd', {}, [c.basis.contractRef, c.basis.date ? day(c.basis.date) : null].filter(Boolean).join(' — ') || t('portal.case.unknown')),
        h('dt', {}, t('portal.case.dueDate')), h('dd', {}, day(c.dueDate)),
        h('dt', {}, t('portal.case.category')), h('dd', {}, label('portal.category', c.category)))),
    section(t('portal.case.amountsTitle'),
      table(t('portal.case.amountsCaption'), [t('portal.case.item'), t('portal.case.amount')], [
        [t('portal.case.principal'), money(a.principalCents)], [t('portal.case.interest'), money(a.interestCents)],
        [t('portal.case.accessories'), money(a.accessoriesCents)], [t('portal.case.total'), money(a.totalCents)],
        [t('portal.case.paid'), money(a.paidCents)], ...(a.waivedCents ? [[t('portal.case.waived'), money(a.waivedCents)]] : []),
        [t('portal.case.balance'), h('strong', {}, money(a.balanceCents))],
      ]),
      h('p', { class: 'hint' }, t('portal.case.noFees'))),
    section(t('portal.case.limitationTitle'),
      c.limitation
        ? [h('p', {}, c.limitation.status === 'expired' ? t('portal.case.limitationExpired', { date: day(c.limitation.expiresOn) }) : t('portal.case.limitationRunning', { date: day(c.limitation.expiresOn) })),
          h('p', {}, c.limitation.explanation[locale]), h('p', { class: 'hint' }, t('portal.case.limitationBasis', { basis: c.limitation.basis }))]
        : h('p', {}, t('portal.case.limitationUnknown'))),
    section(t('portal.case.paymentsTitle'),
      c.payments.length ? table(t('portal.case.paymentsTitle'), [t('portal.case.date'), t('portal.case.amount'), t('portal.case.method')],
        c.payments.map((p) => [day(p.valueDate), money(p.amountCents), label('portal.method', p.method)])) : h('p', {}, t('portal.case.noPayments')),
      c.plans.filter((p) => p.status === 'active' || p.status === 'pending_approval').map((p) => h('p', {}, label('portal.planStatus', p.status), ' — ', t('portal.plan.instalmentsCount', { count: p.instalments.length })))),
    section(t('portal.case.documentsTitle'),
      h('ul', {},
        c.letters.map((l) => h('li', {}, label('portal.template', l.template), l.reference ? ` (${l.reference})` : '', l.sentAt ? ` — ${day(l.sentAt)}` : '')),
        c.documents.map((d) => h('li', {}, h('a', { href: `/api/v1/portal/documents/${d.id}`, download: d.fileName }, d.fileName), ` — ${day(d.createdAt)}`))),
      !c.letters.length && !c.documents.length ? h('p', {}, t('portal.case.noDocuments')) : null),
    section(t('portal.case.contactsTitle'),
      h('p', { class: 'hint' }, t('portal.case.contactsIntro')),
      c.contacts.length ? table(t('portal.case.contactsTitle'), [t('portal.case.date'), t('portal.case.channel'), t('portal.case.address'), t('portal.case.code')],
        c.contacts.map((x) => [dateTime(x.at), label('portal.channel', x.channel), x.address ?? '—', x.verificationCode ?? '—'])) : h('p', {}, t('portal.case.noContacts'))),
    c.requests.length ? section(t('portal.data.requestsTitle'),
      h('ul', {}, c.requests.map((r) => h('li', {}, label('portal.request', r.kind), ' — ', label('portal.requestStatus', r.status), ' — ', t('portal.data.dueOn', { date: day(r.extendedDueOn ?? r.dueOn) }))))) : null,
  );
}

/**
 * Card payment (issues #7, #8): through the configured provider; the booking comes from the provider's
 * signed webhook. The built-in test provider moves no money and says so; the debtor plays its part.
 */
function cardSection(balanceCents: number): HTMLElement {
  const body = h('div', {});
  const result = status();
  const pay = async (providerRef: string) => {
    try {
      await api('POST', `/api/v1/portal/card-payments/${providerRef}/test-succeed`);
      replace(result, h('div', { class: 'verdict ours', role: 'alert', tabindex: '-1' }, h('p', { class: 'verdict-title' }, t('portal.pay.cardDone'))));
      result.querySelector<HTMLElement>('.verdict')?.focus();
    } catch (error) {
      showError(result, error);
    }
  };
  void api<{ label: string; isTest: boolean }>('GET', '/api/v1/portal/card-payments/provider').then((provider) => {
    if (!provider.isTest) {
      replace(body, h('p', {}, t('portal.pay.cardUnavailable')));
      return;
    }
    replace(body,
      h('p', { class: 'notice', role: 'note' }, t('portal.pay.cardTest')),
      form(async (data) => {
        const amountCents = cents(str(data, 'cardAmount'));
        if (!Number.isFinite(amountCents) || amountCents <= 0 || amountCents > balanceCents) {
          replace(result, h('p', { class: 'error', role: 'alert' }, t('portal.pay.cardInvalid', { amount: money(balanceCents) })));
          return;
        }
        try {
          const started = await api<{ providerRef: string }>('POST', '/api/v1/portal/card-payments', { amountCents });
          replace(result, h('div', { class: 'verdict', role: 'alert', tabindex: '-1' },
            h('p', {}, t('portal.pay.cardStarted', { amount: money(amountCents) })),
            h('button', { type: 'button', class: 'confirm', onclick: () => void pay(started.providerRef) }, t('portal.pay.cardTestPay'))));
          result.querySelector<HTMLElement>('.verdict')?.focus();
        } catch (error) {
          showError(result, error);
        }
      },
      field(t('portal.pay.cardAmount'), input({ name: 'cardAmount', inputmode: 'decimal', required: true, autocomplete: 'off', value: euros(balanceCents) })),
      button(t('portal.pay.cardStart'))));
  }, (error: unknown) => showError(body, error));
  return section(t('portal.pay.cardTitle'), body, result);
}

async function payPage(main: HTMLElement): Promise<void> {
  const c = await loadCase();
  const p = c.payment;
  append(main, h('h1', { tabindex: '-1' }, t('portal.pay.title')));
  if (c.suspensions.some((s) => s.kind === 'over-indebtedness')) append(main, h('div', { class: 'notice', role: 'note' }, t('portal.pay.overIndebted')));
  if (!p || p.amountCents <= 0) {
    append(main, h('p', {}, t('portal.pay.nothing')));
    return;
  }
  append(main,
    section(t('portal.pay.transferTitle'),
      h('p', {}, t('portal.pay.transferIntro', { amount: money(p.amountCents) })),
      h('dl', { class: 'bank' },
        h('dt', {}, t('portal.pay.beneficiary')), h('dd', {}, p.beneficiary),
        h('dt', {}, 'IBAN'), h('dd', { class: 'mono' }, p.iban.replace(/(.{4})/g, '$1 ').trim()),
        h('dt', {}, 'BIC'), h('dd', { class: 'mono' }, p.bic),
        h('dt', {}, t('portal.pay.reference')), h('dd', { class: 'mono' }, p.rfReference.replace(/(.{4})/g, '$1 ').trim()),
        h('dt', {}, t('portal.pay.amount')), h('dd', {}, money(p.amountCents))),
      h('p', { class: 'hint' }, t('portal.pay.referenceHint')),
      p.epcPayload ? h('figure', { class: 'qr' },
        h('img', { src: '/api/v1/portal/case/payment-qr.svg', alt: t('portal.pay.qrAlt', { amount: money(p.amountCents), reference: p.rfReference }), width: 200, height: 200 }),
        h('figcaption', {}, t('portal.pay.qrCaption'))) : null),
    cardSection(p.amountCents),
    section(t('portal.pay.receiptTitle'), h('p', {}, t('portal.pay.receipt'))),
  );
}

interface Quote {
  balanceCents: number; capacityCents: number; livingAllowanceCents: number; monthlyCents: number;
  instalments: { number: number; dueOn: string; amountCents: number }[];
  violations: { rule: string; message: { fr: string; en: string } }[];
  outcome: 'auto-accept' | 'needs-agent' | 'no-capacity' | 'nothing-owed';
  status?: 'active' | 'pending_approval' | null;
  confirmation?: { queued: boolean } | null;
}

function planPage(main: HTMLElement): void {
  const result = status();
  let budget: Record<string, number | null> | null = null;
  const showQuote = (q: Quote, final: boolean) => {
    const outcome = final
      ? (q.status === 'active' ? t('portal.plan.accepted') : q.status === 'pending_approval' ? t('portal.plan.sentToAgent') : t('portal.plan.noCapacity'))
      : label('portal.plan.outcome', q.outcome);
    replace(result,
      h('div', { class: `verdict ${final && q.status === 'active' ? 'ours' : ''}`, role: 'alert', tabindex: '-1' },
        h('p', { class: 'verdict-title' }, outcome),
        h('p', {}, t('portal.plan.capacity', { capacity: money(q.capacityCents), allowance: money(q.livingAllowanceCents) })),
        q.instalments.length ? h('p', {}, t('portal.plan.summary', { count: q.instalments.length, amount: money(q.monthlyCents), first: day(q.instalments[0]!.dueOn) })) : null,
        q.violations.length ? h('ul', {}, q.violations.map((v) => h('li', {}, v.message[locale]))) : null),
      q.instalments.length ? table(t('portal.plan.schedule'), [t('portal.plan.number'), t('portal.case.date'), t('portal.case.amount')],
        q.instalments.map((i) => [String(i.number), day(i.dueOn), money(i.amountCents)])) : null,
      !final && (q.outcome === 'auto-accept' || q.outcome === 'needs-agent')
        ? h('button', { type: 'button', class: 'confirm', onclick: () => void confirm() }, q.outcome === 'auto-accept' ? t('portal.plan.confirm') : t('portal.plan.send'))
        : null,
      q.outcome === 'no-capacity' ? link('/contester', t('portal.plan.declareHardship'), { class: 'button secondary' }) : null,
    );
    result.querySelector<HTMLElement>('.verdict')?.focus();
  };
  const confirm = async () => {
    try {
      showQuote(await api<Quote>('POST', '/api/v1/portal/plan', budget), true);
    } catch (error) {
      showError(result, error);
    }
  };
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.plan.title')),
    h('p', { class: 'lead' }, t('portal.plan.intro')),
    form(async (data) => {
      budget = {
        incomeCents: cents(str(data, 'income')), chargesCents: cents(str(data, 'charges')), adults: Number(str(data, 'adults')),
        children: Number(str(data, 'children') || '0'), wishedMonthlyCents: str(data, 'wished') ? cents(str(data, 'wished')) : null,
      };
      if (Object.values(budget).some((v) => v !== null && !Number.isFinite(v))) {
        replace(result, h('p', { class: 'error', role: 'alert' }, t('portal.plan.invalid')));
        return;
      }
      try {
        showQuote(await api<Quote>('POST', '/api/v1/portal/plan/quote', budget), false);
      } catch (error) {
        showError(result, error);
      }
    },
    field(t('portal.plan.income'), input({ name: 'income', inputmode: 'decimal', required: true, autocomplete: 'off' }), t('portal.plan.incomeHint')),
    field(t('portal.plan.charges'), input({ name: 'charges', inputmode: 'decimal', required: true, autocomplete: 'off' }), t('portal.plan.chargesHint')),
    field(t('portal.plan.adults'), select('adults', [['1', t('portal.plan.adults1')], ['2', t('portal.plan.adults2')]])),
    field(t('portal.plan.children'), input({ name: 'children', type: 'number', min: '0', max: '20', value: '0', inputmode: 'numeric' })),
    field(t('portal.plan.wished'), input({ name: 'wished', inputmode: 'decimal', autocomplete: 'off' }), t('portal.plan.wishedHint')),
    button(t('portal.plan.compute'))),
    result,
  );
}

function disputePage(main: HTMLElement): void {
  const disputeResult = status();
  const docsResult = status();
  const hardshipResult = status();
  const done = (region: HTMLElement, text: string, queued: boolean | null) => {
    replace(region, h('div', { class: 'verdict ours', role: 'alert', tabindex: '-1' }, h('p', { class: 'verdict-title' }, text),
      queued === null ? null : h('p', {}, queued ? t('portal.dispute.ackQueued') : t('portal.dispute.ackLater'))));
    region.querySelector<HTMLElement>('.verdict')?.focus();
  };
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.dispute.title')),
    h('p', { class: 'lead' }, t('portal.dispute.intro')),
    section(t('portal.dispute.disputeTitle'),
      form(async (data, element) => {
        try {
          const files = (element.querySelector<HTMLInputElement>('input[type=file]')?.files) ?? null;
          const evidenceIds: string[] = [];
          for (const file of files ? [...files] : []) {
            const stored = await api<{ id: string }>('POST', `/api/v1/portal/evidence?fileName=${encodeURIComponent(file.name)}`, file, file.type || 'application/octet-stream');
            evidenceIds.push(stored.id);
          }
          const answer = await api<{ acknowledgement: { queued: boolean } | null }>('POST', '/api/v1/portal/disputes', { reason: str(data, 'reason'), details: str(data, 'details'), evidenceIds });
          done(disputeResult, t('portal.dispute.done'), answer.acknowledgement?.queued ?? false);
        } catch (error) {
          showError(disputeResult, error);
        }
      },
      h('fieldset', {}, h('legend', {}, t('portal.dispute.reason')),
        (['not-mine', 'already-paid', 'wrong-amount', 'time-barred', 'other'] as const).map((reason, i) => h('div', { class: 'radio' },
          h('input', { type: 'radio', name: 'reason', value: reason, id: `reason-${reason}`, required: true, checked: i === 0 }),
          h('label', { for: `reason-${reason}` }, t(`portal.dispute.reason.${reason}` as MessageKey))))),
      field(t('portal.dispute.details'), h('textarea', { name: 'details', rows: 4, maxlength: '4000' })),
      field(t('portal.dispute.evidence'), input({ type: 'file', name: 'evidence', accept: 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png', multiple: true }), t('portal.dispute.evidenceHint')),
      button(t('portal.dispute.submit'))),
      disputeResult),
    section(t('portal.dispute.documentsTitle'),
      h('p', {}, t('portal.dispute.documentsIntro')),
      form(async (data) => {
        try {
          const answer = await api<{ acknowledgement: { queued: boolean } | null }>('POST', '/api/v1/portal/documents-request', { details: str(data, 'details') });
          done(docsResult, t('portal.dispute.documentsDone'), answer.acknowledgement?.queued ?? false);
        } catch (error) {
          showError(docsResult, error);
        }
      },
      field(t('portal.dispute.documentsDetails'), h('textarea', { name: 'details', rows: 3, maxlength: '4000' })),
      button(t('portal.dispute.documentsSubmit'))),
      docsResult),
    section(t('portal.dispute.hardshipTitle'),
      h('p', {}, t('portal.dispute.hardshipIntro')),
      form(async (data) => {
        try {
          await api('POST', '/api/v1/portal/hardship', { kind: str(data, 'kind'), details: str(data, 'details'), fileDate: str(data, 'fileDate') || null });
          done(hardshipResult, t('portal.dispute.hardshipDone'), null);
        } catch (error) {
          showError(hardshipResult, error);
        }
      },
      h('fieldset', {}, h('legend', {}, t('portal.dispute.hardshipKind')),
        (['hardship', 'over-indebtedness'] as const).map((kind, i) => h('div', { class: 'radio' },
          h('input', { type: 'radio', name: 'kind', value: kind, id: `kind-${kind}`, checked: i === 0 }),
          h('label', { for: `kind-${kind}` }, t(`portal.dispute.kind.${kind}` as MessageKey))))),
      field(t('portal.dispute.fileDate'), input({ type: 'date', name: 'fileDate' }), t('portal.dispute.fileDateHint')),
      field(t('portal.dispute.details'), h('textarea', { name: 'details', rows: 3, maxlength: '4000' })),
      button(t('portal.dispute.hardshipSubmit'))),
      hardshipResult),
  );
}

async function preferencesPage(main: HTMLElement): Promise<void> {
  const prefs = await api<{ optOut: string[]; quietHours: { from: string; to: string }[]; writtenOnly: boolean }>('GET', '/api/v1/portal/preferences');
  const result = status();
  const check = (name: string, text: string, checked: boolean) => h('div', { class: 'checkbox' },
    h('input', { type: 'checkbox', name, id: `pref-${name}`, checked }), h('label', { for: `pref-${name}` }, text));
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.prefs.title')),
    h('p', { class: 'lead' }, t('portal.prefs.intro')),
    form(async (data) => {
      const optOut = (['call', 'sms', 'email'] as const).filter((c) => data.get(`no-${c}`) === 'on');
      const from = str(data, 'from');
      const to = str(data, 'to');
      try {
        await api('PUT', '/api/v1/portal/preferences', { optOut, writtenOnly: data.get('writtenOnly') === 'on', quietHours: from && to ? [{ from, to }] : [] });
        replace(result, h('p', { class: 'success', role: 'alert' }, t('portal.prefs.saved')));
      } catch (error) {
        showError(result, error);
      }
    },
    h('fieldset', {}, h('legend', {}, t('portal.prefs.channels')),
      check('no-call', t('portal.prefs.stopCalls'), prefs.optOut.includes('call')),
      check('no-sms', t('portal.prefs.noSms'), prefs.optOut.includes('sms')),
      check('no-email', t('portal.prefs.noEmail'), prefs.optOut.includes('email')),
      check('writtenOnly', t('portal.prefs.writtenOnly'), prefs.writtenOnly)),
    h('fieldset', {}, h('legend', {}, t('portal.prefs.quietHours')),
      field(t('portal.prefs.from'), input({ type: 'time', name: 'from', value: prefs.quietHours[0]?.from ?? '' })),
      field(t('portal.prefs.to'), input({ type: 'time', name: 'to', value: prefs.quietHours[0]?.to ?? '' }))),
    button(t('portal.prefs.save')),
    result),
  );
}

async function dataPage(main: HTMLElement): Promise<void> {
  const data = await api<{ identity: { field: string; value: string; source: string }[]; contactPoints: { field: string; value: string; source: string }[] }>('GET', '/api/v1/portal/my-data');
  const result = status();
  const request = (kind: string, title: string, intro: string, extra: Child = null) => section(title,
    h('p', {}, intro),
    form(async (values, element) => {
      try {
        await api('POST', '/api/v1/portal/rights-requests', { kind, details: str(values, 'details'), field: str(values, 'field') || null, correction: str(values, 'correction') || null });
        replace(result, h('p', { class: 'success', role: 'alert' }, t('portal.data.requestSent')));
        element.reset();
      } catch (error) {
        showError(result, error);
      }
    }, extra, field(t('portal.data.details'), h('textarea', { name: 'details', rows: 3, maxlength: '4000', required: true })), button(t('portal.data.send'))));
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.data.title')),
    h('p', { class: 'lead' }, t('portal.data.intro')),
    section(t('portal.data.heldTitle'),
      table(t('portal.data.heldTitle'), [t('portal.data.field'), t('portal.data.value'), t('portal.data.source')],
        [...data.identity, ...data.contactPoints].map((d) => [label('portal.datum', d.field), d.value, d.source])),
      h('div', { class: 'actions' },
        h('a', { href: '/api/v1/portal/my-data', download: 'mes-donnees.json', class: 'button' }, t('portal.data.downloadJson')),
        h('a', { href: `/api/v1/portal/my-data.pdf?locale=${locale}`, download: 'mes-donnees.pdf', class: 'button secondary' }, t('portal.data.downloadPdf')))),
    result,
    request('rectification', t('portal.data.rectifyTitle'), t('portal.data.rectifyIntro'), [
      field(t('portal.data.field'), input({ name: 'field', maxlength: '60' })), field(t('portal.data.correction'), input({ name: 'correction', maxlength: '500' }))]),
    request('erasure', t('portal.data.eraseTitle'), t('portal.data.eraseIntro')),
    request('complaint', t('portal.data.complaintTitle'), t('portal.data.complaintIntro')),
    h('p', { class: 'hint' }, t('portal.data.deadline')),
  );
}

// ---------------------------------------------------------------------------------------------
// Know your rights (public)

const categories = ['telecom', 'energy', 'water', 'consumer_goods_services', 'consumer_credit', 'mortgage', 'rent', 'professional', 'enforceable_title'] as const;

function rightsPage(main: HTMLElement): void {
  const limitationResult = status();
  const callsResult = status();
  const letterResult = status();
  const callRows = h('div', { class: 'calls' });
  let callCount = 0;
  const addCall = () => {
    callCount += 1;
    append(callRows, h('div', { class: 'call' },
      field(t('portal.rights.callAt', { n: callCount }), input({ type: 'datetime-local', name: 'callAt', required: true })),
      h('div', { class: 'checkbox' }, h('input', { type: 'checkbox', name: `answered-${callCount}`, id: `answered-${callCount}` }), h('label', { for: `answered-${callCount}` }, t('portal.rights.answered')))));
  };
  addCall();
  append(main,
    h('h1', { tabindex: '-1' }, t('portal.rights.title')),
    h('p', { class: 'lead' }, t('portal.rights.intro')),
    section(t('portal.rights.limitationTitle'),
      form(async (data) => {
        const category = str(data, 'category');
        const date = str(data, 'dueDate');
        const events = str(data, 'lastEvent') ? [{ type: 'partial_payment', date: str(data, 'lastEvent') }] : [];
        const today = new Date().toISOString().slice(0, 10);
        try {
          const r = await api<{ status: string; expiresOn: string; basis: string; explanation: { fr: string; en: string } }>('POST', '/api/v1/rights/limitation', {
            category, ...(category === 'consumer_credit' ? { firstUnpaidDate: date } : category === 'enforceable_title' ? { titleDate: date } : { dueDate: date }), events, asOf: today,
          });
          replace(limitationResult, h('div', { class: `verdict ${r.status === 'expired' ? 'ours' : ''}`, role: 'alert' },
            h('p', { class: 'verdict-title' }, r.status === 'expired' ? t('portal.rights.expired', { date: day(r.expiresOn) }) : t('portal.rights.running', { date: day(r.expiresOn) })),
            h('p', {}, r.explanation[locale]), h('p', { class: 'hint' }, t('portal.case.limitationBasis', { basis: r.basis }))));
        } catch (error) {
          showError(limitationResult, error);
        }
      },
      field(t('portal.rights.category'), select('category', categories.map((c) => [c, label('portal.category', c)]))),
      field(t('portal.rights.dueDate'), input({ type: 'date', name: 'dueDate', required: true }), t('portal.rights.dueDateHint')),
      field(t('portal.rights.lastEvent'), input({ type: 'date', name: 'lastEvent' }), t('portal.rights.lastEventHint')),
      button(t('portal.rights.check'))),
      limitationResult),
    section(t('portal.rights.callsTitle'),
      h('p', {}, t('portal.rights.callsIntro')),
      form(async (data, element) => {
        const calls = [...element.querySelectorAll<HTMLElement>('.call')].map((row, i) => ({
          at: new Date(row.querySelector<HTMLInputElement>('input[type=datetime-local]')!.value).toISOString(),
          answered: data.get(`answered-${i + 1}`) === 'on',
        }));
        try {
          const r = await api<{ calls: { at: string; allowed: boolean; reasons: { message: { fr: string; en: string }; citation: string }[] }[] }>('POST', '/api/v1/rights/call-pattern', {
            postcode: str(data, 'postcode'), noticeReceivedOn: str(data, 'notice') || null,
            stopRequestedAt: str(data, 'stop') ? new Date(str(data, 'stop')).toISOString() : null, calls,
          });
          replace(callsResult, h('ol', { class: 'verdicts', role: 'alert' }, r.calls.map((c) => h('li', { class: c.allowed ? 'ok' : 'bad' },
            h('strong', {}, dateTime(c.at), ' — ', c.allowed ? t('portal.rights.callOk') : t('portal.rights.callBad')),
            c.allowed ? null : h('ul', {}, c.reasons.map((reason) => h('li', {}, reason.message[locale], ` (${reason.citation})`)))))));
        } catch (error) {
          showError(callsResult, error);
        }
      },
      field(t('portal.rights.postcode'), input({ name: 'postcode', inputmode: 'numeric', pattern: '\\d{5}', required: true, autocomplete: 'postal-code' })),
      field(t('portal.rights.notice'), input({ type: 'date', name: 'notice' }), t('portal.rights.noticeHint')),
      field(t('portal.rights.stop'), input({ type: 'datetime-local', name: 'stop' })),
      callRows,
      h('button', { type: 'button', class: 'secondary', onclick: addCall }, t('portal.rights.addCall')),
      button(t('portal.rights.check'))),
      callsResult),
    section(t('portal.rights.lettersTitle'),
      h('p', {}, t('portal.rights.lettersIntro')),
      form(async (data) => {
        try {
          const pdf = await api<Blob>('POST', '/api/v1/rights/letters', {
            kind: str(data, 'kind'), locale, senderName: str(data, 'senderName'), senderAddress: str(data, 'senderAddress'),
            recipientName: str(data, 'recipientName'), recipientAddress: str(data, 'recipientAddress'), reference: str(data, 'reference') || null, details: str(data, 'details') || null,
          });
          const url = URL.createObjectURL(pdf);
          replace(letterResult, h('p', { class: 'success', role: 'alert' }, t('portal.rights.letterReady'), ' ', h('a', { href: url, download: `lettre-${str(data, 'kind')}.pdf` }, t('portal.rights.download'))));
        } catch (error) {
          showError(letterResult, error);
        }
      },
      field(t('portal.rights.letterKind'), select('kind', (['dispute', 'documents-request', 'gdpr-access', 'erasure', 'stop-calls', 'complaint'] as const).map((k) => [k, t(`portal.letter.${k}` as MessageKey)]))),
      field(t('portal.rights.senderName'), input({ name: 'senderName', required: true, autocomplete: 'name' })),
      field(t('portal.rights.senderAddress'), h('textarea', { name: 'senderAddress', rows: 2, autocomplete: 'street-address' })),
      field(t('portal.rights.recipientName'), input({ name: 'recipientName', required: true })),
      field(t('portal.rights.recipientAddress'), h('textarea', { name: 'recipientAddress', rows: 2 })),
      field(t('portal.rights.reference'), input({ name: 'reference' })),
      field(t('portal.rights.details'), h('textarea', { name: 'details', rows: 3 })),
      button(t('portal.rights.makeLetter'))),
      letterResult),
    section(t('portal.rights.complainTitle'),
      h('ul', { class: 'complain' },
        h('li', {}, h('strong', {}, t('portal.rights.mediator')), ' — ', t('portal.rights.mediatorText')),
        h('li', {}, h('strong', {}, 'SignalConso'), ' — ', t('portal.rights.signalconso'), ' ', h('a', { href: 'https://signal.conso.gouv.fr', rel: 'noopener' }, 'signal.conso.gouv.fr')),
        h('li', {}, h('strong', {}, '33700'), ' — ', t('portal.rights.spam')),
        h('li', {}, h('strong', {}, 'CNIL'), ' — ', t('portal.rights.cnil'), ' ', h('a', { href: 'https://www.cnil.fr/fr/plaintes', rel: 'noopener' }, 'cnil.fr')),
        h('li', {}, h('strong', {}, 'ACPR'), ' — ', t('portal.rights.acpr'), ' ', h('a', { href: 'https://www.abe-infoservice.fr', rel: 'noopener' }, 'abe-infoservice.fr')),
        h('li', {}, h('strong', {}, 'Banque de France'), ' — ', t('portal.rights.bdf'), ' ', h('a', { href: 'https://surendettement.banque-france.fr', rel: 'noopener' }, 'surendettement.banque-france.fr')))),
  );
}

// ---------------------------------------------------------------------------------------------
// Router

const pages: readonly Page[] = [
  { path: '', title: 'portal.home.title', render: homePage },
  { path: '/verifier', title: 'portal.verify.title', render: verifyPage },
  { path: '/connexion', title: 'portal.login.title', render: loginPage },
  { path: '/droits', title: 'portal.rights.title', render: rightsPage },
  { path: '/dossier', title: 'portal.nav.case', render: casePage, auth: true },
  { path: '/payer', title: 'portal.pay.title', render: payPage, auth: true },
  { path: '/echeancier', title: 'portal.plan.title', render: planPage, auth: true },
  { path: '/contester', title: 'portal.dispute.title', render: disputePage, auth: true },
  { path: '/preferences', title: 'portal.prefs.title', render: preferencesPage, auth: true },
  { path: '/donnees', title: 'portal.data.title', render: dataPage, auth: true },
];

let firstRender = true;

async function render(): Promise<void> {
  document.documentElement.lang = locale;
  const path = window.location.pathname.replace(/^\/portail/, '').replace(/\/$/, '');
  const page = pages.find((p) => p.path === path) ?? pages[0]!;
  if (page.auth && !loggedIn()) {
    window.history.replaceState(null, '', `${BASE}/connexion`);
    return render();
  }
  document.title = `${t(page.title, { reference: '' })} · ${t('portal.brand')}`;
  const main = h('main', { id: 'main' });
  replace(root,
    h('a', { href: '#main', class: 'skip' }, t('app.skipToContent')),
    header(page.path), main,
    h('footer', {}, h('p', {}, t('portal.footer'))),
  );
  try {
    await page.render(main);
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) {
      setCsrfToken(null);
      window.history.replaceState(null, '', `${BASE}/connexion`);
      return render();
    }
    append(main, h('p', { class: 'error', role: 'alert' }, errorText(error)));
  }
  // Move focus to the new page's heading after a navigation (not on first load): screen readers announce it.
  if (!firstRender) main.querySelector<HTMLElement>('h1')?.focus();
  firstRender = false;
}

void render();
