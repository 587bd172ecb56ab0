/**
 * Why a row (or a whole file) is refused, in English and French. Codes are stable (the report and the
 * web catalogue key on them); the texts name the rule and, where there is one, its legal source.
 */

export interface Reason {
  readonly code: ReasonCode;
  readonly en: string;
  readonly fr: string;
}

type Params = Readonly<Record<string, string | number>>;

const catalogue = {
  required: { en: 'Required value is missing', fr: 'Valeur obligatoire manquante' },
  too_long: { en: 'Too long ({length} characters; at most {max})', fr: 'Trop long ({length} caractères ; au plus {max})' },
  malformed_record: { en: 'Malformed record: {detail}', fr: 'Enregistrement mal formé : {detail}' },
  invalid_date: { en: 'Not an existing date (expected YYYY-MM-DD or DD/MM/YYYY)', fr: 'Date inexistante ou illisible (attendu AAAA-MM-JJ ou JJ/MM/AAAA)' },
  date_in_future: { en: 'Date is after the import date {asOf}', fr: 'Date postérieure à la date de l\'import ({asOf})' },
  date_too_old: { en: 'Date is before {min}', fr: 'Date antérieure au {min}' },
  not_exigible: { en: 'The claim is not payable yet: due date after the import date {asOf}', fr: 'Créance non exigible : échéance postérieure à la date de l\'import ({asOf})' },
  invalid_amount: { en: 'Not an amount in euros ({detail})', fr: 'Montant illisible ({detail})' },
  amount_negative: { en: 'Negative amounts are refused', fr: 'Les montants négatifs sont refusés' },
  amount_too_precise: { en: 'More than 2 decimals: amounts are exact to the cent', fr: 'Plus de 2 décimales : les montants sont exacts au centime' },
  amount_not_positive: { en: 'The principal must be greater than 0', fr: 'Le principal doit être supérieur à 0' },
  total_mismatch: { en: 'The total {total} is not the sum of the breakdown {sum} (principal + interest + accessories + fees): the claim is not certain', fr: 'Le total {total} ne correspond pas à la somme du détail {sum} (principal + intérêts + accessoires + frais) : créance non certaine' },
  fees_consumer_without_title: {
    en: 'Collection fees cannot be charged to a consumer without an enforceable title: they stay with the creditor (CPCE-exéc L111-8)',
    fr: 'Des frais de recouvrement ne peuvent être mis à la charge d\'un consommateur sans titre exécutoire : ils restent à la charge du créancier (CPCE-exéc L111-8)',
  },
  unknown_debtor_type: { en: 'Unknown debtor type (consumer or professional)', fr: 'Type de débiteur inconnu (consommateur ou professionnel)' },
  unknown_category: { en: 'Unknown category (one of {allowed})', fr: 'Catégorie inconnue (parmi {allowed})' },
  category_debtor_mismatch: { en: 'Category professional needs debtor type professional', fr: 'La catégorie professional suppose un débiteur professionnel' },
  unknown_civility: { en: 'Unknown civility (M., Mme)', fr: 'Civilité inconnue (M., Mme)' },
  first_unpaid_required: { en: 'A consumer credit needs the first unpaid instalment date (forclusion, C. conso R312-35)', fr: 'Un crédit à la consommation exige la date du premier impayé non régularisé (forclusion, C. conso R312-35)' },
  title_date_required: { en: 'An enforceable-title claim needs the title date (CPCE-exéc L111-4)', fr: 'Une créance fondée sur un titre exécutoire exige la date du titre (CPCE-exéc L111-4)' },
  assignment_not_notified: {
    en: 'Assigned debt not notified to the debtor: the assignment cannot be enforced against them until it is (C. civ. 1324); give the notification date',
    fr: 'Créance cédée non notifiée au débiteur : la cession ne lui est pas opposable tant qu\'elle ne l\'est pas (C. civ. 1324) ; indiquez la date de notification',
  },
  assignment_notified_without_assignment: { en: 'A notification date needs the assignment date', fr: 'Une date de notification suppose la date de cession' },
  notified_before_assignment: { en: 'The debtor cannot be notified before the assignment date {date}', fr: 'La notification ne peut précéder la date de cession ({date})' },
  invalid_phone: { en: 'Not a valid phone number{detail}', fr: 'Numéro de téléphone non valide{detail}' },
  premium_rate_phone: { en: 'Premium-rate numbers are refused', fr: 'Les numéros surtaxés sont refusés' },
  invalid_email: { en: 'Not a valid e-mail address', fr: 'Adresse électronique non valide' },
  unknown_postcode: { en: 'Unknown French postcode', fr: 'Code postal français inconnu' },
  invalid_country: { en: 'Not an ISO 3166-1 country code (two letters, e.g. FR, BE)', fr: 'Code pays ISO 3166-1 non valide (deux lettres, p. ex. FR, BE)' },
  incomplete_address: { en: 'Incomplete postal address: street, postcode and town are needed', fr: 'Adresse postale incomplète : voie, code postal et commune sont nécessaires' },
  name_required: { en: 'The debtor\'s name is missing ({detail})', fr: 'Le nom du débiteur manque ({detail})' },
  duplicate_reference: { en: 'Duplicate creditor reference: already on line {line} of this file', fr: 'Référence créancier en double : déjà présente ligne {line} de ce fichier' },
  // File-level reasons.
  invalid_encoding: { en: 'The file is not UTF-8: invalid byte 0x{byte} at line {line}, column {column}. Save it as UTF-8 and send it again', fr: 'Le fichier n\'est pas en UTF-8 : octet 0x{byte} invalide ligne {line}, colonne {column}. Enregistrez-le en UTF-8 et renvoyez-le' },
  missing_columns: { en: 'Required columns are missing: {columns}', fr: 'Colonnes obligatoires manquantes : {columns}' },
  duplicated_columns: { en: 'Columns given twice: {columns}', fr: 'Colonnes présentes deux fois : {columns}' },
  empty_file: { en: 'The file is empty', fr: 'Le fichier est vide' },
  invalid_json: { en: 'Not a JSON object ({detail})', fr: 'Pas un objet JSON ({detail})' },
} as const satisfies Record<string, { readonly en: string; readonly fr: string }>;

export type ReasonCode = keyof typeof catalogue;

export const reasonCodes = Object.keys(catalogue) as ReasonCode[];

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function reason(code: ReasonCode, params: Params = {}): Reason {
  const entry = catalogue[code];
  return { code, en: fill(entry.en, params), fr: fill(entry.fr, params) };
}
