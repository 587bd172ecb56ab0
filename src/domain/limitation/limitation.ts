import { addYears, maxCivilDate, parseCivilDate, type CivilDate } from '../time/index.ts';
import {
  ACKNOWLEDGEMENT_CITATION, COURT_CLAIM_CITATION, LONG_STOP_CITATION, LONG_STOP_YEARS, limitationPeriods,
  type DebtorType, type LimitationCategory, type LimitationEventType, type LimitationPeriodRule, type StartField,
} from './limitation-rules.ts';

export interface LimitationClaim {
  readonly category: LimitationCategory;
  /** Default 'consumer'. */
  readonly debtorType?: DebtorType | null;
  readonly dueDate?: string | null;
  readonly firstUnpaidDate?: string | null;
  readonly titleDate?: string | null;
}

export interface LimitationEvent {
  readonly type: LimitationEventType;
  readonly date: string;
}

export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

export interface LimitationResult {
  readonly kind: 'prescription' | 'forclusion';
  /** First day of the period now running (the start date, or the last interrupting event). */
  readonly startsOn: CivilDate;
  /** Last day of the term (C. civ. 2229): the claim is time-barred from the next day. */
  readonly expiresOn: CivilDate;
  readonly status: 'running' | 'expired';
  /** The articles applied, e.g. "CPCE-télécom L34-2; C. civ. 2240". */
  readonly basis: string;
  readonly explanation: Bilingual;
}

const startFieldLabel: Readonly<Record<StartField, Bilingual>> = {
  dueDate: { fr: 'l’échéance', en: 'the due date' },
  firstUnpaidDate: { fr: 'le premier incident de paiement non régularisé', en: 'the first unpaid instalment not made good' },
  titleDate: { fr: 'la date du titre', en: 'the date of the title' },
};

const eventLabel: Readonly<Record<LimitationEventType, Bilingual>> = {
  acknowledgement: { fr: 'Reconnaissance de dette', en: 'Acknowledgement of the debt' },
  partial_payment: { fr: 'Paiement partiel', en: 'Part payment' },
  court_claim: { fr: 'Demande en justice', en: 'Court claim' },
  rescheduling: { fr: 'Rééchelonnement', en: 'Rescheduling' },
  formal_notice: { fr: 'Mise en demeure', en: 'Formal notice' },
};

