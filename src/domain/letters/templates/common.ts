/** Blocks shared by every template: identities, the legal texts, the payment block, the footers. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { addCents, type Cents } from '../../money/index.ts';
import { addDays, parseCivilDate } from '../../time/index.ts';
import type { Block, EmailDocument, LetterDocument, SmsDocument } from '../document.ts';
import { epcPayload } from '../epc-payload.ts';
import { formatAmount, formatDate, type Locale } from '../format.ts';
import { L111_8_ENGLISH, L111_8_PARAGRAPHS } from '../legal-texts.ts';
import { formatRfReference } from '../rf-reference.ts';
import type { AgencyProfile, TemplateContext } from './context.ts';

/** Days given to pay after the letter's date; a policy, stated on the letter. */
export const PAYMENT_TERM_DAYS = 15;

export const tr = (locale: Locale, fr: string, en: string): string => (locale === 'fr' ? fr : en);

export function nationalPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

export function claimTotal(ctx: TemplateContext): Cents {
  return addCents(ctx.claim.principal, ctx.claim.interest, ctx.claim.accessories);
}

export function portalHost(agency: AgencyProfile): string {
  return new URL(agency.portalUrl).host;
}

export function agencyFullName(agency: AgencyProfile): string {
  return `${agency.name} ${agency.legalForm}`.trim();
}

export function paymentDeadline(ctx: TemplateContext): string {
  return addDays(parseCivilDate(ctx.date), PAYMENT_TERM_DAYS);
}

/** The frame every letter shares: sender, recipient window, date line and the footer. */
export function letterFrame(ctx: TemplateContext, template: string, title: string, blocks: readonly Block[]): LetterDocument {
  const { agency, locale } = ctx;
  return {
    channel: 'letter', template, locale, title,
    sender: [agencyFullName(agency), ...agency.addressLines, `${agency.postcode} ${agency.city}`, `${tr(locale, 'Tél.', 'Phone')} ${nationalPhone(agency.phone)}`],
    recipient: [ctx.debtor.displayName, ...ctx.debtor.postalLines],
    dateLine: tr(locale, `${agency.city}, le ${formatDate(ctx.date, locale)}`, `${agency.city}, ${formatDate(ctx.date, locale)}`),
    blocks,
    footer: `${agencyFullName(agency)} · ${agency.registration} · ${tr(locale, 'réf.', 'ref.')} ${ctx.reference}`,
  };
}

export function collectorBlock(ctx: TemplateContext): Block {
  const a = ctx.agency;
  const address = [...a.addressLines, `${a.postcode} ${a.city}`].join(', ');
  return {
    kind: 'paragraph', mentions: ['collector-identity', 'collector-activity'],
    text: tr(ctx.locale,
      `${agencyFullName(a)} (${a.registration}), ${address}, exerce une activité de recouvrement amiable de créances pour le compte de tiers.`,
      `${agencyFullName(a)} (${a.registration}), ${address}, carries out amicable debt collection (recouvrement amiable) on behalf of third parties.`),
  };
}

export function creditorBlock(ctx: TemplateContext): Block {
  const c = ctx.creditor;
  const address = [...c.addressLines, `${c.postcode} ${c.city}`].join(', ');
  return {
    kind: 'paragraph', mentions: ['creditor-identity'],
    text: tr(ctx.locale, `Nous agissons pour le compte de votre créancier : ${c.legalName}, ${address}.`, `We act for your creditor: ${c.legalName}, ${address}.`),
  };
}

/** The basis of the claim: absent when the case does not know it, so the linter refuses the letter. */
export function basisBlock(ctx: TemplateContext): Block | null {
  const { claim, locale } = ctx;
  if (!claim.basisRef || !claim.basisDate) return null;
  return {
    kind: 'fields', mentions: ['claim-basis'],
    rows: [
      { label: tr(locale, 'Fondement de la créance :', 'Basis of the claim:'), value: tr(locale, `contrat n° ${claim.basisRef} du ${formatDate(claim.basisDate, locale)}`, `contract no. ${claim.basisRef} of ${formatDate(claim.basisDate, locale)}`) },
      { label: tr(locale, 'Référence chez le créancier :', 'Creditor\'s reference:'), value: claim.creditorReference },
      { label: tr(locale, 'Date d\'exigibilité :', 'Due date:'), value: formatDate(claim.dueDate, locale) },
    ],
  };
}

