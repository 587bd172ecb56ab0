/**
 * The template linter, run before every render and every send. It reads the finished document — the
 * words the debtor will read — and refuses it when a mention the law requires is missing or wrong,
 * when it passes amicable collection off as judicial, quotes a premium-rate number, links anywhere but
 * the portal, or forgets the first letter's reference. Every finding names its rule and its source.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { addCents, cents } from '../money/index.ts';
import { documentParts, type Block, type MessageDocument } from './document.ts';
import { epcPayload } from './epc-payload.ts';
import { formatDate, type Locale } from './format.ts';
import { L111_8_PARAGRAPHS } from './legal-texts.ts';
import { mentions, r1244Mentions, type MentionId } from './mentions.ts';
import type { SenderRole, TemplateContext } from './templates/context.ts';
import type { TemplateSpec } from './templates/template.ts';

export const lintRuleIds = [
  'r124-4-mention', 'required-mention', 'notice-reference', 'misleading-wording', 'premium-rate-number', 'callback-number-type',
  'link-not-portal', 'collection-fees', 'payment-block', 'time-barred-demand',
] as const;
export type LintRuleId = (typeof lintRuleIds)[number];

export interface LintFinding {
  readonly rule: LintRuleId;
  /** The article or policy the rule enforces. */
  readonly source: string;
  readonly mention?: MentionId;
  readonly message: { readonly fr: string; readonly en: string };
}

export const lintRuleSources: Readonly<Record<LintRuleId, string>> = {
  'r124-4-mention': 'CPCE-exéc R124-4; R124-7 (each omission is a 5th-class contravention)',
  'required-mention': 'see the mention\'s own source',
  'notice-reference': 'CPCE-exéc R124-4, last paragraph',
  'misleading-wording': 'C. conso L121-2 and L132-2 (misleading practices); DGCCRF surveys 2020 and 2022; LEGAL_RULES.md 8d, 7e',
  'premium-rate-number': 'C. conso L121-2; DGCCRF (premium-rate numbers); LEGAL_RULES.md 8d',
  'callback-number-type': 'LEGAL_RULES.md 8d: the callback number is a standard geographic or free number',
  'link-not-portal': 'Amiable policy: SMS and e-mails link only to the portal, never to shorteners (signs of a scam, issue #8)',
  'collection-fees': 'CPCE-exéc L111-8 al. 2; R124-4 3° (fees left to the creditor are not claimed)',
  'payment-block': 'CPCE-exéc R124-2 (dedicated account); EPC069-12; ISO 11649',
  'time-barred-demand': 'C. conso L121-2 (DGCCRF: collecting prescribed debts is misleading); LEGAL_RULES.md row 4',
};

export interface LintContext {
  readonly template: TemplateSpec;
  readonly context: TemplateContext;
}

/** Terms that suggest judicial or forced collection, and the role that would make them true. */
interface WordingRule {
  readonly pattern: RegExp;
  readonly term: string;
  readonly allowedWhen: (role: { sender: SenderRole; creditorIsCreditInstitution: boolean }) => boolean;
  readonly why: { readonly fr: string; readonly en: string };
}

const judicialOfficer = (r: { sender: SenderRole }) => r.sender === 'commissaire_de_justice';
const never = () => false;
const creditInstitution = (r: { creditorIsCreditInstitution: boolean }) => r.creditorIsCreditInstitution;

const pretendsJudicial = { fr: 'laisse croire à une procédure judiciaire ou à un officier public', en: 'suggests a court procedure or a judicial officer' };
const threatens = { fr: 'évoque une exécution forcée impossible sans titre exécutoire', en: 'evokes enforcement that requires an enforceable title' };
const ficp = { fr: 'seul un établissement de crédit peut déclarer un incident au FICP', en: 'only a credit institution may report to the Banque de France register (FICP)' };