/** Parses a date and names the field in the error, so a bad claim says where the problem is. */
function dateField(field: string, text: string): CivilDate {
  try {
    return parseCivilDate(text);
  } catch (error) {
    throw new RangeError(`${field}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const years = (count: number, language: 'fr' | 'en'): string =>
  language === 'fr' ? (count === 1 ? 'un an' : `${String(count)} ans`) : (count === 1 ? '1 year' : `${String(count)} years`);

/** "de deux ans" but "d’un an": French elides the preposition before a vowel. */
const ofYearsFr = (count: number): string => (count === 1 ? 'd’un an' : `de ${years(count, 'fr')}`);

/**
 * When a claim becomes time-barred, and why. Pure: `asOf` is the day to judge the status on.
 * - The term is counted in calendar years from the start date; `expiresOn` is its last day (C. civ.
 *   2229), so a telecom bill due 2025-03-01 expires on 2026-03-01 and is barred from 2026-03-02.
 * - Events are taken in date order. One dated after the current expiry revives nothing; one before
 *   the start date or after `asOf` is ignored (not yet part of the period, or not yet happened).
 * - Prescription: an acknowledgement, part payment or rescheduling (an acknowledgement by the
 *   debtor) restarts the full period from its date (C. civ. 2240, 2231). A court claim interrupts
 *   until the proceedings end (2241, 2242); that end is not known here, so the new period is counted
 *   from the claim as a floor and the explanation says the real date is later. A formal notice
 *   never interrupts.
 * - Forclusion (consumer credit, C. conso R312-35): only a court claim or a rescheduling counts.
 * - The 20-year long stop from the start (2232) caps prescriptions, except titles (L111-4) and after a
 *   court claim (2232 al. 2 excludes 2241 al. 1).
 * - A consumer-only period (L218-2, R312-35) does not apply to a debtor acting for business: the
 *   general 5-year rule does (C. civ. 2224, C. com. L110-4).
 */
export function limitation(claim: LimitationClaim, events: readonly LimitationEvent[], asOfText: string): LimitationResult {
  const asOf = dateField('asOf', asOfText);
  const categoryRule = limitationPeriods[claim.category];
  const businessDebtor = (claim.debtorType ?? 'consumer') === 'professional' && categoryRule.consumerOnly;
  const rule: LimitationPeriodRule = businessDebtor
    ? { ...limitationPeriods.professional, startsFrom: categoryRule.startsFrom, label: categoryRule.label }
    : categoryRule;
  const startText = claim[rule.startsFrom];
  if (!startText) {
    throw new RangeError(`${rule.startsFrom} is required for category ${claim.category}`);
  }
  const start = dateField(rule.startsFrom, startText);
  const basis = [rule.citation];
  const fr: string[] = [];
  const en: string[] = [];
  const kindFr = rule.kind === 'forclusion' ? 'forclusion' : 'prescription';
  fr.push(`${rule.label.fr} : ${kindFr} ${ofYearsFr(rule.years)} à compter de ${startFieldLabel[rule.startsFrom].fr} du ${start} (${rule.citation}).`);
  en.push(`${rule.label.en}: ${rule.kind === 'forclusion' ? 'time bar (forclusion)' : 'limitation period'} of ${years(rule.years, 'en')} from ${startFieldLabel[rule.startsFrom].en}, ${start} (${rule.citation}).`);
  if (businessDebtor) {
    fr.push(`Le débiteur agit pour les besoins de son activité : ${categoryRule.citation} ne s’applique pas.`);
    en.push(`The debtor acts for business purposes, so ${categoryRule.citation} does not apply.`);
  }

  let startsOn = start;
  let expiresOn = addYears(start, rule.years);
  let courtClaim = false;
  const parsedEvents = events
    .map((event, index) => ({ type: event.type, date: dateField(`events[${String(index)}].date`, event.date), index }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));

  for (const event of parsedEvents) {
    const label = eventLabel[event.type];
    if (event.date < start || event.date > asOf) {
      fr.push(`${label.fr} du ${event.date} : ignorée (${event.date < start ? 'antérieure au point de départ' : 'postérieure à la date d’évaluation'}).`);
      en.push(`${label.en} on ${event.date}: ignored (${event.date < start ? 'before the starting point' : 'after the evaluation date'}).`);
      continue;
    }
    if (event.date > expiresOn) {
      fr.push(`${label.fr} du ${event.date} : intervenue après l’expiration du délai, elle ne le fait pas renaître${event.type === 'partial_payment' ? ' (le paiement ne peut toutefois pas être réclamé, C. civ. 2249)' : ''}.`);
      en.push(`${label.en} on ${event.date}: made after the period had run out, it revives nothing${event.type === 'partial_payment' ? ' (though the payment cannot be claimed back, C. civ. 2249)' : ''}.`);
      continue;
    }
    const restart = (citation: string): void => {
      const candidate = addYears(event.date, rule.years);
      if (candidate > expiresOn) startsOn = event.date;
      expiresOn = maxCivilDate(expiresOn, candidate);
      if (!basis.includes(citation)) basis.push(citation);
    };
    switch (event.type) {
      case 'formal_notice':
        fr.push(`Mise en demeure du ${event.date} : une simple mise en demeure n’interrompt pas ${rule.kind === 'forclusion' ? 'la forclusion' : 'la prescription'}.`);
        en.push(`Formal notice on ${event.date}: a simple formal notice does not interrupt the ${rule.kind === 'forclusion' ? 'time bar' : 'limitation period'}.`);
        break;
      case 'acknowledgement':
      case 'partial_payment':
        if (rule.kind === 'forclusion') {
          fr.push(`${label.fr} du ${event.date} : sans effet sur une forclusion (${rule.citation} : seuls une assignation ou un rééchelonnement comptent).`);
          en.push(`${label.en} on ${event.date}: no effect on a time bar (${rule.citation}: only a court claim or a rescheduling counts).`);
          break;
        }
        restart(ACKNOWLEDGEMENT_CITATION);
        fr.push(`${label.fr} du ${event.date}, avant l’expiration : un nouveau délai ${ofYearsFr(rule.years)} court à partir de cette date (C. civ. 2240, 2231).`);
        en.push(`${label.en} on ${event.date}, before expiry: a new ${years(rule.years, 'en')} period runs from that date (C. civ. 2240, 2231).`);
        break;
      case 'rescheduling':
        restart(rule.kind === 'forclusion' ? rule.citation : ACKNOWLEDGEMENT_CITATION);
        fr.push(`Rééchelonnement du ${event.date} : le délai repart au plus tôt de cette date (le premier impayé non régularisé postérieur le fera courir).`);
        en.push(`Rescheduling on ${event.date}: the period restarts no earlier than that date (from the first unpaid instalment after it).`);
        break;
      case 'court_claim':
        courtClaim = true;
        restart(rule.kind === 'forclusion' ? rule.citation : COURT_CLAIM_CITATION);
        fr.push(`Demande en justice du ${event.date} : elle interrompt le délai jusqu’à l’extinction de l’instance (C. civ. 2241, 2242). Faute de connaître cette date, le nouveau délai est compté à partir de la demande : la date réelle sera plus tardive.`);
        en.push(`Court claim on ${event.date}: it interrupts the period until the proceedings end (C. civ. 2241, 2242). That date is unknown here, so the new period is counted from the claim: the real date will be later.`);
        break;
    }
  }

  if (rule.longStop && rule.kind === 'prescription' && !courtClaim) {
    const longStop = addYears(start, LONG_STOP_YEARS);
    if (expiresOn > longStop) {
      expiresOn = longStop;
      basis.push(LONG_STOP_CITATION);
      fr.push(`Délai butoir : pas plus de 20 ans après la naissance du droit, soit le ${longStop} (C. civ. 2232).`);
      en.push(`Long stop: no later than 20 years after the right arose, i.e. ${longStop} (C. civ. 2232).`);
    }
  }

  const status = asOf > expiresOn ? 'expired' : 'running';
  if (status === 'expired') {
    fr.push(`Dernier jour du délai : ${expiresOn} (C. civ. 2229). Au ${asOf}, la créance est ${rule.kind === 'forclusion' ? 'forclose' : 'prescrite'}.`);
    en.push(`Last day of the period: ${expiresOn} (C. civ. 2229). On ${asOf}, the claim is time-barred.`);
  } else {
    fr.push(`Dernier jour du délai : ${expiresOn} (C. civ. 2229). Au ${asOf}, le délai court encore.`);
    en.push(`Last day of the period: ${expiresOn} (C. civ. 2229). On ${asOf}, the period is still running.`);
  }
  return { kind: rule.kind, startsOn, expiresOn, status, basis: basis.join('; '), explanation: { fr: fr.join(' '), en: en.join(' ') } };
}