export function amountsBlock(ctx: TemplateContext): Block {
  const { claim, locale } = ctx;
  const row = (label: string, part: 'principal' | 'interest' | 'accessories' | 'total', amount: Cents) => ({ label, part, amount, text: formatAmount(amount, locale) });
  return {
    kind: 'amounts', mentions: ['claim-amounts'],
    rows: [
      row(tr(locale, 'Principal', 'Principal'), 'principal', claim.principal),
      row(tr(locale, 'Intérêts', 'Interest'), 'interest', claim.interest),
      row(tr(locale, 'Autres accessoires', 'Other accessories'), 'accessories', claim.accessories),
      row(tr(locale, 'Total dû', 'Total due'), 'total', claimTotal(ctx)),
    ],
  };
}

export function noFeesBlock(ctx: TemplateContext): Block {
  return {
    kind: 'paragraph', small: true,
    text: tr(ctx.locale,
      'Aucun frais de recouvrement ne vous est réclamé : ils restent à la charge du créancier (article L111-8 du code des procédures civiles d\'exécution, reproduit ci-dessous).',
      'No collection costs are claimed from you: they remain payable by the creditor (article L111-8 of the French code of civil enforcement procedures, reproduced below).'),
  };
}

export function demandBlock(ctx: TemplateContext, amount: Cents): Block {
  const { locale } = ctx;
  const deadline = formatDate(paymentDeadline(ctx), locale);
  return {
    kind: 'paragraph', mentions: ['payment-demand'],
    text: tr(locale,
      `Nous vous demandons de régler la somme de ${formatAmount(amount, locale)} au plus tard le ${deadline}. Vous pouvez payer par virement sur le compte ci-dessous en indiquant la référence ${formatRfReference(ctx.claim.rfReference)} (ou en scannant le code QR avec votre application bancaire), ou par carte sur votre espace personnel. Si vous ne pouvez pas tout payer en une fois, proposez un échéancier sur votre espace personnel ou appelez-nous : nous chercherons une solution adaptée à votre budget.`,
      `Please pay ${formatAmount(amount, locale)} by ${deadline}. You can pay by bank transfer to the account below quoting the reference ${formatRfReference(ctx.claim.rfReference)} (or by scanning the QR code with your banking app), or by card on your personal portal. If you cannot pay everything at once, propose a payment plan on the portal or call us: we will look for a solution that fits your budget.`),
  };
}

export function paymentBlock(ctx: TemplateContext, amount: Cents): Block {
  const { agency, locale } = ctx;
  return {
    kind: 'payment',
    lines: [
      { label: tr(locale, 'Bénéficiaire', 'Beneficiary'), value: agency.accountHolder },
      { label: 'IBAN', value: agency.iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ') },
      { label: 'BIC', value: agency.bic },
      { label: tr(locale, 'Référence à indiquer', 'Reference to quote'), value: formatRfReference(ctx.claim.rfReference) },
      { label: tr(locale, 'Montant', 'Amount'), value: formatAmount(amount, locale) },
    ],
    epcPayload: epcPayload({
      bic: agency.bic, beneficiaryName: agency.accountHolder, iban: agency.iban, amountCents: amount, rfReference: ctx.claim.rfReference,
      note: `${tr(locale, 'Dossier', 'Case')} ${ctx.claim.creditorReference}`.slice(0, 70),
    }),
    caption: tr(locale,
      'Compte dédié aux fonds encaissés pour le compte des créanciers (article R124-2). Scannez ce code avec votre application bancaire.',
      'Account used only for funds collected on behalf of creditors (article R124-2). Scan this code with your banking app.'),
  };
}

export function l1118Blocks(ctx: TemplateContext): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: 'Article L111-8 du code des procédures civiles d\'exécution (alinéas 2 et 3)' },
    ...L111_8_PARAGRAPHS.map((text): Block => ({ kind: 'paragraph', text, fixed: true, mentions: ['l111-8-text'] })),
  ];
  if (ctx.locale === 'en') {
    blocks.push({ kind: 'paragraph', text: 'Unofficial English translation:', small: true });
    blocks.push(...L111_8_ENGLISH.map((text): Block => ({ kind: 'paragraph', text, fixed: true, small: true })));
  }
  return blocks;
}

export function referenceBlock(ctx: TemplateContext): Block {
  const { locale } = ctx;
  return {
    kind: 'fields', mentions: ['letter-reference'],
    rows: [
      { label: tr(locale, 'Référence de ce courrier :', 'Reference of this letter:'), value: ctx.reference },
      { label: tr(locale, 'Date de ce courrier :', 'Date of this letter:'), value: formatDate(ctx.date, locale) },
      { label: tr(locale, 'Votre dossier :', 'Your case:'), value: ctx.claim.creditorReference },
    ],
  };
}