const wordingRules: readonly WordingRule[] = [
  { term: 'huissier', pattern: /\bhuissiers?\b/iu, allowedWhen: judicialOfficer, why: pretendsJudicial },
  { term: 'commissaire de justice', pattern: /\bcommissaires? de justice\b/iu, allowedWhen: judicialOfficer, why: pretendsJudicial },
  { term: 'bailiff', pattern: /\bbailiffs?\b/iu, allowedWhen: judicialOfficer, why: pretendsJudicial },
  { term: 'enforcement officer', pattern: /\benforcement officers?\b/iu, allowedWhen: judicialOfficer, why: pretendsJudicial },
  // Amicable collection never seizes, even by a commissaire de justice: that needs a title and a separate act.
  { term: 'saisie', pattern: /\bsaisies?(?:-[a-zé]+)?\b/iu, allowedWhen: never, why: threatens },
  { term: 'seizure', pattern: /\b(?:seizures?|seize[ds]?|garnish(?:ment|ee)?)\b/iu, allowedWhen: never, why: threatens },
  { term: 'injonction', pattern: /\binjonctions?\b/iu, allowedWhen: never, why: pretendsJudicial },
  { term: 'court order', pattern: /\bcourt orders?\b/iu, allowedWhen: never, why: pretendsJudicial },
  { term: 'tribunal', pattern: /\btribun(?:al|aux)\b/iu, allowedWhen: never, why: pretendsJudicial },
  { term: 'court', pattern: /\b(?:courts?|lawsuits?|legal action)\b/iu, allowedWhen: never, why: pretendsJudicial },
  { term: 'contentieux', pattern: /\bcontentieux\b/iu, allowedWhen: never, why: pretendsJudicial },
  { term: 'litigation', pattern: /\blitigation\b/iu, allowedWhen: never, why: pretendsJudicial },
  { term: 'poursuites', pattern: /\bpoursuites?\b/iu, allowedWhen: never, why: pretendsJudicial },
  { term: 'fichage Banque de France', pattern: /\b(?:fichage|fiché(?:e|s)?|FICP)\b/iu, allowedWhen: creditInstitution, why: ficp },
  { term: 'blacklist', pattern: /\b(?:blacklist(?:ed|ing)?|credit register)\b/iu, allowedWhen: creditInstitution, why: ficp },
];

