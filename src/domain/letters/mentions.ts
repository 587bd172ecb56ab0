/**
 * The mentions a message must carry, as named slots. Each has its source, and whether omitting it is
 * an offence: R124-7 makes every missing R124-4 mention a 5th-class contravention (LEGAL_RULES.md 3e).
 */
export const mentionIds = [
  'collector-identity', 'collector-activity', 'creditor-identity', 'claim-basis', 'claim-amounts', 'payment-demand',
  'l111-8-text', 'letter-reference', 'gdpr-notice', 'portal-access', 'callback-number', 'complaint-channels',
  'notice-reference', 'verification-code',
] as const;
export type MentionId = (typeof mentionIds)[number];

export interface MentionSpec {
  readonly id: MentionId;
  /** True for the mentions R124-4 lists (R124-7 makes omitting one an offence). */
  readonly r1244: boolean;
  readonly source: string;
  readonly label: { readonly fr: string; readonly en: string };
}

export const mentions: Readonly<Record<MentionId, MentionSpec>> = {
  'collector-identity': {
    id: 'collector-identity', r1244: true, source: 'CPCE-exéc R124-4 1°',
    label: { fr: 'nom ou dénomination et adresse de la personne chargée du recouvrement', en: 'name and address of the collector' },
  },
  'collector-activity': {
    id: 'collector-activity', r1244: true, source: 'CPCE-exéc R124-4 1°',
    label: { fr: 'indication qu\'elle exerce une activité de recouvrement amiable', en: 'statement that it carries out amicable debt collection' },
  },
  'creditor-identity': {
    id: 'creditor-identity', r1244: true, source: 'CPCE-exéc R124-4 2°',
    label: { fr: 'nom ou dénomination et adresse du créancier', en: 'name and address of the creditor' },
  },
  'claim-basis': {
    id: 'claim-basis', r1244: true, source: 'CPCE-exéc R124-4 3°',
    label: { fr: 'fondement de la créance', en: 'basis of the claim' },
  },
  'claim-amounts': {
    id: 'claim-amounts', r1244: true, source: 'CPCE-exéc R124-4 3°',
    label: { fr: 'montant en principal, intérêts et autres accessoires, distingués', en: 'amount in principal, interest and other accessories, shown separately' },
  },
  'payment-demand': {
    id: 'payment-demand', r1244: true, source: 'CPCE-exéc R124-4 4°',
    label: { fr: 'sommation de payer et modalités de paiement', en: 'demand to pay and payment terms' },
  },
  'l111-8-text': {
    id: 'l111-8-text', r1244: true, source: 'CPCE-exéc R124-4 5° (L111-8 al. 2 et 3)',
    label: { fr: 'reproduction des alinéas 2 et 3 de l\'article L111-8', en: 'verbatim paragraphs 2 and 3 of L111-8' },
  },
  'letter-reference': {
    id: 'letter-reference', r1244: true, source: 'CPCE-exéc R124-4, dernier alinéa',
    label: { fr: 'références et date de la lettre', en: 'reference and date of the letter' },
  },
  'gdpr-notice': {
    id: 'gdpr-notice', r1244: false, source: 'RGPD art. 14 (dont 14(2)(f), source des données)',
    label: { fr: 'information sur les données personnelles et leur source', en: 'personal-data notice with the source of the data' },
  },
  'portal-access': {
    id: 'portal-access', r1244: false, source: 'Amiable policy (issue #5): the debtor can check every claim on the portal',
    label: { fr: 'adresse de l\'espace personnel et code d\'accès', en: 'portal address and access code' },
  },
  'callback-number': {
    id: 'callback-number', r1244: false, source: 'C. conso L121-2 (DGCCRF: numéros surtaxés); LEGAL_RULES.md 8d',
    label: { fr: 'numéro de rappel officiel (géographique ou gratuit)', en: 'official callback number (geographic or free)' },
  },
  'complaint-channels': {
    id: 'complaint-channels', r1244: false, source: 'Amiable policy; LEGAL_RULES.md 11a (SignalConso, CNIL, médiateur, ACPR)',
    label: { fr: 'voies de réclamation', en: 'complaint channels' },
  },
  'notice-reference': {
    id: 'notice-reference', r1244: false, source: 'CPCE-exéc R124-4, dernier alinéa',
    label: { fr: 'rappel des références et de la date de la première lettre', en: 'reference and date of the first letter' },
  },
  'verification-code': {
    id: 'verification-code', r1244: false, source: 'Amiable policy (issues #5, #8): every SMS and e-mail can be checked on the portal',
    label: { fr: 'code de vérification du message', en: 'message verification code' },
  },
};

/** The R124-4 mentions, in the article's order. */
export const r1244Mentions: readonly MentionId[] = mentionIds.filter((id) => mentions[id].r1244);