/** Every later message quotes the first letter (R124-4, last paragraph). */
export function noticeReferenceText(ctx: TemplateContext): string | null {
  if (!ctx.firstLetter) return null;
  return tr(ctx.locale,
    `Suite à notre courrier réf. ${ctx.firstLetter.reference} du ${formatDate(ctx.firstLetter.date, ctx.locale)}.`,
    `Further to our letter ref. ${ctx.firstLetter.reference} of ${formatDate(ctx.firstLetter.date, ctx.locale)}.`);
}

export function noticeReferenceBlock(ctx: TemplateContext): Block | null {
  const text = noticeReferenceText(ctx);
  return text === null ? null : { kind: 'paragraph', text, mentions: ['notice-reference'] };
}

export function gdprBlock(ctx: TemplateContext): Block {
  const { agency, locale, creditor } = ctx;
  const sources = ctx.dataSources.length > 0
    ? ctx.dataSources.map((s) => tr(locale, `${s.label} (reçu le ${formatDate(s.date, locale)})`, `${s.label} (received ${formatDate(s.date, locale)})`)).join(' ; ')
    : tr(locale, `${creditor.legalName}, votre créancier`, `${creditor.legalName}, your creditor`);
  return {
    kind: 'paragraph', small: true, mentions: ['gdpr-notice'],
    text: tr(locale,
      `Vos données personnelles. ${agencyFullName(agency)} traite vos données (identité, coordonnées, informations sur la créance) pour recouvrer cette créance à l'amiable pour le compte de ${creditor.legalName}, sur le fondement de l'intérêt légitime du créancier (RGPD art. 6(1)(f)). Source des données : ${sources}. Destinataires : le créancier et nos prestataires d'impression et d'envoi. Durée de conservation : jusqu'à la clôture du dossier, puis archivage pendant la durée de prescription applicable. Vous pouvez accéder à vos données, les faire rectifier, vous opposer au traitement, en demander la limitation ou l'effacement sur votre espace personnel ou auprès de notre délégué à la protection des données : ${agency.dpoContact}. Vous pouvez introduire une réclamation auprès de la CNIL.`,
      `Your personal data. ${agencyFullName(agency)} processes your data (identity, contact details, information on the claim) to collect this claim amicably on behalf of ${creditor.legalName}, on the basis of the creditor's legitimate interest (GDPR Art. 6(1)(f)). Source of the data: ${sources}. Recipients: the creditor and our printing and mailing providers. Retention: until the case is closed, then archived for the applicable limitation period. You can access, rectify, object to, restrict or ask to erase your data on your personal portal or from our data-protection officer: ${agency.dpoContact}. You can lodge a complaint with the CNIL (the French data-protection authority).`),
  };
}

export function portalBlock(ctx: TemplateContext): Block {
  const { agency, locale } = ctx;
  const code = ctx.accessCode ?? '';
  return {
    kind: 'paragraph', mentions: code ? ['portal-access'] : [],
    text: tr(locale,
      `Votre espace personnel : ${agency.portalUrl} — connectez-vous avec la référence de dossier ${ctx.claim.creditorReference}, votre date de naissance et votre code d'accès personnel : ${code}. Vous y verrez le détail de la créance, pourrez payer, proposer un échéancier, contester ou demander des justificatifs.`,
      `Your personal portal: ${agency.portalUrl} — log in with the case reference ${ctx.claim.creditorReference}, your date of birth and your personal access code: ${code}. There you can see the details of the claim, pay, propose a payment plan, dispute it or ask for documents.`),
  };
}

export function callbackBlock(ctx: TemplateContext): Block {
  const { agency, locale } = ctx;
  return {
    kind: 'paragraph', mentions: ['callback-number'],
    text: tr(locale,
      `Pour nous joindre : ${nationalPhone(agency.phone)} (appel non surtaxé), du lundi au vendredi de 9 h à 18 h. Nous ne vous demanderons jamais vos coordonnées bancaires par téléphone ou par SMS.`,
      `To reach us: ${nationalPhone(agency.phone)} (standard rate), Monday to Friday, 9 am to 6 pm. We will never ask for your bank card details by phone or text message.`),
  };
}

export function complaintsText(ctx: TemplateContext): string {
  const { agency, locale, creditor } = ctx;
  const acpr = creditor.isCreditInstitution
    ? tr(locale, ' Votre créancier étant un établissement de crédit, vous pouvez aussi informer l\'ACPR (Assurance Banque Épargne Info Service).', ' As your creditor is a credit institution, you may also inform the ACPR (Assurance Banque Épargne Info Service).')
    : '';
  return tr(locale,
    `Réclamations : notre service réclamations (${agency.complaintsEmail}) vous répond sous deux mois ; en cas de désaccord, vous pouvez saisir gratuitement le médiateur de la consommation : ${agency.mediator}. Vous pouvez signaler une pratique abusive à la DGCCRF sur SignalConso et saisir la CNIL pour vos données.${acpr}`,
    `Complaints: our complaints service (${agency.complaintsEmail}) answers within two months; if you disagree, you can refer the matter free of charge to the consumer mediator: ${agency.mediator}. You can report an abusive practice to the DGCCRF on SignalConso and complain to the CNIL about your data.${acpr}`);
}