const shorteners = ['bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'cutt.ly', 'rebrand.ly', 'shorturl.at', 'tiny.cc', 'lnkd.in'];
/** Explicit URLs, then bare host names (www.example.fr/path); e-mail addresses are not links. */
const linkPattern = /\bhttps?:\/\/[^\s<>"')]+|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:\/[^\s<>"')]*)?/giu;

const finding = (rule: LintRuleId, message: { fr: string; en: string }, mention?: MentionId, source?: string): LintFinding => ({
  rule, source: source ?? lintRuleSources[rule], message, ...(mention ? { mention } : {}),
});

function requiredMentions(spec: TemplateSpec, channel: MessageDocument['channel']): MentionId[] {
  if (spec.firstLetter) return [...r1244Mentions, 'gdpr-notice', 'portal-access', 'callback-number', 'complaint-channels'];
  switch (channel) {
    case 'letter':
      return ['notice-reference', 'callback-number', 'complaint-channels'];
    case 'email':
      return ['notice-reference', 'verification-code', 'complaint-channels'];
    case 'sms':
      return ['notice-reference', 'verification-code'];
  }
}

/**
 * Candidate phone numbers: runs of 9 to 15 digits, possibly with a leading + or a (0) and separated
 * by spaces, dots or dashes. Only these are handed to libphonenumber's scanner, which is slow on whole
 * pages of text; what it does not recognise as a number is ignored, as before.
 */
const phoneCandidate = /\+?(?:\(0\))?\d(?:[ .\u00A0-]?\d){8,14}/gu;
function phoneNumbersIn(text: string) {
  return [...text.matchAll(phoneCandidate)].flatMap((match) => findPhoneNumbersInText(match[0], { defaultCountry: 'FR' }));
}

/**
 * The account number, references and codes printed on a message are runs of digits in groups too; a
 * random RF reference such as `RF45 0812 3456…` must not read as a shared-cost number, so they are
 * blanked out before the scan.
 */
function withoutIdentifiers(text: string, ctx: TemplateContext): string {
  const spaced = (value: string) => value.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
  const identifiers = [
    ctx.agency.iban, ctx.claim.rfReference, ctx.reference, ctx.firstLetter?.reference, ctx.accessCode, ctx.verificationCode,
    ctx.claim.creditorReference, ctx.claim.basisRef, ctx.certificate?.verificationCode, ctx.payment?.receiptNumber,
  ].filter((value): value is string => Boolean(value));
  let result = text;
  for (const identifier of identifiers) {
    for (const form of new Set([identifier, identifier.replace(/\s/g, ''), spaced(identifier)])) result = result.split(form).join(' ');
  }
  return result;
}

const includesAll = (text: string, needles: readonly string[]) => needles.every((n) => n.length > 0 && text.includes(n));

/** Does the text the document gives for a mention actually say what the mention requires? */
function mentionSatisfied(id: MentionId, text: string, blocks: readonly Block[], ctx: TemplateContext, locale: Locale): boolean {
  const { agency, creditor, claim } = ctx;
  switch (id) {
    case 'collector-identity':
      return includesAll(text, [agency.name, agency.postcode, agency.city]);
    case 'collector-activity':
      return /recouvrement amiable|amicable debt collection/iu.test(text);
    case 'creditor-identity':
      return includesAll(text, [creditor.legalName, creditor.postcode, creditor.city]);
    case 'claim-basis':
      return claim.basisRef !== null && claim.basisDate !== null && includesAll(text, [claim.basisRef, formatDate(claim.basisDate, locale)]);
    case 'claim-amounts': {
      const rows = blocks.flatMap((b) => (b.kind === 'amounts' ? b.rows : []));
      const part = (p: string) => rows.filter((r) => r.part === p);
      const [principal, interest, accessories, total] = [part('principal'), part('interest'), part('accessories'), part('total')];
      return principal.length === 1 && interest.length === 1 && accessories.length === 1 && total.length === 1
        && principal[0]!.amount === claim.principal && interest[0]!.amount === claim.interest && accessories[0]!.amount === claim.accessories
        && total[0]!.amount === addCents(principal[0]!.amount, interest[0]!.amount, accessories[0]!.amount);
    }
    case 'payment-demand':
      return text.trim().length > 0;
    case 'l111-8-text': {
      const fixed = blocks.filter((b) => b.kind === 'paragraph' && b.fixed === true && b.mentions?.includes('l111-8-text'));
      return fixed.length === 2 && fixed.every((b, i) => b.kind === 'paragraph' && b.text === L111_8_PARAGRAPHS[i]);
    }
    case 'letter-reference':
      return includesAll(text, [ctx.reference, formatDate(ctx.date, locale)]);
    case 'gdpr-notice':
      return includesAll(text, [agency.dpoContact, 'CNIL', ...ctx.dataSources.map((s) => s.label)]);
    case 'portal-access':
      return ctx.accessCode !== null && includesAll(text, [agency.portalUrl, ctx.accessCode]);
    case 'callback-number':
      return phoneNumbersIn(text).some((found) => found.number.number === agency.phone);
    case 'complaint-channels':
      return includesAll(text, ['SignalConso', 'CNIL']) && (creditor.isCreditInstitution ? text.includes('ACPR') : true)
        && (text.includes(agency.complaintsEmail) || text.includes(agency.portalUrl));
    case 'notice-reference':
      return ctx.firstLetter !== null && includesAll(text, [ctx.firstLetter.reference, formatDate(ctx.firstLetter.date, locale)]);
    case 'verification-code':
      return ctx.verificationCode !== null && text.includes(ctx.verificationCode);
  }
}

export function lintDocument(document: MessageDocument, { template, context }: LintContext): LintFinding[] {
  const findings: LintFinding[] = [];
  const parts = documentParts(document);
  const blocks = document.channel === 'letter' ? document.blocks : [];
  const locale = document.locale;

  // 1. Mentions: each required one present and saying what it must.
  for (const id of requiredMentions(template, document.channel)) {
    const text = parts.filter((p) => p.mentions.includes(id)).map((p) => p.text).join('\n');
    const spec = mentions[id];
    if (text.length > 0 && mentionSatisfied(id, text, blocks.filter((b) => b.mentions?.includes(id)), context, locale)) continue;
    const rule: LintRuleId = spec.r1244 ? 'r124-4-mention' : id === 'notice-reference' ? 'notice-reference' : 'required-mention';
    const what = text.length > 0 ? { fr: 'incomplète ou inexacte', en: 'incomplete or wrong' } : { fr: 'absente', en: 'missing' };
    findings.push(finding(rule, {
      fr: `Mention ${what.fr} : ${spec.label.fr} (${spec.source}).`,
      en: `Mention ${what.en}: ${spec.label.en} (${spec.source}).`,
    }, id, spec.r1244 ? `${spec.source}; R124-7` : spec.source));
  }

  const editable = parts.filter((p) => !p.fixed).map((p) => p.text).join('\n');
  const role = { sender: context.agency.role, creditorIsCreditInstitution: context.creditor.isCreditInstitution };

  // 2. Wording that passes amicable collection off as judicial or threatening.
  for (const rule of wordingRules) {
    if (rule.pattern.test(editable) && !rule.allowedWhen(role)) {
      findings.push(finding('misleading-wording', {
        fr: `Terme interdit « ${rule.term} » : ${rule.why.fr}.`,
        en: `Forbidden term "${rule.term}": ${rule.why.en}.`,
      }));
    }
  }

  // 3. Phone numbers: never premium rate or shared cost; the callback number geographic or free.
  for (const found of phoneNumbersIn(withoutIdentifiers(editable, context))) {
    const type = found.number.getType();
    if (type === 'PREMIUM_RATE' || type === 'SHARED_COST') {
      findings.push(finding('premium-rate-number', {
        fr: `Numéro surtaxé ${found.number.formatNational()} : seuls les numéros géographiques ou gratuits sont permis.`,
        en: `Premium-rate number ${found.number.formatNational()}: only geographic or free numbers are allowed.`,
      }));
    }
  }
  const callbackType = parsePhoneNumberFromString(context.agency.phone)?.getType();
  if (callbackType !== 'FIXED_LINE' && callbackType !== 'TOLL_FREE' && callbackType !== 'FIXED_LINE_OR_MOBILE') {
    findings.push(finding('callback-number-type', {
      fr: `Le numéro de rappel ${context.agency.phone} n'est ni géographique ni gratuit (${callbackType ?? 'invalide'}).`,
      en: `The callback number ${context.agency.phone} is neither geographic nor free (${callbackType ?? 'invalid'}).`,
    }));
  }

  // 4. Links in SMS and e-mails: the portal only.
  if (document.channel !== 'letter') {
    const portal = new URL(context.agency.portalUrl).host.toLowerCase();
    for (const match of editable.matchAll(linkPattern)) {
      const raw = match[0].replace(/[.,;:!?]+$/, '');
      let host: string;
      try {
        host = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`).host.toLowerCase();
      } catch {
        host = raw.toLowerCase();
      }
      if (host === portal) continue;
      const shortener = shorteners.some((s) => host === s || host.endsWith(`.${s}`));
      findings.push(finding('link-not-portal', {
        fr: `Lien vers ${host}${shortener ? ' (raccourcisseur d\'URL)' : ''} : seuls les liens vers ${portal} sont permis.`,
        en: `Link to ${host}${shortener ? ' (URL shortener)' : ''}: only links to ${portal} are allowed.`,
      }));
    }
  }

  // 5. Amounts: no collection fees; a letter asking for payment carries a valid payment block.
  for (const block of blocks) {
    if (block.kind !== 'amounts') continue;
    for (const row of block.rows) {
      if (/frais de (?:recouvrement|dossier|relance|gestion)|collection (?:fee|cost)s?|handling fee/iu.test(row.label)) {
        findings.push(finding('collection-fees', { fr: `Ligne « ${row.label} » : les frais de recouvrement restent à la charge du créancier.`, en: `Line "${row.label}": collection costs remain payable by the creditor.` }));
      }
    }
  }
  if (document.channel === 'letter' && template.asksForPayment) {
    const payment = blocks.find((b) => b.kind === 'payment');
    if (!payment || payment.kind !== 'payment' || !paymentBlockValid(payment.epcPayload, context)) {
      findings.push(finding('payment-block', {
        fr: 'La lettre demande un paiement sans bloc de paiement valide (IBAN du compte dédié, référence RF, code QR EPC).',
        en: 'The letter asks for payment without a valid payment block (dedicated account IBAN, RF reference, EPC QR code).',
      }));
    }
  }

  // 6. A time-barred claim: no demand to pay.
  if (template.timeBarred && (parts.some((p) => p.mentions.includes('payment-demand')) || blocks.some((b) => b.kind === 'payment'))) {
    findings.push(finding('time-barred-demand', {
      fr: 'Une créance prescrite ou forclose ne peut faire l\'objet d\'une demande de paiement.',
      en: 'A time-barred claim cannot be the subject of a demand for payment.',
    }));
  }
  return findings;
}

function paymentBlockValid(payload: string, ctx: TemplateContext): boolean {
  const lines = payload.split('\n');
  try {
    const expected = epcPayload({
      bic: ctx.agency.bic, beneficiaryName: ctx.agency.accountHolder, iban: ctx.agency.iban,
      amountCents: cents(Number((lines[7] ?? '').replace(/^EUR/, '').replace('.', ''))), rfReference: ctx.claim.rfReference,
      ...(lines[11] ? { note: lines[11] } : {}),
    });
    return expected === payload;
  } catch {
    return false;
  }
}
