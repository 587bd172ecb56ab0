/**
 * Limitation periods by debt category, as data (LEGAL_RULES §(b)). `kind` separates a prescription
 * (interrupted by acknowledgement, part payment, court claim: C. civ. 2240–2244) from a forclusion
 * (a time bar the court raises itself; only a court claim or a rescheduling affects it).
 */
export const limitationCategories = [
  'telecom', 'energy', 'water', 'consumer_goods_services', 'consumer_credit', 'mortgage', 'rent', 'professional',
  'enforceable_title',
] as const;
export type LimitationCategory = (typeof limitationCategories)[number];

export const debtorTypes = ['consumer', 'professional'] as const;
export type DebtorType = (typeof debtorTypes)[number];

export const limitationEventTypes = ['acknowledgement', 'partial_payment', 'court_claim', 'rescheduling', 'formal_notice'] as const;
export type LimitationEventType = (typeof limitationEventTypes)[number];

export type StartField = 'dueDate' | 'firstUnpaidDate' | 'titleDate';

export interface LimitationPeriodRule {
  readonly kind: 'prescription' | 'forclusion';
  readonly years: number;
  readonly startsFrom: StartField;
  readonly citation: string;
  /** Consumer-protection periods do not apply to a debtor acting for business: the 5-year rule does. */
  readonly consumerOnly: boolean;
  /** C. civ. 2232 (20-year long stop) does not apply to enforceable titles (CPCE-exéc L111-4) nor to a forclusion. */
  readonly longStop: boolean;
  readonly label: { readonly fr: string; readonly en: string };
}

interface PeriodOptions {
  readonly kind?: LimitationPeriodRule['kind'];
  readonly startsFrom?: StartField;
  readonly consumerOnly?: boolean;
  readonly longStop?: boolean;
}

const period = (years: number, citation: string, fr: string, en: string, options: PeriodOptions = {}): LimitationPeriodRule => ({
  kind: options.kind ?? 'prescription', years, startsFrom: options.startsFrom ?? 'dueDate', citation,
  consumerOnly: options.consumerOnly ?? false, longStop: options.longStop ?? true, label: { fr, en },
});

const consumerTwoYears = (fr: string, en: string): LimitationPeriodRule =>
  period(2, 'C. conso L218-2', fr, en, { consumerOnly: true });

export const limitationPeriods: Readonly<Record<LimitationCategory, LimitationPeriodRule>> = {
  // 1 year from the date the sum became payable; popular advice says 2 years, wrongly.
  telecom: period(1, 'CPCE-télécom L34-2', 'Facture de communications électroniques', 'Electronic communications bill'),
  energy: consumerTwoYears('Facture d’énergie', 'Energy bill'),
  // Water: L218-2 by default; LEGAL_RULES §(b) marks the point as unconfirmed.
  water: consumerTwoYears('Facture d’eau', 'Water bill'),
  consumer_goods_services: consumerTwoYears('Bien ou service fourni à un consommateur', 'Goods or services supplied to a consumer'),
  // Each instalment has its own period from its due date (Cass. 1re civ. 28 Nov 2012 n°11-26.508).
  mortgage: consumerTwoYears('Échéance de crédit immobilier', 'Mortgage instalment'),
  // A 2-year forclusion, not 5 years: from the first unpaid instalment not made good.
  consumer_credit: period(2, 'C. conso R312-35', 'Crédit à la consommation', 'Consumer credit',
    { kind: 'forclusion', startsFrom: 'firstUnpaidDate', consumerOnly: true, longStop: false }),
  rent: period(3, 'Loi 89-462 art. 7-1', 'Loyer ou charges d’un bail d’habitation', 'Residential rent or charges'),
  professional: period(5, 'C. civ. 2224; C. com. L110-4', 'Créance sur un débiteur professionnel', 'Claim against a business debtor'),
  enforceable_title: period(10, 'CPCE-exéc L111-4', 'Titre exécutoire', 'Enforceable title', { startsFrom: 'titleDate', longStop: false }),
};

export const LONG_STOP_YEARS = 20; // C. civ. 2232
export const LONG_STOP_CITATION = 'C. civ. 2232';
export const ACKNOWLEDGEMENT_CITATION = 'C. civ. 2240';
export const COURT_CLAIM_CITATION = 'C. civ. 2241, 2242';