export function complaintsBlock(ctx: TemplateContext): Block {
  return { kind: 'paragraph', small: true, mentions: ['complaint-channels'], text: complaintsText(ctx) };
}

export function signatureBlock(ctx: TemplateContext): Block {
  return {
    kind: 'paragraph',
    text: tr(ctx.locale,
      `Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n${agencyFullName(ctx.agency)} — service recouvrement amiable`,
      `Yours faithfully,\n${agencyFullName(ctx.agency)} — amicable collection department`),
  };
}

export const compact = (blocks: readonly (Block | null)[]): Block[] => blocks.filter((b): b is Block => b !== null);

function verificationText(ctx: TemplateContext): string {
  return tr(ctx.locale,
    `Code de vérification de ce message : ${ctx.verificationCode ?? ''} (vérifiez-le sur ${ctx.agency.portalUrl}).`,
    `Verification code of this message: ${ctx.verificationCode ?? ''} (check it on ${ctx.agency.portalUrl}).`);
}

/** An e-mail: greeting, the first letter's reference, the body, the portal and verification code, complaints. */
export function emailFrame(ctx: TemplateContext, template: string, subject: string, body: readonly string[]): EmailDocument {
  const notice = noticeReferenceText(ctx);
  return {
    channel: 'email', template, locale: ctx.locale, subject: `${subject} — ${ctx.claim.creditorReference}`,
    paragraphs: [
      { text: tr(ctx.locale, 'Madame, Monsieur,', 'Dear Sir or Madam,') },
      ...(notice ? [{ text: notice, mentions: ['notice-reference' as const] }] : []),
      ...body.map((text) => ({ text })),
      { text: tr(ctx.locale, `Votre espace personnel : ${ctx.agency.portalUrl}`, `Your personal portal: ${ctx.agency.portalUrl}`) },
      ...(ctx.verificationCode ? [{ text: verificationText(ctx), mentions: ['verification-code' as const] }] : []),
      { text: `${tr(ctx.locale, 'Pour nous joindre', 'To reach us')} : ${nationalPhone(ctx.agency.phone)}. ${complaintsText(ctx)}`, mentions: ['complaint-channels' as const, 'callback-number' as const] },
      { text: `${agencyFullName(ctx.agency)} — ${tr(ctx.locale, 'recouvrement amiable', 'amicable debt collection')}` },
    ],
  };
}

/** An SMS: who we are, the first letter's reference, the body, the portal and the verification code. */
export function smsFrame(ctx: TemplateContext, template: string, body: string): SmsDocument {
  const first = ctx.firstLetter;
  const notice = first ? tr(ctx.locale, `Courrier ${first.reference} du ${formatDate(first.date, ctx.locale)}.`, `Letter ${first.reference} of ${formatDate(first.date, ctx.locale)}.`) : '';
  const code = ctx.verificationCode ? tr(ctx.locale, ` Code de vérification : ${ctx.verificationCode}`, ` Verification code: ${ctx.verificationCode}`) : '';
  return {
    channel: 'sms', template, locale: ctx.locale,
    text: `${ctx.agency.name} : ${notice} ${body} ${ctx.agency.portalUrl}${code}`.replace(/ {2,}/g, ' '),
    mentions: [...(first ? ['notice-reference' as const] : []), ...(ctx.verificationCode ? ['verification-code' as const] : [])],
  };
}

/**
 * The common shape of an information message: reference, the first letter's reference, a few
 * paragraphs, how to reach us, signature and complaint channels — as a letter, an e-mail or an SMS.
 */
export function informationMessage(
  ctx: TemplateContext,
  template: string,
  channel: 'letter' | 'sms' | 'email',
  content: { readonly title: string; readonly body: readonly string[]; readonly extra?: readonly Block[] },
): LetterDocument | EmailDocument | SmsDocument {
  switch (channel) {
    case 'letter':
      return letterFrame(ctx, template, content.title, compact([
        referenceBlock(ctx), noticeReferenceBlock(ctx), ...content.body.map((text): Block => ({ kind: 'paragraph', text })), ...(content.extra ?? []),
        callbackBlock(ctx), signatureBlock(ctx), complaintsBlock(ctx),
      ]));
    case 'email':
      return emailFrame(ctx, template, content.title, content.body);
    case 'sms':
      return smsFrame(ctx, template, content.body.join(' '));
  }
}
